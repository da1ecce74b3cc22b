"""The canned SPARQL queries: one ``.rq`` file each, described by its comment header.

A header names the query and declares its parameters and result columns::

    # title: Tasks of an agency
    # description: …
    # param: agency — unit IRI, full name or a mention
    # lookup: agency -> unit
    # columns: agency,unit,unit_label,role,source,section,task,title

Parameters are bound with the store's substitutions (a term, never text pasted into the
query), which is why a parameter variable must also appear in the SELECT list. A
``lookup`` line says the parameter names things the query restricts to: its value goes
through ``policykg.queries.lookup`` (short and full names resolved as the builders resolve
them) and the IRIs found fill the query's ``VALUES ?unit { UNDEF }`` block; when nothing
matches, ``answer`` carries close names as suggestions.

Paging: every canned query ends with its ORDER BY, so ``run(..., limit=100, offset=200)``
(or ``page(text, limit, offset)`` for a remote endpoint) appends ``LIMIT``/``OFFSET`` to the
outermost query and returns one stable page of the rows; without them the answer is whole.
Whole-corpus aggregates (agency-workload, co-responsibility, stats, group-coverage) read
the corpus summary graph (graph/summary.py) that every build keeps current.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from policykg.graph.bind import fill_values
from policykg.graph.store import Store, Term
from policykg.graph.values import json_value
from policykg.queries import lookup
from policykg.queries.lookup import IRI, Resolution
from rdflib import URIRef

from policykg.errors import QueryError

QUERY_DIR = Path(__file__).parent
_HEADER = re.compile(r"#\s*(title|description|param|lookup|columns)\s*:\s*(.*)")
_LOOKUP = re.compile(r"(\w+)\s*->\s*\??(\w+)")
_PARAM = re.compile(r"(\w+)\s*(?:—|–|-{1,2}|:)?\s*(.*)")

Row = dict[str, str]


@dataclass(frozen=True)
class CannedQuery:
    name: str
    title: str
    description: str
    params: tuple[str, ...]  # parameter names, in header order
    columns: tuple[str, ...]
    text: str
    param_help: tuple[tuple[str, str], ...] = ()  # (name, description)
    lookups: tuple[tuple[str, str], ...] = ()  # (parameter, variable of its VALUES block)


@dataclass(frozen=True)
class Prepared:
    """A canned query ready to send: its text with any looked-up IRIs filled in, the
    parameters to bind, and what each looked-up value was found to name."""

    query: CannedQuery
    text: str
    bindings: dict[str, Term]
    resolutions: tuple[Resolution, ...] = ()


@dataclass(frozen=True)
class Answer:
    """Rows of a canned query, with what its looked-up parameters named (or suggestions)."""

    columns: tuple[str, ...]
    rows: list[dict[str, str]]
    resolutions: tuple[Resolution, ...] = ()

    @property
    def suggestions(self) -> list[lookup.Suggestion]:
        return [s for r in self.resolutions for s in r.suggestions]


def parse(text: str, name: str) -> CannedQuery:
    """A query from its text; header lines are optional for ad-hoc SPARQL."""
    fields: dict[str, str] = {}
    params: list[tuple[str, str]] = []
    lookups: list[tuple[str, str]] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break  # the header ends at the first line of SPARQL
            continue
        found = _HEADER.match(line)
        if not found:
            continue
        key, value = found.group(1), found.group(2).strip()
        if key == "param":
            param = _PARAM.match(value)
            if param:
                params.append((param.group(1), param.group(2).strip()))
        elif key == "lookup":
            pair = _LOOKUP.fullmatch(value)
            if pair:
                lookups.append((pair.group(1), pair.group(2)))
        else:
            fields[key] = value
    columns = tuple(c.strip() for c in fields.get("columns", "").split(",") if c.strip())
    return CannedQuery(
        name=name,
        title=fields.get("title", name),
        description=fields.get("description", ""),
        params=tuple(p for p, _ in params),
        columns=columns,
        text=text,
        param_help=tuple(params),
        lookups=tuple(lookups),
    )


def list_queries() -> list[CannedQuery]:
    """Every canned query shipped with the package, sorted by name."""
    return [load(path) for path in sorted(QUERY_DIR.glob("*.rq"))]


def load(name_or_path: str | Path) -> CannedQuery:
    """A canned query by name (``task-owners``) or an ``.rq`` file by path."""
    path = Path(name_or_path)
    if path.suffix == ".rq" and path.is_file():
        return parse(path.read_text(encoding="utf-8"), path.stem)
    candidate = QUERY_DIR / f"{name_or_path}.rq"
    if isinstance(name_or_path, str) and "/" not in name_or_path and candidate.is_file():
        return parse(candidate.read_text(encoding="utf-8"), str(name_or_path))
    names = ", ".join(p.stem for p in sorted(QUERY_DIR.glob("*.rq")))
    raise QueryError(str(name_or_path), f"no such canned query or .rq file (known: {names})")


def bind(value: str) -> Term:
    """A parameter value as an RDF term: an absolute IRI stays an IRI, anything else is text."""
    if IRI.fullmatch(value):
        try:
            return ox.NamedNode(value)
        except ValueError:
            pass  # not a valid IRI after all: compare it as text
    return ox.Literal(value)


def page(text: str, limit: int | None = None, offset: int = 0) -> str:
    """The query text restricted to one page of its (ordered) rows; unchanged by default."""
    if limit is None and not offset:
        return text
    if (limit is not None and (not isinstance(limit, int) or limit < 0)) or (
        not isinstance(offset, int) or offset < 0
    ):
        raise QueryError("page", "limit and offset must be whole numbers, 0 or more")
    # a trailing comment line would swallow the clause: start it on a line of its own
    clause = "" if limit is None else f"LIMIT {limit} "
    return text.rstrip() + "\n" + clause + (f"OFFSET {offset}" if offset else "") + "\n"


def prepare(
    store: Store, query: CannedQuery | str, params: Mapping[str, str] | None = None
) -> Prepared:
    """Check the parameters, look up the ones the query declares a lookup for, and fill
    their IRIs into the query text (the workbench sends ``text`` with ``bindings`` bound)."""
    canned = query if isinstance(query, CannedQuery) else load(query)
    given = dict(params or {})
    unknown = sorted(set(given) - set(canned.params))
    if unknown:
        raise QueryError(canned.name, f"unknown parameter(s) {', '.join(unknown)}")
    missing = [p for p in canned.params if p not in given]
    if missing:
        raise QueryError(canned.name, f"missing parameter(s) {', '.join(missing)}")
    text = canned.text
    resolutions = []
    try:
        for param, variable in canned.lookups:
            found = lookup.resolve(store, param, given[param])
            resolutions.append(found)
            text = fill_values(text, variable, [URIRef(iri) for iri in found.iris])
    except (SyntaxError, ValueError, RuntimeError, OSError) as exc:
        raise QueryError(canned.name, _first_line(exc)) from exc
    bindings = {name: bind(value) for name, value in given.items()}
    return Prepared(canned, text, bindings, tuple(resolutions))


def answer(
    store: Store,
    query: CannedQuery | str,
    params: Mapping[str, str] | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> Answer:
    """Run a canned query with its parameters bound (and looked up); rows carry exactly its
    columns. ``limit``/``offset`` page the ordered rows (all of them by default)."""
    prepared = prepare(store, query, params)
    canned = prepared.query
    try:
        variables, rows = store.query(page(prepared.text, limit, offset), prepared.bindings)
    except (SyntaxError, ValueError, RuntimeError, OSError) as exc:
        raise QueryError(canned.name, _first_line(exc)) from exc
    columns = canned.columns or tuple(variables)
    found = [{c: row.get(c, "") for c in columns} for row in rows]
    return Answer(columns, found, prepared.resolutions)


def run(
    store: Store,
    query: CannedQuery | str,
    params: Mapping[str, str] | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> list[Row]:
    """The rows of ``answer``: a canned query run with its parameters bound."""
    return answer(store, query, params, limit=limit, offset=offset).rows


def _first_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else repr(exc)


def columns_of(rows: list[Row], columns: tuple[str, ...] | list[str] = ()) -> list[str]:
    return list(columns) if columns else (list(rows[0]) if rows else [])


def to_csv(rows: list[Row], columns: tuple[str, ...] | list[str] = ()) -> str:
    """UTF-8 CSV text with a header line, as the evaluation reads it."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns_of(rows, columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def to_json(rows: list[Row], columns: tuple[str, ...] | list[str] = ()) -> str:
    """Rows as a JSON array of objects: numbers and booleans as JSON numbers and booleans,
    dates as ISO text, everything else as text."""
    names = columns_of(rows, columns)
    body = [{c: json_value(row.get(c, "")) for c in names} for row in rows]
    return json.dumps(body, ensure_ascii=False, indent=1) + "\n"


