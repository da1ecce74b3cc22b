"""Target groups: policy text in, the groups each task is aimed at out.

Each file in tests/cases/groups/ holds one task's text, a line ``# expect``, then one
row per expected mention in order: the concept's preferred label, the mention as
written, and — for a phrase the scheme lacks — the key of its broader concept.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from policykg.builders import group_phrases, groups
from policykg.builders.model import Document, DocumentMeta, Source, Span, Task

CASES = sorted((Path(__file__).parent / "cases" / "groups").glob("*.txt"))


def _document(text: str) -> Document:
    source = Source(
        id="case", path="case.txt", raw=text, text=text, offsets=tuple(range(len(text) + 1))
    )
    return Document(source, DocumentMeta(), (), (), (), ())


def _read_case(path: Path) -> tuple[str, list[tuple[str, ...]]]:
    text, expect = path.read_text("utf-8").split("# expect\n")
    rows = [tuple(line.split("\t")) for line in expect.splitlines() if line.strip()]
    return text.strip(), [(*r, "")[:3] for r in rows]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path: Path) -> None:
    text, expected = _read_case(path)
    task = Task(key="1", section="1", heading="", span=Span(0, len(text)))
    found = groups.find(_document(text), (task,))
    got = [(m.label, m.mention, m.new_concept_broader) for m in found]
    assert got == expected
    for m in found:
        assert text[m.span.start : m.span.end] == m.mention
        assert m.task == "1"


def test_no_group_outside_tasks() -> None:
    text = "工作目标：帮助高校毕业生就业。一、支持农民工返乡创业。"
    task = Task(key="1", section="1", heading="", span=Span(text.index("一"), len(text)))
    found = groups.find(_document(text), (task,))
    assert [m.concept for m in found] == ["migrant-workers"]


def test_new_concept_key_is_derived_from_the_phrase() -> None:
    text = "加大对农机人才的支持力度。"
    task = Task(key="1", section="1", heading="", span=Span(0, len(text)))
    first = groups.find(_document(text), (task,))
    again = groups.find(_document("前言。" + text), (Task("2", "2", "", Span(0, len(text) + 3)),))
    assert first[0].concept == again[0].concept == group_phrases.concept_key("农机人才")
    assert first[0].concept not in {c.key for c in groups.scheme()}


def test_scheme_is_a_tree_with_unique_labels() -> None:
    concepts = groups.scheme()
    keys = {c.key for c in concepts}
    labels = [label for c in concepts for label in c.labels]
    assert len(labels) == len(set(labels)), "a label must name one concept"
    assert all(c.broader in keys for c in concepts if c.broader)
    tops = {c.key for c in concepts if not c.broader}
    assert tops == {"people", "enterprises"}
    by_key = {c.key: c for c in concepts}
    assert by_key["long-term-unemployed-youth"].broader == "youth"
    assert by_key["graduates"].broader == "youth"
    for head in group_phrases.lexicon().heads.values():
        assert head[0] in keys, head
