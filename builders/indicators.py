"""Indicators: every numeric target and reported figure, in running text and in tables.

``find`` reads tables with ``indicator_tables`` and every other sentence figure by
figure: ``numbers`` finds the quantity, ``indicator_reading`` decides whether it is an
indicator and with which comparator and metric, and the time words around it
(``indicator_words``) give its period and whether it is a goal (target) or a result
(actual): a period before the document's own time is a result, a later one a goal;
otherwise the cue words (力争, 确保 / 已, 累计) and the section headings decide.
"""

from __future__ import annotations

import re
from dataclasses import replace

from policykg.builders.indicator_reading import (
    CLAUSE_STOPS,
    HARD_STOPS,
    LIST_JOINERS,
    LIST_STOPS,
    clause_start,
    comparator,
    exclusion,
    infer_bare_unit,
    level_reached,
    metric_phrase,
    phrase_after,
    ratio_figures,
)
from policykg.builders.indicator_tables import classify, column_kinds, table_indicators
from policykg.builders.indicator_words import DocTime, Period, cues, document_time, find_periods
from policykg.builders.model import Document, Indicator, Span, Task
from policykg.builders.numbers import Quantity, find_quantities

CONTEXT_CHARS = 1000  # how far back a figure's time frame may be stated
# 从52%提高到65%, 从0.8吨标准煤下降到0.7吨: a short noun may follow the first figure
MOVEMENT = re.compile(
    r"[^\d，,。；;]{0,4}?(提高|提升|增加|增长|扩大|下降|降低|减少|缩小|压缩|降)(到|至)\s*")
BASELINE = re.compile(r"[从由](?:19|20)\d{2}年(?:底|末)?的?")
# the starting level of a movement: 从35%…, 由2020年的78%…
MOVEMENT_FROM = re.compile(r"[从由](?:(?:19|20)\d{2}年(?:底|末)?的?)?\s*$")
POLICY_TITLE = re.compile(r"规划|方案|意见|通知|计划|办法|决定|纲要|措施")


def find(document: Document, tasks: tuple[Task, ...] = ()) -> tuple[Indicator, ...]:
    """Every indicator of ``document``, in text order."""
    text = document.source.text
    front = dict(document.source.front_matter)
    time = document_time(text, document.meta.date_signed or front.get("date", ""))
    found: list[Indicator] = []
    tables = []
    for number, table in enumerate(document.tables, start=1):
        found.extend(table_indicators(document, table, number, time))
        if classify(table, time) is not None:
            tables.append(table.span)
    # other tables (task lists, progress reports) are read as running text, cell by cell,
    # a cell under 推进情况 or 目标任务 taking its column's kind
    cells = column_kinds(document.tables, time)
    default = _default_kind(document)
    for sentence in document.sentences or _sentences(text):
        if any(t.start <= sentence.start < t.end for t in tables):
            continue
        for indicator in _sentence_indicators(document, sentence, time, default):
            kind = next((k for span, k in cells if span.contains(indicator.span)), "")
            found.append(replace(indicator, kind=kind) if kind else indicator)  # type: ignore[arg-type]
    unique = {(i.span, i.value, i.unit): i for i in found}
    return tuple(_with_task(i, tasks) for _, i in sorted(unique.items(),
                                                         key=lambda kv: (kv[0][0], kv[0][1:])))


def _sentences(text: str) -> list[Span]:
    spans, start = [], 0
    for i, ch in enumerate(text):
        if ch in HARD_STOPS:
            spans.append(Span(start, i + 1))
            start = i + 1
    if start < len(text):
        spans.append(Span(start, len(text)))
    return spans


def _default_kind(document: Document) -> str:
    head = document.meta.title or document.source.text[:300]
    return "target" if POLICY_TITLE.search(head) or document.meta.doc_number else "actual"


def _with_task(indicator: Indicator, tasks: tuple[Task, ...]) -> Indicator:
    holders = [t for t in tasks if t.span.contains(indicator.span)]
    if not holders:
        return indicator
    best = min(holders, key=lambda t: (len(t.span), t.key))
    return replace(indicator, task=best.key)


def _sentence_indicators(document: Document, sentence: Span, time: DocTime,
                         default: str) -> list[Indicator]:
    text = document.source.text
    out: list[Indicator] = []
    previous: Indicator | None = None
    quantities = find_quantities(text[sentence.start: sentence.end])
    quantities += ratio_figures(text[sentence.start: sentence.end], quantities)
    ordered = sorted(quantities, key=lambda q: q.start)
    for index, q in enumerate(ordered):
        if q.bound == "high":
            continue  # 3至5个, 1-2个: one goal, read from its lower end
        start, end = sentence.start + q.start, sentence.start + _range_end(ordered, index)
        if exclusion(text, q, start, end, sentence.start, sentence.end):
            previous = None
            continue
        before = text[clause_start(text, start, sentence.start): start]
        unit = q.unit or infer_bare_unit(before, text, end, sentence.end)
        if not unit:
            continue
        comp = comparator(before, text, q, end)
        item_start = clause_start(text, start, sentence.start, LIST_STOPS)
        counted = phrase_after(text, end, sentence.end)
        metric = metric_phrase(text[item_start:start], counted)
        joined = previous is not None and LIST_JOINERS.match(text[previous.span.end: start])
        moved = previous is not None and MOVEMENT.fullmatch(text[previous.span.end: start])
        if joined and previous is not None:
            # 分别达到120万人、58万人: the second figure shares the first one's reading
            comp = previous.comparator if comp == "=" else comp
            metric = previous.metric
        elif previous is not None and (len(metric) < 3 or moved):
            metric = previous.metric  # 从35%提高到40%: both ends measure one thing
        period, kind = _time_reading(document, sentence, start, end, time, default)
        if kind == "actual" and comp == ">=" and level_reached(before, text, q, end):
            comp = "="
        if MOVEMENT_FROM.search(before) and MOVEMENT.match(text[end: end + 12]):
            kind = "actual"  # 从35%提高到40%: the starting level is a result
            metric = MOVEMENT_FROM.sub("", metric) or metric
        section = document.section_at(start)
        current = Indicator(metric=metric or counted[:40], value=q.value, unit=unit,
                            comparator=comp, period=period, kind=kind,  # type: ignore[arg-type]
                            span=Span(start, end), section=section.path if section else "")
        out.append(current)
        previous = current
    return out


