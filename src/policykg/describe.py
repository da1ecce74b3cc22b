"""``void.ttl``: a VoID and DCAT description of a build, for whoever publishes or loads it.

It names the licence, the version (a hash of the builder and of every input), the dumps (the
shards and the summary graph, as IRIs relative to the build folder, so the description stays
right wherever the folder is published), the SPARQL endpoint ``policykg serve`` answers at
(``/sparql`` on the same host), the vocabularies used, and how the data was made: a
``prov:Activity`` that used each input file, named by its SHA-256 as an RFC 6920 ``ni:`` IRI,
and from which each document node was derived. No dates and no absolute paths: the same
inputs give the same bytes, and an incremental build writes what a build from nothing writes.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from importlib import metadata
from typing import Protocol

from policykg.ontology import (
    DCAT,
    DCTERMS,
    ELI,
    ID,
    OA,
    ORG,
    PKG,
    PROV,
    QB,
    RDFS,
    SKOS,
    VOID,
    XSD,
)

DATASET = ID + "dataset"
DEFAULT_LICENSE = "https://creativecommons.org/publicdomain/zero/1.0/"
N_QUADS = "https://www.iana.org/assignments/media-types/application/n-quads"
SPARQL_PROTOCOL = "https://www.w3.org/TR/sparql11-protocol/"
VOCABULARIES = (DCAT, DCTERMS, ELI, OA, ORG, PKG, PROV, QB, SKOS)


class Input(Protocol):
    """A built input document, as the build report holds it."""

    source: str
    path: str
    sha256: str
    graph: str
    triples: int


def ni_iri(sha256_hex: str) -> str:
    """RFC 6920 named-information IRI of a file from its SHA-256: ni:///sha-256;<base64url>."""
    digest = base64.urlsafe_b64encode(bytes.fromhex(sha256_hex)).decode("ascii").rstrip("=")
    return f"ni:///sha-256;{digest}"


def version(builder: str, inputs: Sequence[Input]) -> str:
    """A hash of the builder's fingerprint and every input's name and SHA-256."""
    digest = hashlib.sha256(builder.encode("utf-8"))
    for item in sorted(inputs, key=lambda i: i.source):
        digest.update(f"\n{item.source}\t{item.sha256}".encode())
    return digest.hexdigest()[:16]


def tool_version() -> str:
    try:
        return metadata.version("policykg")
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"


def _literal(value: str, datatype: str = "", lang: str = "") -> str:
    text = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if lang:
        return f'"{text}"@{lang}'
    return f'"{text}"^^<{datatype}>' if datatype else f'"{text}"'


def describe(
    inputs: Sequence[Input], *, builder: str, summary_triples: int,
    license_iri: str = DEFAULT_LICENSE,
) -> str:
    """The Turtle text of ``void.ttl`` for a build of ``inputs`` (the documents kept)."""
    documents = sorted(inputs, key=lambda i: i.source)
    release = tool_version()
    build, software = f"{DATASET}/build", f"{ID}software/policykg/{release}"
    triples = sum(d.triples for d in documents) + summary_triples
    dataset = [
        ("a", "void:Dataset, dcat:Dataset"),
        ("dcterms:title", _literal("policykg knowledge graph", lang="en")),
        ("dcterms:description", _literal(
            "Tasks, responsible units, target groups and indicators read from Chinese policy "
            "documents, each fact linked to the words it comes from.", lang="en")),
        ("dcterms:license", f"<{license_iri}>"),
        ("dcterms:rights", _literal(
            "The quoted text belongs to the documents listed as inputs; their terms apply to "
            "it.", lang="en")),
        ("dcat:version", _literal(version(builder, documents))),
        ("void:uriSpace", _literal(ID)),
        ("void:triples", _literal(str(triples), XSD + "integer")),
        ("void:sparqlEndpoint", "</sparql>"),
        ("void:vocabulary", ", ".join(f"<{v}>" for v in VOCABULARIES)),
        ("void:dataDump", ", ".join(["<summary.nq>", *(f"<shards/{d.source}.nq>"
                                                        for d in documents)])),
        ("dcat:distribution", f"<{DATASET}/dump>, <{DATASET}/sparql>"),
        ("prov:wasGeneratedBy", f"<{build}>"),
    ]
    lines = [f"@prefix {p}: <{iri}> ." for p, iri in (
        ("dcat", DCAT), ("dcterms", DCTERMS), ("prov", PROV), ("rdfs", RDFS), ("void", VOID))]
    lines += ["", f"<{DATASET}>", *_properties(dataset)]
    lines += ["", f"<{DATASET}/dump>", *_properties([
        ("a", "dcat:Distribution"), ("dcat:accessURL", "<shards/>"),
        ("dcat:mediaType", f"<{N_QUADS}>"),
        ("dcterms:description", _literal(
            "One N-Quads file per document, its graph named by the document's IRI; "
            "summary.nq holds the corpus summary graph.", lang="en"))])]
    lines += ["", f"<{DATASET}/sparql>", *_properties([
        ("a", "dcat:Distribution"), ("dcat:accessURL", "</sparql>"),
        ("dcat:accessService", f"<{DATASET}/service>")])]
    lines += ["", f"<{DATASET}/service>", *_properties([
        ("a", "dcat:DataService"), ("dcat:endpointURL", "</sparql>"),
        ("dcterms:conformsTo", f"<{SPARQL_PROTOCOL}>"),
        ("dcat:servesDataset", f"<{DATASET}>")])]
    used = ", ".join(f"<{ni_iri(d.sha256)}>" for d in documents) or f"<{DATASET}>"
    lines += ["", f"<{build}>", *_properties([
        ("a", "prov:Activity"), ("prov:wasAssociatedWith", f"<{software}>"),
        ("prov:used", used)])]
    lines += ["", f"<{software}>", *_properties([
        ("a", "prov:SoftwareAgent"), ("rdfs:label", _literal(f"policykg {release}")),
        ("dcat:version", _literal(release)), ("rdfs:seeAlso", f"<{PKG[:-1]}>")])]
    for item in documents:
        lines += ["", f"<{ni_iri(item.sha256)}>", *_properties([
            ("a", "prov:Entity"), ("dcterms:identifier", _literal(item.source)),
            ("rdfs:label", _literal(item.path.rsplit("/", 1)[-1])),
            ("dcterms:hasFormat", f"<shards/{item.source}.nq>")])]
        lines += ["", f"<{item.graph}>", *_properties([
            ("prov:wasDerivedFrom", f"<{ni_iri(item.sha256)}>"),
            ("prov:wasGeneratedBy", f"<{build}>")])]
    return "\n".join(lines) + "\n"


def _properties(pairs: list[tuple[str, str]]) -> list[str]:
    body = [f"    {p} {o}" for p, o in pairs]
    return [line + (" ;" if i < len(body) - 1 else " .") for i, line in enumerate(body)]


__all__ = ["DATASET", "DEFAULT_LICENSE", "describe", "ni_iri", "tool_version", "version"]
