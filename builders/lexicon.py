"""The unit lexicons (builders/lexicons/*.tsv) loaded once, as plain lookup tables.

The tables are data an analyst extends; this module only reads them. Every TSV has a
header line; lines starting with ``#`` are comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LEXICONS = Path(__file__).parent / "lexicons"


@dataclass(frozen=True)
class Place:
    name: str  # 青浦区
    short: str  # 青浦
    abbrs: tuple[str, ...]  # document-number forms: 青 (青府规发)
    parent: str  # 上海市
    level: str  # national | provincial | municipal | district | county


@dataclass(frozen=True)
class UnitForm:
    form: str  # as written: 区人社局 → 人社局
    full: str  # official name (national) or body (local), {jur} = jurisdiction slot
    scope: str  # national | local
    kind: str  # unit | collective | category
    national: str  # central counterpart of a local unit


def read_tsv(name: str) -> list[dict[str, str]]:
    lines = [
        line
        for line in (LEXICONS / name).read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        cells = line.split("\t")
        rows.append({h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)})
    return rows


@cache
def places() -> dict[str, Place]:
    out: dict[str, Place] = {}
    for row in read_tsv("jurisdictions.tsv"):
        abbrs = tuple(a for a in row["abbr"].split(",") if a)
        out[row["name"]] = Place(row["name"], row["short"], abbrs, row["parent"], row["level"])
    return out


@cache
def unit_forms() -> dict[tuple[str, str], UnitForm]:
    """(scope, form) → the unit it writes."""
    out: dict[tuple[str, str], UnitForm] = {}
    for row in read_tsv("agencies.tsv"):
        form = UnitForm(
            row["form"], row["full"], row["scope"], row["kind"] or "unit", row["national"]
        )
        out[(form.scope, form.form)] = form
    return out


@cache
def collective_forms() -> dict[str, str]:
    return {row["form"]: row["full"] for row in read_tsv("collectives.tsv")}


@cache
def unit_words(kind: str) -> tuple[str, ...]:
    """Words of one type from unit-types.tsv, longest first (for regex alternation)."""
    words = {row["word"] for row in read_tsv("unit-types.tsv") if row["type"] == kind}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


@cache
def prefix_levels() -> dict[str, str]:
    rows = read_tsv("unit-types.tsv")
    return {row["word"]: row["value"] for row in rows if row["type"] == "prefix"}


@cache
def scope_levels() -> dict[str, str]:
    """Scope words that name a level (市级, 州直) → that level."""
    rows = read_tsv("unit-types.tsv")
    return {row["word"]: row["value"] for row in rows if row["type"] == "scope" and row["value"]}


@cache
def role_words(kind: str) -> dict[str, str]:
    """Words of one type from roles.tsv → the role they give."""
    return {row["word"]: row["value"] for row in read_tsv("roles.tsv") if row["type"] == kind}


@cache
def non_task_words() -> tuple[str, ...]:
    return tuple(row["word"] for row in read_tsv("non-tasks.tsv"))


@cache
def place_names() -> tuple[str, ...]:
    """Every way a place is written in front of a unit, longest first."""
    names = set()
    for place in places().values():
        if place.level != "national":
            names.add(place.name)
            names.add(place.short)
    names.discard("")  # a place listed without a short name
    return tuple(sorted(names, key=lambda w: (-len(w), w)))


def alternation(words: tuple[str, ...]) -> str:
    """A regex matching any of ``words``, the longest that fits first, written as a trie
    (上海(?:市)?): with thousands of place names a flat ``a|b|c`` is tried word by word at
    every position, the trie one character at a time."""
    trie: dict[str, dict] = {}
    for word in words:
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:  # a word ends here, a longer one may go on: try the longer first
        return "(?:" + body + ")?" if len(branches) > 1 or len(body) > 1 else body + "?"
    return body


@cache
def mention_pattern() -> re.Pattern[str]:
    """A unit name in running text: a prefix (place or level word) and a body.

    Bodies are lexicon forms first, then any short run of Han characters ending in a
    unit suffix. National forms stand alone. Used only where the context says a unit
    is expected (lists, agent positions), never to scan free text blindly.
    """
    forms = tuple(sorted({f for (_, f) in unit_forms()}, key=lambda w: (-len(w), w)))
    national = tuple(f for f in forms if ("national", f) in unit_forms())
    prefix = "(?:" + alternation(place_names()) + "|" + alternation(tuple(prefix_levels())) + ")"
    scope = "(?:" + alternation(unit_words("scope")) + ")?"
    suffix = alternation(unit_words("suffix") + unit_words("category"))
    han = "(?:(?![的地得])[\u4e00-\u9fff])"
    body = "(?:" + alternation(forms) + "|" + han + "{1,14}?(?:" + suffix + "))"
    collective = "(?:" + alternation(tuple(sorted(collective_forms(), key=lambda w: -len(w)))) + ")"
    team = "团(?:" + alternation(tuple(prefix_levels())) + ")委"
    parent = "(?:" + alternation(national) + ")"
    categories = tuple(f for (scope, f), u in unit_forms().items() if u.kind == "category")
    category = "(?:" + alternation(tuple(sorted(categories, key=lambda w: (-len(w), w)))) + ")"
    sub_unit = parent + "[\u4e00-\u9fff]{2,10}?司"
    branches = branch_forms()
    branch = ("(?:" + alternation(tuple(sorted({b.lead for b in branches if b.lead}, key=len,
                                                reverse=True))) + ")?(?:"
              + alternation(place_names()) + ")(?:"
              + alternation(tuple(sorted({b.tail for b in branches}, key=len, reverse=True)))
              + ")")
    # every alternative starts with a word of these lists: a class of their first
    # characters lets the engine pass over the rest of the text quickly
    starts = {w[0] for words in (place_names(), tuple(prefix_levels()), unit_words("scope"),
                                 tuple(collective_forms()), national, categories,
                                 tuple(b.lead for b in branches)) for w in words if w}
    return re.compile(
        "(?=[" + re.escape("".join(sorted({*starts, "团"}))) + "])"
        "(?:" + branch + "|" + collective + "|" + team + "|" + sub_unit + "|(?:" + scope[:-1]
        + "|" + prefix
        + scope + ")" + body + "|" + category + "|" + parent + ")"
    )


@cache
def label_words(kind: str) -> dict[str, str]:
    """Words of one type from labels.tsv (label / column / deadline) → their value."""
    return {row["word"]: row["value"] for row in read_tsv("labels.tsv") if row["type"] == kind}


@dataclass(frozen=True)
class BranchForm:
    lead: str  # written before the place: 人行
    tail: str  # written after it: 中心支行
    full: str  # official name, {short} / {name} = the place
    body: str  # key of the branch under its place
    national: str  # the central unit it belongs to


@cache
def branch_forms() -> tuple[BranchForm, ...]:
    """Branches of central units (branches.tsv), longest written forms first."""
    rows = [BranchForm(r["lead"], r["tail"], r["full"], r["body"], r["national"])
            for r in read_tsv("branches.tsv")]
    return tuple(sorted(rows, key=lambda b: (-len(b.lead) - len(b.tail), b.lead, b.tail)))
