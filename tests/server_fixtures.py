"""A small graph to serve: documents as N-Quads and a helper that builds a store folder.

Until the seed build is used here, the graph is two hand-written documents in the shape
builders/rdf.py writes: a task with a lead and a co-operating unit (responsibility nodes
with role concepts), a target-group link, an indicator and span nodes with their quotes.
"""

from __future__ import annotations

from pathlib import Path

from policykg.graph.store import EmbeddedStore
from policykg.ontology import DCTERMS, GROUP, ID, OA, ORG, PKG, PROV, RDF, ROLE_CONCEPTS, SKOS, XSD

DOC_A = ID + "doc/sh-2023-graduates"
DOC_B = ID + "doc/sh-2024-elderly-care"


def _doc(doc: str, title: str, lead: str, co: str, group: str, mention: str, target: str) -> str:
    task, link, ind = f"{doc}/task/1", f"{doc}/grouplink/1/{group}", f"{doc}/indicator/1"
    quote = f"{title}（{lead}牵头，{co}配合）"
    lines = [
        f"<{doc}> <{RDF}type> <{PKG}Document>",
        f'<{doc}> <{DCTERMS}identifier> "{doc.rsplit("/", 1)[1]}"',
        f"<{task}> <{RDF}type> <{PKG}Task>",
        f"<{task}> <{DCTERMS}isPartOf> <{doc}>",
        f'<{task}> <{PKG}section> "二、1"',
        f'<{task}> <{DCTERMS}title> "{title}"@zh',
        f"<{task}> <{PROV}wasDerivedFrom> <{doc}/span/10-42>",
        f'<{doc}/span/10-42> <{OA}start> "10"^^<{XSD}integer>',
        f'<{doc}/span/10-42> <{OA}exact> "{quote}"',
        f"<{task}> <{PKG}hasGroupLink> <{link}>",
        f"<{link}> <{PKG}group> <{GROUP}{group}>",
        f'<{link}> <{PKG}mention> "{mention}"',
        f"<{ind}> <{RDF}type> <{PKG}Indicator>",
        f"<{ind}> <{PKG}task> <{task}>",
        f'<{ind}> <{RDF}value> "{target}"^^<{XSD}decimal>',
    ]
    for order, (agency, role) in enumerate(((lead, "lead"), (co, "co")), 1):
        resp, unit = f"{doc}/resp/1/{order}", f"{ID}agency/{agency}"
        lines += [
            f"<{task}> <{PKG}hasResponsibility> <{resp}>",
            f"<{resp}> <{PKG}agency> <{unit}>",
            f"<{resp}> <{PKG}role> <{ROLE_CONCEPTS[role]}>",
            f'<{resp}> <{PKG}order> "{order}"^^<{XSD}integer>',
            f'<{resp}> <{PKG}mention> "{agency}"',
            f"<{unit}> <{RDF}type> <{ORG}Organization>",
            f'<{unit}> <{SKOS}prefLabel> "{agency}"@zh',
        ]
    return "".join(f"{line} <{doc}> .\n" for line in lines)


DOCUMENTS: dict[str, str] = {
    DOC_A: _doc(
        DOC_A,
        "做好高校毕业生就业服务",
        "市人力资源社会保障局",
        "市教委",
        "graduates",
        "应届高校毕业生",
        "90.50",
    ),
    DOC_B: _doc(
        DOC_B, "完善社区养老服务网络", "市民政局", "市人力资源社会保障局", "elderly", "老年人", "3"
    ),
}


def build_store(folder: Path, documents: dict[str, str] = DOCUMENTS) -> Path:
    """A closed on-disk store holding ``documents``; the folder is ready to be served."""
    with EmbeddedStore(folder) as store:
        for graph in sorted(documents):
            store.replace_document(graph, documents[graph])
    return folder
