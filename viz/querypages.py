"""One page per canned query (a form for its parameters, a linked result table with
filters, facets, pages and downloads), the SPARQL page (YASQE, declared prefixes, worked
examples from ``viz/examples``) and the full-text search page.

The served workbench answers ``POST api/query`` (a canned query by name, its parameters
bound as escaped terms by the server), ``POST sparql`` (the SPARQL 1.1 Protocol, passed to
Oxigraph) and ``POST api/export`` (XLSX of a table's rows); opened from disk, a query page
shows the rows computed when the site was written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup
from policykg.viz import html
from policykg.viz.bench import QuerySpec

API = "api/query"
SPARQL = "sparql"
EXPORT = "api/export"  # served only: XLSX of the rows a table shows
LINKS = "assets/links.js"  # IRI → label and page, written with the site
EXAMPLES = Path(__file__).parent / "examples"  # worked examples of the SPARQL page
EDITOR_FILE = "assets/yasqe.min.js"  # YASQE, vendored from npm
_HEADER = re.compile(r"#\s*(title|description|agrees-with)\s*:\s*(.*)")


@dataclass(frozen=True)
class Example:
    """A worked example of the SPARQL page (``viz/examples/*.rq``). ``agrees_with`` names
    the canned query whose answer it must reproduce and the columns compared."""

    name: str
    title: str
    description: str
    text: str
    agrees_with: tuple[str, tuple[str, ...]] | None = None


def examples() -> list[Example]:
    found = []
    for path in sorted(EXAMPLES.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        fields = {m.group(1): m.group(2).strip()
                  for m in map(_HEADER.match, text.splitlines()) if m}
        agrees = None
        if "agrees-with" in fields:
            query, columns = fields["agrees-with"].split()
            agrees = (query, tuple(columns.split(",")))
        body = "".join(line + "\n" for line in text.splitlines() if not _HEADER.match(line))
        found.append(Example(path.stem, fields.get("title", path.stem),
                             fields.get("description", ""), body, agrees))
    return found


def with_prefixes(text: str, prefixes: Mapping[str, str]) -> str:
    """``text`` with PREFIX lines for the ``prefixes`` (name → namespace) it uses but does
    not declare (what the SPARQL page sends; sparql.js does the same in the browser)."""
    declared = {m.lower() for m in re.findall(r"PREFIX\s+([A-Za-z][\w.-]*)?:", text, re.I)}
    body = re.sub(r"<[^>\s]*>|\"(?:[^\"\\\n]|\\.)*\"|#[^\n]*", " ", text)
    lines = [f"PREFIX {name}: <{iri}>\n" for name, iri in sorted(prefixes.items())
             if name not in declared and re.search(rf"(^|[^\w.-]){name}:", body)]
    return "".join(lines) + text


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
        "exportUrl": root + EXPORT,
        "root": root,
    }
    return html.render(
        "query.html",
        scripts=[html.app_script("table"), html.app_script("results"), html.app_script("query")],
        script_files=[root + LINKS],
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


def render_sparql(prefixes: Mapping[str, str], root: str = "") -> str:
    """The SPARQL page: YASQE, the declared ``prefixes`` (name → namespace), the worked
    examples; run on ``/sparql`` of the served workbench."""
    payload: dict[str, object] = {
        "endpoint": root + SPARQL,
        "exportUrl": root + EXPORT,
        "root": root,
        "prefixes": dict(sorted(prefixes.items())),
        # an example shows the PREFIX lines it needs: it runs as it stands anywhere else
        "examples": [{"name": e.name, "title": e.title, "description": e.description,
                      "text": with_prefixes(e.text, prefixes)} for e in examples()],
    }
    return html.render(
        "sparql.html",
        scripts=[html.app_script("table"), html.app_script("results"), html.app_script("sparql")],
        script_files=[root + EDITOR_FILE, root + LINKS],
        connect=True,
        title="SPARQL",
        heading="SPARQL 自由查询 free query",
        subtitle="Oxigraph, read-only; the default graph is the union of all documents",
        root=root,
        examples=examples(),
        prefixes=sorted(prefixes.items()),
        editor_css=Markup(html.vendor_text("yasqe", "yasqe.min.css")),
        spec_json=html.script_json(payload),
    )


SEARCH_QUERY = "view-search"  # queries/view-search.rq: tasks and titles holding the words


def render_search(root: str = "") -> str:
    """The full-text search page (served workbench: it runs ``view-search``)."""
    payload = {"endpoint": root + API, "exportUrl": root + EXPORT, "root": root,
               "query": SEARCH_QUERY}
    return html.render(
        "search.html",
        scripts=[html.app_script("table"), html.app_script("fulltext")],
        script_files=[root + LINKS],
        connect=True,
        title="搜索 Search",
        heading="全文搜索 Full-text search",
        subtitle="任务原文与文件标题 task sentences and document titles",
        root=root,
        spec_json=html.script_json(payload),
    )
