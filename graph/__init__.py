"""Storage and checking of the graph: the ``Store`` protocol, the embedded store, SHACL."""

from policykg.graph.store import EmbeddedStore, Store, to_rdflib_dataset

__all__ = ["EmbeddedStore", "Store", "to_rdflib_dataset"]
