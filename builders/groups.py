"""Target groups of each task: who a measure is aimed at.

Every label of the SKOS scheme ``ontology/groups.ttl`` is looked for inside each task's
span; where labels overlap the longest wins (长期失业青年, not also 青年). A mention
does not count when it is part of a unit's name (退役军人事务局), one item of a list of
monitoring foci (重点区域、重点行业、重点企业) or a partner of a joint action
(与新型农业经营主体对接). Phrases the scheme lacks (农机专业人才) become new concepts
when the clause aims something at them (see ``group_phrases``). One mention per task
and concept: the first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from policykg.builders import group_phrases as gp
from policykg.builders.model import Document, GroupMention, Span, Task

SCHEME = Path(__file__).resolve().parent.parent / "ontology" / "groups.ttl"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PKG = "https://w3id.org/policykg/ontology#"
# the rest of a list that ends in 等 right before a known group: A、B等<label>
EXAMPLES = re.compile(r"(?:、[^、]{1,12})*等")


@dataclass(frozen=True)
class Concept:
    key: str
    label: str  # skos:prefLabel
    labels: tuple[str, ...]  # prefLabel and altLabels, the ways the text may write it
    broader: str = ""
    match: bool = True  # pkg:matchLabels
    needs_cue: bool = False  # pkg:needsCue


@lru_cache(maxsize=1)
def scheme() -> tuple[Concept, ...]:
    """The concepts of ``ontology/groups.ttl``, sorted by key."""
    import rdflib

    graph = rdflib.Graph().parse(SCHEME, format="turtle")
    skos, pkg = rdflib.Namespace(SKOS), rdflib.Namespace(PKG)

    def zh(values: Iterable[object]) -> list[str]:
        return sorted(str(v) for v in values if getattr(v, "language", None) == "zh")

    out = []
    for node in graph.subjects(rdflib.RDF.type, skos.Concept):
        key = str(graph.value(node, skos.notation) or str(node).rsplit("/", 1)[-1])
        pref = zh(graph.objects(node, skos.prefLabel))[0]
        alts = [a for a in zh(graph.objects(node, skos.altLabel)) if a != pref]
        broader = graph.value(node, skos.broader)
        out.append(
            Concept(
                key=key,
                label=pref,
                labels=(pref, *alts),
                broader=str(graph.value(broader, skos.notation) or "") if broader else "",
                match=graph.value(node, pkg.matchLabels) != rdflib.Literal(False),
                needs_cue=graph.value(node, pkg.needsCue) == rdflib.Literal(True),
            )
        )
    return tuple(sorted(out, key=lambda c: c.key))


@lru_cache(maxsize=1)
def _label_index() -> dict[str, Concept]:
    return {label: c for c in scheme() if c.match for label in c.labels}


@lru_cache(maxsize=1)
def _labels_by_first_char() -> dict[str, tuple[tuple[str, Concept], ...]]:
    """The label index bucketed by first character: a clause is searched only for labels
    whose first character it contains."""
    buckets: dict[str, list[tuple[str, Concept]]] = {}
    for label, concept in _label_index().items():
        buckets.setdefault(label[0], []).append((label, concept))
    return {ch: tuple(pairs) for ch, pairs in buckets.items()}


@lru_cache(maxsize=1)
def _label_words() -> tuple[str, ...]:
    return tuple(sorted(_label_index()))


def label_hits(text: str, start: int, end: int) -> list[tuple[int, int, Concept]]:
    """Non-overlapping label occurrences in ``text[start:end]``; longer labels win."""
    buckets = _labels_by_first_char()
    candidates = []
    for ch in set(text[start:end]).intersection(buckets):
        for label, concept in buckets[ch]:
            at = text.find(label, start, end)
            while at >= 0:
                candidates.append((at, at + len(label), concept))
                at = text.find(label, at + 1, end)
    candidates.sort(key=lambda h: (-(h[1] - h[0]), h[0], h[2].key))
    taken: list[tuple[int, int, Concept]] = []
    for hit in candidates:
        if all(hit[1] <= t[0] or t[1] <= hit[0] for t in taken):
            taken.append(hit)
    return sorted(taken, key=lambda h: h[0])


def _counts(text: str, clause: tuple[int, int], s: int, e: int, concept: Concept | None) -> bool:
    """Whether the mention at ``s..e`` names a beneficiary of the clause."""
    body = text[clause[0] : clause[1]]
    rs, re_ = s - clause[0], e - clause[0]
    if gp.names_unit(body[re_:]) or gp.in_foci_list(body, rs, re_):
        return False
    if gp.inside_compound(body[re_:]) or gp.other_sense(body[rs:re_], body):
        return False
    if gp.after_partner(body, rs) or gp.being_founded(body, rs):
        return False
    return not (concept and concept.needs_cue and not gp.has_cue(body, "people"))


def mentions_in(text: str, start: int, end: int) -> list[tuple[int, int, str, Concept | None]]:
    """Every countable group mention between ``start`` and ``end``: label hits and phrases.

    A phrase carries ``None`` as concept and its broader key in place of the label.
    """
    words = _label_words()
    out: list[tuple[int, int, str, Concept | None]] = []
    for clause in gp.clauses(text, start, end):
        hits = label_hits(text, *clause)
        for s, e, concept in hits:
            if _counts(text, clause, s, e, concept):
                out.append((s, e, concept.label, concept))
        for phrase in gp.find_phrases(text, clause, words):
            overlaps = any(not (phrase.end <= h[0] or h[1] <= phrase.start) for h in hits)
            # in "A、B等新型农业经营主体" the known group after 等 is what the list names
            example = any(EXAMPLES.fullmatch(text, phrase.end, h[0]) for h in hits)
            if not (overlaps or example) and _counts(text, clause, phrase.start, phrase.end, None):
                out.append((phrase.start, phrase.end, phrase.broader, None))
    return out


def find(document: Document, tasks: tuple[Task, ...]) -> tuple[GroupMention, ...]:
    """Group mentions of every task, one per (task, concept): the first in the task."""

    text = document.source.text
    found: list[GroupMention] = []
    for task in tasks:
        seen: set[str] = set()
        for s, e, label_or_broader, concept in mentions_in(text, task.span.start, task.span.end):
            mention = text[s:e]
            if concept is None:
                key, label, broader = gp.concept_key(mention), mention, label_or_broader
            else:
                key, label, broader = concept.key, concept.label, ""
            if key in seen:
                continue
            seen.add(key)
            found.append(GroupMention(task.key, key, label, mention, Span(s, e), broader))
    return tuple(found)
