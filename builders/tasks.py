"""Tasks: the measures of a document that carry work.

An enumerated document (a plan, an opinion) has one task per leaf numbered section,
except under parts that frame the plan (指导思想, 基本原则, 目标, 回顾 …; the words are
in builders/lexicons/non-tasks.tsv). A news page has no measures of its own: there a
task is a sentence in which a named unit does or will do something (section "").
A page that only embeds a short numbered list late in its text is a news page.
A task-division table (重点任务分工表) gives one task per row (builders/task_tables.py);
the section holding it keeps only its text before the table.
"""

from __future__ import annotations

import re
from dataclasses import replace

from policykg.builders import task_tables
from policykg.builders.lexicon import label_words, non_task_words
from policykg.builders.model import Document, Section, Span, Task
from policykg.builders.owners import ListRule, read_clauses, unit_lists
from policykg.builders.prose import find_agents

ENUMERATED_BEFORE = 1 / 3  # numbering that starts this early in the text structures it
PUBLISHING = re.compile(r"(?:关于(?:印发|转发|下发)|(?:印发|转发)关于)[^。]*?的通知")
TITLE_MAX = 60
# a heading that directs a unit (区绩效考评机构要将…) is a measure, whatever words it holds
DIRECTIVE = re.compile(r"[局委办室厅部会处所院站队心组府门位构](?:要|将|应当|应|须|负责)")


def find(document: Document) -> tuple[Task, ...]:
    rows = task_tables.tasks(document)
    table_spans = sorted({r.table.span for r in task_tables.rows(document)})
    if is_enumerated(document):
        text_tasks = []
        for sec in measures(document):
            span = _before_tables(sec.span, table_spans)
            # a title alone (四、保障措施) is no measure; one sentence (一、各责任单位要…。) is
            sentence = document.source.text[sec.heading_span.end : sec.heading_span.end + 1]
            if len(span) > len(sec.marker) + len(sec.heading) + 1 or (
                    sentence and sentence in "。；;"):
                text_tasks.append(Task(key=sec.path, section=sec.path, heading=sec.heading,
                                       span=span))
        text_tasks += _owned_parts(document)
    else:
        text_tasks = [t for t in sentence_tasks(document)
                      if not any(s.contains(t.span) for s in table_spans)]
    return _unique_keys(sorted([*text_tasks, *rows], key=lambda t: t.span.start))


def _unique_keys(tasks: list[Task]) -> tuple[Task, ...]:
    """A numbering read twice (two (4) under articles the outline does not show) still
    gives two tasks: the later one's key takes its place in the text."""
    seen: set[str] = set()
    out = []
    for task in tasks:
        if task.key in seen:
            task = replace(task, key=f"{task.key}@{task.span.start}")
        seen.add(task.key)
        out.append(task)
    return tuple(out)


def _owned_parts(document: Document) -> list[Task]:
    """A part whose heading (or text before its first item) names its owners —
    一、实施技能提升行动（市人社局牵头）, or a first sentence 由X承办，Y协办。 — is a task of
    its own: the part's owners. Prose further on in that text only frames the items."""
    text = document.source.text
    out = []
    for sec in document.sections:
        children = [c for c in document.sections if len(c.number) > len(sec.number)
                    and c.number[: len(sec.number)] == sec.number
                    and sec.span.start < c.span.start < sec.span.end]
        if not children or _framing(document, sec):
            continue
        own = Span(sec.span.start, min(c.span.start for c in children))
        clauses, _ = read_clauses(text[own.start : own.end], own.start, ListRule())
        opening = text.find("。", sec.heading_span.end, own.end)
        opening = own.end if opening < 0 else opening
        if any(c.items and (c.marked or c.start < opening) for c in clauses):
            out.append(Task(key=sec.path, section=sec.path, heading=sec.heading, span=own))
    return out


def _before_tables(span: Span, tables: list[Span]) -> Span:
    """A section's text up to the first task table inside it (the rows are tasks)."""
    for table in tables:
        if span.start <= table.start < span.end:
            return Span(span.start, table.start)
    return span


def is_enumerated(document: Document) -> bool:
    if not document.sections:
        return False
    text = document.source.text
    if unit_lists(text, 0, ListRule())[0]:
        return True
    first = document.sections[0]
    if first.style == "cn" and first.number == (1,) and any(
        s.depth >= 3 for s in document.sections
    ):
        return True  # 一、(一)1.: a plan's own outline, however long its preamble
    start = plan_start(document)
    if start and document.sections[0].span.start > start:
        return True  # 关于印发…的通知, then the plan's title: its numbering is its outline
    return document.sections[0].span.start - start < (len(text) - start) * ENUMERATED_BEFORE


def plan_start(document: Document, before: int | None = None) -> int:
    """Where the plan a notice publishes begins (its own title line), else 0.

    关于印发…的通知, the notice's few lines, then the plan's title and its numbered
    measures: the numbering structures the plan, however long the notice before it.
    The title is looked for before the first section, or before ``before`` (a notice
    may number its own items — 一、各责任单位要… — before the plan's title).
    """
    text = document.source.text
    if not document.sections:
        return 0
    first = document.sections[0].span.start if before is None else before
    heads = [p for p in document.paragraphs if p.end <= first]
    if not any(PUBLISHING.search(text[p.start : p.end]) for p in heads[:4]):
        return 0
    ends = tuple(label_words("plan"))
    titles = [p for p in heads[1:] if len(p) <= TITLE_MAX and text[p.start : p.end].endswith(ends)
              and not any(c in text[p.start : p.end] for c in "。,;:,;:")]
    return titles[-1].start if titles else 0


def measures(document: Document) -> list[Section]:
    """Leaf sections outside the framing parts, in document order."""
    out = []
    for sec in document.sections:
        # a child lies inside its parent: a numbering that starts again further on (a
        # notice's 一、二、 then its plan's 一、（一）) gives no children to the first one
        has_child = any(len(c.number) > len(sec.number) and c.number[: len(sec.number)]
                        == sec.number and sec.span.start < c.span.start < sec.span.end
                        for c in document.sections)
        if has_child or (_framing(document, sec) and not _names_owners(document, sec)):
            continue
        out.append(sec)
    return out


def _names_owners(document: Document, sec: Section) -> bool:
    """A goal part that assigns its goals (主要预期目标：…（省发展改革委牵头）) is a measure."""
    text = document.source.text[sec.span.start : sec.span.end]
    clauses, _ = read_clauses(text, sec.span.start, ListRule(), plain=False)
    return any(c.marked and c.items for c in clauses)


def _framing(document: Document, sec: Section) -> bool:
    """Inside a part titled 总体目标, 指导思想 …: a title, not a measure that happens to say
    目标任务 (区绩效考评机构要将…确定的重要目标任务纳入考核)."""
    words = non_task_words()
    for other in document.sections:
        if sec.number[: len(other.number)] == other.number and other.span.contains(
            sec.span
        ) and any(w in other.heading for w in words) and not DIRECTIVE.search(other.heading):
            return True
    return False


def sentence_tasks(document: Document) -> tuple[Task, ...]:
    text = document.source.text
    out = []
    for span in document.sentences:
        sentence = text[span.start : span.end]
        if find_agents(sentence):
            out.append(Task(key=f"s{span.start}", section="", heading=_headline(sentence),
                            span=span))
    return tuple(out)


def _headline(sentence: str) -> str:
    first = sentence.strip().split("，")[0]
    return first[:40]