def _range_end(ordered: list[Quantity], index: int) -> int:
    """End of the figure at ``index``: past its upper end when it opens a range (3至5个)."""
    if ordered[index].bound == "low":
        for later in ordered[index + 1:]:
            if later.bound == "high":
                return later.end
    return ordered[index].end


def _tense_of(periods: list[Period], time: DocTime) -> tuple[str, str]:
    """(tense, label) of the nearest period that can be placed in time, else ('', '')."""
    for period in reversed(periods):
        tense = time.tense(period)
        if tense:
            return tense, period.label
    return "", ""


def _nearest_cue(window: str, role: str, strength: str) -> int:
    """Position just after the last cue of ``role``/``strength`` in ``window``, or -1."""
    best = -1
    for word, value in cues().get(role, ()):
        if value == strength:
            at = window.rfind(word)
            if at >= 0:
                best = max(best, at + len(word))
    return best


def _time_reading(document: Document, sentence: Span, start: int, end: int,
                  time: DocTime, default: str) -> tuple[str, str]:
    text = document.source.text
    window = text[sentence.start: start]
    clause_from = clause_start(text, start, sentence.start) - sentence.start
    context = _context_periods(document, sentence, time)
    # a month without a year (12月份) belongs to the year the text is talking about
    year = next((p.year for p in reversed(context) if p.year), time.year)
    # 每年 distributes over its own clause only; a baseline year (由2020年的70%) dates
    # only the figure right after it
    dated = BASELINE.sub(lambda m: m.group(0) if m.end() == len(window) else "_" * len(m.group(0)),
                         window)
    local = [p for p in find_periods(dated, year)
             if p.label != "每年" or p.end > clause_from]
    after = text[end: end + 10].lstrip("以上下内左右多余")
    if after.startswith(("的目标", "目标")):
        return (local[-1].label if local else ""), "target"
    label = local[-1].label if local else (context[-1].label if context else "")
    tense, _ = _tense_of(local, time)
    if tense == "past":
        return label, "actual"
    if tense in ("future", "plan"):
        return label, "target"
    # cue words inside a title (《…考核目标》) say nothing about the figure
    cue_window = re.sub(r"《[^》]*》", lambda m: "_" * len(m.group(0)), window)
    goal = _nearest_cue(cue_window, "target", "strong")
    done = _nearest_cue(cue_window, "actual", "strong")
    if goal >= 0 or done >= 0:
        return label, "target" if goal > done else "actual"
    if not tense:
        tense, _ = _tense_of(context, time)
        if tense == "past":
            return label, "actual"
        if tense in ("future", "plan"):
            return label, "target"
    if tense == "current":
        return label, "target"  # this year's figure without 已/共有 is still to be reached
    goal = _nearest_cue(cue_window, "target", "weak")
    done = _nearest_cue(cue_window, "actual", "weak")
    if goal >= 0 or done >= 0:
        return label, "target" if goal > done else "actual"
    return label, _section_kind(document, start) or default


def _context_periods(document: Document, sentence: Span, time: DocTime) -> list[Period]:
    """Periods stated before the sentence, a month widened to its year (年末 ends there).

    每年 is left out: it distributes over its own clause, not over the sentences after it.
    """
    return [replace(p, label=str(p.year)) if p.year and "-" in p.label else p
            for p in _earlier_periods(document, sentence, time) if p.label != "每年"]


def _earlier_periods(document: Document, sentence: Span, time: DocTime) -> list[Period]:
    """Periods stated before the sentence: its paragraph, its headings, the text before."""
    text = document.source.text
    paragraph = next((p for p in document.paragraphs if p.start <= sentence.start < p.end), None)
    if paragraph is not None:
        found = find_periods(text[paragraph.start: sentence.start], time.year)
        if found:
            return found
    headings = [s for s in document.sections if s.span.start <= sentence.start < s.span.end]
    for section in sorted(headings, key=lambda s: -s.depth):
        found = find_periods(section.heading, time.year)
        if found:
            return found
    floor = max(0, sentence.start - CONTEXT_CHARS)
    return find_periods(text[floor: sentence.start], time.year)


def _section_kind(document: Document, offset: int) -> str:
    headings = [s for s in document.sections if s.span.start <= offset < s.span.end]
    for section in sorted(headings, key=lambda s: -s.depth):
        for role, kind in (("section-actual", "actual"), ("section-target", "target")):
            if any(w in section.heading for w, _ in cues().get(role, ())):
                return kind
    return ""


__all__ = ["CLAUSE_STOPS", "find"]
