"""Query parameters read the way the builders read names: 区人社局 finds the district bureaus.

``tasks-of-agency`` and ``tasks-for-group`` take what an analyst types — an IRI, a full
name, an abbreviation, a name as some document wrote it, a group's key or label — and this
module turns it into the IRIs the query restricts to (the query's ``VALUES … { UNDEF }``
block). A unit name goes through the same gazetteer resolution the builders apply to every
mention, under each place the lexicon knows (a ``Gazetteer`` the wiring layer provides:
lexicon data only, no document is read again); a group name matches the scheme's labels as
the builders match them (the longest label wins), and brings every narrower concept along.
When nothing matches, the closest names in the graph are offered instead.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Protocol

import pyoxigraph as ox
from policykg.graph.bind import fill_values
from policykg.graph.store import Store
from policykg.graph.summary import SUMMARY_GRAPH
from policykg.ontology import GROUP, ID, PKG, SKOS
from rdflib import URIRef

IRI = re.compile(r"(?:https?|urn|file):[^\s<>\"{}|\\^`]+")
SUGGESTIONS = 5
_CLOSE_ENOUGH = 0.4


@dataclass(frozen=True)
class Suggestion:
    """A name in the graph close to what was asked for; ``label`` is a value to ask with."""

    label: str
    iri: str


@dataclass(frozen=True)
class Resolution:
    """What one parameter value stands for: the IRIs found, or close names when none."""

    param: str
    value: str
    iris: tuple[str, ...]
    suggestions: tuple[Suggestion, ...] = field(default=())

    def to_json(self) -> dict[str, object]:
        return {"param": self.param, "value": self.value, "iris": list(self.iris),
                "suggestions": [{"label": s.label, "iri": s.iri} for s in self.suggestions]}


def resolve(store: Store, param: str, value: str) -> Resolution:
    """The IRIs ``value`` names for the lookup ``param`` (agency or group)."""
    if param == "agency":
        return agencies(store, value)
    if param == "group":
        return groups(store, value)
    raise ValueError(f"no lookup for a parameter named {param!r}")


# ---------------------------------------------------------------- units


def agencies(store: Store, value: str) -> Resolution:
    """Units that own tasks, named by IRI, label, a mention as written, or any name the
    gazetteer resolves (short forms, full names, with or without their place)."""
    text = value.strip()
    if IRI.fullmatch(text):
        return Resolution("agency", value, (text,))
    name = simplified(text)
    found = set(_rows(store, _BY_LABEL, name=ox.Literal(name)))
    found |= set(_rows(store, _BY_MENTION, name=ox.Literal(name)))
    named = _gazetteer.unit_iris(name) if _gazetteer else set()
    if named:
        units = [URIRef(unit) for unit in sorted(named)]
        found |= set(_rows(store, fill_values(_EXISTING, "unit", units)))
    if found:
        return Resolution("agency", value, tuple(sorted(found)))
    return Resolution("agency", value, (), _closest(name, _unit_labels(store)))


class Gazetteer(Protocol):
    """The small interface to the lexicons: a unit's name in, the IRIs it may stand for out.

    The wiring layer (``policykg.gazetteer``) provides the builders' resolution; the query
    layer never imports the builders itself."""

    def unit_iris(self, name: str) -> set[str]: ...


_gazetteer: Gazetteer | None = None


def use_gazetteer(gazetteer: Gazetteer | None) -> None:
    """Set the gazetteer unit names are resolved with (``None``: labels and mentions only)."""
    global _gazetteer
    _gazetteer = gazetteer


def _unit_labels(store: Store) -> list[tuple[str, str]]:
    _, rows = store.query(_UNIT_LABELS)
    return sorted({(row["unit"], row["label"]) for row in rows if row["label"]})


_BY_LABEL = f"""SELECT DISTINCT ?unit ?name WHERE {{
  GRAPH <{SUMMARY_GRAPH}> {{ ?workload <{PKG}forAgency> ?unit ; <{PKG}agencyLabel> ?name }}
}}"""
_BY_MENTION = f"""SELECT DISTINCT ?unit ?name WHERE {{
  GRAPH ?doc {{ ?responsibility <{PKG}mention> ?name ; <{PKG}agency> ?unit }}
}}"""
_EXISTING = f"""SELECT DISTINCT ?unit WHERE {{
  VALUES ?unit {{ UNDEF }}
  GRAPH <{SUMMARY_GRAPH}> {{ ?workload <{PKG}forAgency> ?unit }}
}}"""
_UNIT_LABELS = f"""SELECT ?unit ?label WHERE {{
  GRAPH <{SUMMARY_GRAPH}> {{ ?workload <{PKG}forAgency> ?unit ; <{PKG}agencyLabel> ?label }}
}}"""


# ---------------------------------------------------------------- target groups


def groups(store: Store, value: str) -> Resolution:
    """The concept named by IRI, key or label (the longest label the value holds), with
    every concept narrower than it."""
    text = value.strip()
    wanted: set[str] = set()
    if IRI.fullmatch(text):
        wanted = {text}
    elif _KEY.fullmatch(text):
        found = _rows(store, fill_values(_CONCEPT, "concept", [URIRef(GROUP + text)]), "concept")
        wanted = set(found)
    labels: list[tuple[str, str]] = []
    if not wanted:
        labels = _concept_labels(store)
        name = simplified(text)
        wanted = {iri for iri, label in labels if label == name}
        held = [(len(label), label) for _, label in labels if len(label) >= 2 and label in name]
        if not wanted and held:
            longest = max(held)[1]
            wanted = {iri for iri, label in labels if label == longest}
    if not wanted:
        return Resolution("group", value, (), _closest(simplified(text), labels))
    return Resolution("group", value, tuple(sorted(_narrower(store, wanted))))


def _concept_labels(store: Store) -> list[tuple[str, str]]:
    _, rows = store.query(_LABELS)
    return sorted({(row["concept"], row["label"]) for row in rows})


def _narrower(store: Store, wanted: set[str]) -> set[str]:
    """``wanted`` and everything below it, across the scheme's graph and the documents'
    (a document may coin a concept under one of the scheme's)."""
    _, rows = store.query(_BROADER)
    below: dict[str, set[str]] = {}
    for row in rows:
        below.setdefault(row["broader"], set()).add(row["concept"])
    found, todo = set(wanted), list(wanted)
    while todo:
        for child in below.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


_KEY = re.compile(r"[a-z0-9][a-z0-9-]*")
_CONCEPT = f"""SELECT DISTINCT ?concept WHERE {{
  VALUES ?concept {{ UNDEF }}
  GRAPH ?graph {{ ?concept a <{SKOS}Concept> }}
}}"""
_LABELS = f"""SELECT DISTINCT ?concept ?label WHERE {{
  GRAPH ?graph {{ ?concept a <{SKOS}Concept> ; <{SKOS}prefLabel>|<{SKOS}altLabel> ?name }}
  FILTER(STRSTARTS(STR(?concept), "{GROUP}"))
  BIND(STR(?name) AS ?label)
}}"""
_BROADER = f"""SELECT DISTINCT ?concept ?broader WHERE {{
  GRAPH ?graph {{ ?concept <{SKOS}broader> ?broader }}
}}"""


# ---------------------------------------------------------------- shared


def simplified(text: str) -> str:
    """The value as the builders read text: NFKC, spaces out, Traditional → Simplified."""
    folded = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    return str(_t2s().convert(folded)) if folded else folded


@cache
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


def _rows(store: Store, sparql: str, column: str = "unit", **bindings: ox.Literal) -> list[str]:
    _, rows = store.query(sparql, bindings or None)
    return [row[column] for row in rows if row[column].startswith(ID)]


def _closest(name: str, labels: list[tuple[str, str]]) -> tuple[Suggestion, ...]:
    """The (IRI, label) pairs most like ``name``, best first, one per IRI: most of its
    characters in order (an abbreviation keeps its name's characters: 青浦人社 →
    青浦区人力资源和社会保障局), then difflib's ratio, then the label itself."""
    if not name:
        return ()
    wanted = set(name)
    scored = []
    for iri, label in labels:
        if len(wanted & set(label)) < min(2, len(wanted)):
            continue
        kept = _in_order(name, label) / len(name)
        ratio = difflib.SequenceMatcher(None, name, label, autojunk=False).ratio()
        if max(kept, ratio) >= _CLOSE_ENOUGH:
            scored.append((-kept, -ratio, label, iri))
    best: dict[str, Suggestion] = {}
    for *_, label, iri in sorted(scored):
        best.setdefault(iri, Suggestion(label, iri))
    return tuple(best.values())[:SUGGESTIONS]


def _in_order(short: str, long: str) -> int:
    """Length of the longest common subsequence of two names."""
    previous = [0] * (len(long) + 1)
    for a in short:
        current = [0]
        for j, b in enumerate(long):
            current.append(previous[j] + 1 if a == b else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


__all__ = ["IRI", "Gazetteer", "Resolution", "Suggestion", "agencies", "groups", "resolve",
           "simplified", "use_gazetteer"]
