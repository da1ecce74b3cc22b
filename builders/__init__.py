"""Builders: one document file in, facts and RDF out.

``build_document`` is the whole per-document flow, stage by stage; each stage is a
module with one job and reads only what the stages before it produced.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from policykg.builders.model import Facts


@dataclass(frozen=True)
class Built:
    facts: Facts
    nquads: str
    graph: str  # the document's IRI, the name of its graph


def extract(path: Path) -> Facts:
    """Read one file and extract every fact from it."""
    # imported here so that importing the package stays cheap (jieba, lexicons)
    from policykg.builders import (
        agencies,
        groups,
        indicators,
        ingest,
        metadata,
        naming,
        structure,
        tasks,
    )

    source = ingest.read(path)
    document = structure.parse(source)
    document = replace(document, meta=metadata.read(document))
    found_tasks = tasks.find(document)
    where = agencies.jurisdiction(document)
    owners = agencies.read_owners(document, found_tasks, where)
    return Facts(
        document=document,
        tasks=found_tasks,
        owners=owners.owners,
        groups=groups.find(document, found_tasks),
        indicators=indicators.find(document, found_tasks),
        warnings=source.warnings,
        issuers=tuple(naming.resolve(name, where) for name in document.meta.issuers),
        clauses=owners.clauses,
        name_notes=owners.notes,
    )


def build_document(path: Path, variant: str = "") -> Built:
    """Read one file and return its facts and its graph as sorted N-Quads.

    ``variant`` tells this input apart from another with the same 文号 (src/policykg/
    graphnames.py decides it)."""
    from policykg.builders import rdf

    facts = extract(path)
    return Built(facts=facts, nquads=rdf.to_nquads(facts, variant),
                 graph=rdf.graph_name(facts, variant))


__all__ = ["Built", "build_document", "extract"]
