"""One page per canned query (a form for its parameters, a sortable result table with CSV
and JSON download) and the free SPARQL page.

The served workbench answers ``POST api/query`` (a canned query by name, its parameters
bound as escaped terms by the server) and ``POST sparql`` (the SPARQL 1.1 Protocol, passed
to Oxigraph); opened from disk, a page shows the rows computed when the site was written.
"""

from __future__ import annotations

from policykg.viz import html
from policykg.viz.bench import QuerySpec

API = "api/query"
SPARQL = "sparql"
EXAMPLE = """PREFIX pkg: <https://w3id.org/policykg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>

SELECT ?unit ?label (COUNT(?task) AS ?tasks) WHERE {
  ?task pkg:hasResponsibility/pkg:agency ?unit .
  ?unit skos:prefLabel ?label .
} GROUP BY ?unit ?label ORDER BY DESC(?tasks) LIMIT 20
"""


def query_url(name: str, root: str = "") -> str:
    return f"{root}query/{name}.html"


def render_query(spec: QuerySpec, root: str = "../") -> str:
    payload = {
        "mode": "canned",
        "name": spec.name,
        "params": [list(p) for p in spec.params],
        "columns": list(spec.columns),
        "rows": [dict(row) for row in spec.rows] if spec.rows is not None else None,
        "endpoint": root + API,
    }
    return html.render(
        "query.html",
        scripts=[html.app_script("table"), html.app_script("query")],
        connect=True,
        title=spec.title,
        heading=spec.title,
        subtitle=spec.name,
        root=root,
        description=spec.description,
        mode="canned",
        name=spec.name,
        params=spec.params,
        text=spec.text,
        spec_json=html.script_json(payload),
    )


def render_sparql(root: str = "") -> str:
    payload: dict[str, object] = {
        "mode": "sparql",
        "name": "sparql",
        "params": [],
        "columns": [],
        "rows": None,
        "endpoint": root + SPARQL,
    }
    return html.render(
        "query.html",
        scripts=[html.app_script("table"), html.app_script("query")],
        connect=True,
        title="SPARQL",
        heading="SPARQL 自由查询 free query",
        subtitle="Oxigraph, read-only; the default graph is the union of all documents",
        root=root,
        description="",
        mode="sparql",
        name="sparql",
        params=(),
        text=EXAMPLE,
        spec_json=html.script_json(payload),
    )
