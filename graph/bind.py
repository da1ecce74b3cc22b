"""Bind query parameters into SPARQL text for endpoints that have no binding API.

Each value is serialised as an escaped RDF term by rdflib (``Literal(...).n3()``,
``URIRef(...).n3()``), never pasted as raw text, and put where the variable stood, so a
remote endpoint sees the same pre-bound query as ``pyoxigraph``'s ``substitutions``:
the variable is fixed everywhere, nested groups and UNION branches included, and stays
in the result columns. Where SPARQL grammar needs a variable rather than a term the
value is written as an expression: ``(term AS ?v)`` in the SELECT list, ``(term)`` in
GROUP BY / ORDER BY.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

# One token at a time; strings, IRIs and comments first so a "?x" inside them is left alone.
_TOKEN = re.compile(
    r'''(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\''''
    r"""|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')"""
    r"|(?P<iri><[^<>\"{}|^`\\\s]*>)"
    r"|(?P<comment>#[^\n]*)"
    r"|(?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)"
    r"|(?P<word>[A-Za-z_][A-Za-z0-9_.\-]*(?::[^\s(){}<>,;\"']*)?|:[^\s(){}<>,;\"']*)"
    r"|(?P<space>\s+)"
    r"|(?P<other>.)",
    re.DOTALL,
)
_NAME = re.compile(r"[A-Za-z0-9_\u00B7\u00C0-\uFFFF]+")


def to_term(value: object) -> str:
    """``value`` as one SPARQL term: str → plain literal, numbers/bools → typed literals.

    An IRI must be passed as ``rdflib.URIRef`` (a str is always text, never an IRI);
    ``pyoxigraph`` terms are accepted too.
    """
    if isinstance(value, BNode):
        raise TypeError("a blank node cannot be bound as a query parameter")
    if isinstance(value, Identifier):
        return value.n3()
    if type(value).__module__ == "pyoxigraph":
        return _from_pyoxigraph(value)
    if isinstance(value, (str, bool, int, float)) or type(value).__name__ == "Decimal":
        return Literal(value).n3()
    raise TypeError(f"cannot bind a {type(value).__name__} as an RDF term")


def _from_pyoxigraph(value: object) -> str:
    kind = type(value).__name__
    text = str(getattr(value, "value", ""))
    if kind == "NamedNode":
        return URIRef(text).n3()
    if kind == "Literal":
        language = getattr(value, "language", None)
        if language:
            return Literal(text, lang=language).n3()
        datatype = getattr(value, "datatype", None)
        return Literal(text, datatype=URIRef(datatype.value) if datatype else None).n3()
    raise TypeError(f"cannot bind a pyoxigraph {kind} as a query parameter")


def bind(query: str, bindings: Mapping[str, object] | None) -> str:
    """``query`` with each ``?name`` in ``bindings`` replaced by the escaped value."""
    if not bindings:
        return query
    terms: dict[str, str] = {}
    for name, value in bindings.items():
        bare = name.lstrip("?$")
        if not _NAME.fullmatch(bare):
            raise ValueError(f"not a SPARQL variable name: {name!r}")
        terms[bare] = to_term(value)
    return _substitute(query, terms)


def _substitute(query: str, terms: Mapping[str, str]) -> str:
    out: list[str] = []
    parens = 0
    projection_depth: int | None = None  # paren depth of an open SELECT list
    in_by_list = False  # inside GROUP BY / ORDER BY conditions
    previous = ""  # last significant token, upper-cased
    for match in _TOKEN.finditer(query):
        kind, text = match.lastgroup, match.group()
        if kind in ("space", "comment"):
            out.append(text)
            continue
        if kind == "var" and text[1:] in terms:
            out.append(
                _replacement(text, terms[text[1:]], previous, parens, projection_depth, in_by_list)
            )
            previous = "TERM"
            continue
        upper = text.upper()
        if text == "(":
            parens += 1
        elif text == ")":
            parens -= 1
        elif text in "{}" and kind == "other":
            in_by_list = False
            if projection_depth == parens:
                projection_depth = None
        elif kind == "word":
            if upper == "SELECT":
                projection_depth = parens
            elif upper in ("WHERE", "FROM") and projection_depth == parens:
                projection_depth = None
            elif upper == "BY":
                in_by_list = True
            elif upper in ("LIMIT", "OFFSET", "HAVING", "VALUES"):
                in_by_list = False
        out.append(text)
        previous = upper
    return "".join(out)


def _replacement(
    variable: str,
    term: str,
    previous: str,
    parens: int,
    projection_depth: int | None,
    in_by_list: bool,
) -> str:
    if previous in ("AS", "VALUES"):
        raise ValueError(f"the query assigns {variable} itself; it cannot be a parameter")
    if projection_depth is not None:
        return f"({term} AS ?{variable[1:]})" if parens == projection_depth else f"({term})"
    if in_by_list:
        return f"({term})"
    return term


def fill_values(query: str, variable: str, terms: Sequence[object]) -> str:
    """``query`` with its ``VALUES ?variable { UNDEF }`` block holding ``terms`` instead.

    A canned query that looks a parameter up (policykg.queries.lookup) keeps such a block
    where the looked-up IRIs go; as written it restricts nothing, so the query still runs
    on its own. Each term is escaped like a bound parameter; no terms give no rows.
    """
    bare = variable.lstrip("?$")
    tokens = [(m.lastgroup, m.group(), m.start(), m.end()) for m in _TOKEN.finditer(query)]
    significant = [t for t in tokens if t[0] not in ("space", "comment")]
    pattern = ["VALUES", f"?{bare}", "{", "UNDEF", "}"]
    for i in range(len(significant) - len(pattern) + 1):
        window = significant[i : i + len(pattern)]
        if [w[1].upper() if j in (0, 3) else w[1] for j, w in enumerate(window)] == pattern:
            body = " ".join(to_term(term) for term in terms)
            return query[: window[0][2]] + f"VALUES ?{bare} {{ {body} }}" + query[window[-1][3] :]
    raise ValueError(f"the query has no `VALUES ?{bare} {{ UNDEF }}` block to fill")
