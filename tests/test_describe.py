"""Every build describes itself in VoID and DCAT (void.ttl): licence, version, dumps,
endpoint, the input files by hash and the activity that made the data; same inputs, same
bytes, wherever the folder is."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import rdflib
from rdflib.namespace import DCAT, DCTERMS, PROV, VOID

import policykg
from policykg.describe import ni_iri

DATASET = rdflib.URIRef("https://w3id.org/policykg/id/dataset")


def description(out: Path) -> rdflib.Graph:
    """void.ttl read as a publisher would serve it: relative IRIs against its own folder."""
    return rdflib.Graph().parse(out / "void.ttl", format="turtle", publicID=out.as_uri() + "/")


def test_the_description_names_licence_version_dumps_and_endpoint(built_graph: Path) -> None:
    graph = description(built_graph)
    assert (DATASET, rdflib.RDF.type, VOID.Dataset) in graph
    assert (DATASET, rdflib.RDF.type, DCAT.Dataset) in graph
    assert graph.value(DATASET, DCTERMS.license) == rdflib.URIRef(
        "https://creativecommons.org/publicdomain/zero/1.0/")
    assert len(str(graph.value(DATASET, DCAT.version))) == 16
    assert str(graph.value(DATASET, VOID.sparqlEndpoint)).endswith("/sparql")
    dumps = [Path(rdflib.URIRef(d).replace("file://", "")) for d in
             graph.objects(DATASET, VOID.dataDump)]
    shards = sorted((built_graph / "shards").glob("*.nq"))
    assert sorted(dumps) == sorted([*shards, built_graph / "summary.nq"])
    lines = sum(p.read_text("utf-8").count("\n") for p in dumps)
    assert int(graph.value(DATASET, VOID.triples)) == lines


def test_the_inputs_are_named_by_their_hash_and_each_document_derives_from_its_file(
    built_graph: Path, seeds_dir: Path
) -> None:
    graph = description(built_graph)
    build = graph.value(DATASET, PROV.wasGeneratedBy)
    assert (build, rdflib.RDF.type, PROV.Activity) in graph
    used = set(graph.objects(build, PROV.used))
    files = sorted(seeds_dir.glob("*.txt"))
    hashes = {p.stem: ni_iri(hashlib.sha256(p.read_bytes()).hexdigest()) for p in files}
    assert used == {rdflib.URIRef(h) for h in hashes.values()}
    with policykg.open_store(built_graph) as store:
        documents = store.documents()
    for doc in documents:
        (source,) = graph.objects(rdflib.URIRef(doc), PROV.wasDerivedFrom)
        assert str(graph.value(source, DCTERMS.identifier)) in hashes
        assert hashes[str(graph.value(source, DCTERMS.identifier))] == str(source)


def test_the_same_inputs_give_the_same_bytes_anywhere(
    built_graph: Path, seeds_dir: Path, tmp_path: Path
) -> None:
    docs = tmp_path / "elsewhere" / "docs"
    shutil.copytree(seeds_dir, docs)
    again = policykg.build_corpus([docs], tmp_path / "elsewhere" / "out", jobs=1, views=False)
    assert not again.failed
    text = (tmp_path / "elsewhere" / "out" / "void.ttl").read_bytes()
    assert text == (built_graph / "void.ttl").read_bytes()
    assert str(tmp_path).encode() not in text


def test_the_licence_is_the_one_given(seeds_dir: Path, tmp_path: Path) -> None:
    licence = "https://creativecommons.org/licenses/by/4.0/"
    policykg.build_corpus([seeds_dir], tmp_path / "out", jobs=1, views=False,
                          license_iri=licence)
    graph = description(tmp_path / "out")
    assert graph.value(DATASET, DCTERMS.license) == rdflib.URIRef(licence)