def write_csv(rows: list[Row], columns: tuple[str, ...] | list[str], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_csv(rows, columns), encoding="utf-8")
    return path


def write_json(rows: list[Row], columns: tuple[str, ...] | list[str], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_json(rows, columns), encoding="utf-8")
    return path


def _width(text: str) -> int:
    """Display width: CJK characters take two columns in a terminal."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def format_table(
    rows: list[Row], columns: tuple[str, ...] | list[str] = (), limit: int = 60
) -> str:
    """Rows as an aligned plain-text table; long cells are cut to ``limit`` characters."""
    names = columns_of(rows, columns)
    if not names:
        return "(no rows)\n"
    cells = [[(row.get(c, "") or "").replace("\n", " ")[:limit] for c in names] for row in rows]
    widths = [max([_width(n)] + [_width(r[i]) for r in cells]) for i, n in enumerate(names)]

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True))

    body = [line(names), line(["-" * w for w in widths])] + [line(r) for r in cells]
    return "\n".join(x.rstrip() for x in body) + f"\n({len(rows)} rows)\n"


__all__ = [
    "QUERY_DIR",
    "Answer",
    "CannedQuery",
    "Prepared",
    "bind",
    "format_table",
    "list_queries",
    "load",
    "page",
    "parse",
    "prepare",
    "run",
    "to_csv",
    "to_json",
    "write_csv",
    "write_json",
]
