"""Responsibility lists: the ways a document says who carries out a measure.

All conventions work on plain strings and return offsets into the string given:
  （责任单位：A、B、C）                       every unit responsible
  （牵头单位：X；配合单位/责任单位：Y）         X lead, Y co
  （A、B、C等负责，列第一位者为牵头单位，下同）  first lead, rest co; 下同 carries the
                                                rule to every later list in the document
  （X牵头，Y配合） （X、Y牵头，Z参加）          lead / co (参加, 参与 = co)
  （A、B按照职责分工负责）                      responsible; with 列第一位者为牵头单位 in
                                                the same bracket, first lead, rest co
  （X牵头，Y及Z按职责分工负责）                 X lead, Y and Z co
  〔责任单位：A、B按职责分工负责。具体…下同。〕    the label's units, verb and sentence cut
  部门分工：X牵头，Y配合                        a label whose roles are in the verbs
  （完成时限：2023年12月。责任部门：A、B）       deadline + owners (builders/deadlines.py)
  （A、B负责，2022年底前完成）                   deadline written without a label
  （A（牵头）、B、C）                            A lead, the rest co
  A，B负责                                      units before the comma share the verb
A task-division table row takes its roles from the column headers (``row_owners``).
Label words and table headers are data: builders/lexicons/labels.tsv. Where one item
ends and the next begins is builders/list_items.py; a list is kept when every item
reads as a unit and the lexicon knows at least one of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from policykg.builders import task_tables
from policykg.builders.deadlines import due, labelled
from policykg.builders.lexicon import label_words
from policykg.builders.list_items import (
    could_be_unit,
    groups,
    is_tail,
    looks_like_unit,
    split_items,
)

LABELS = label_words("label")
LABEL_RE = re.compile("(" + "|".join(sorted(LABELS, key=len, reverse=True)) + r")\s*[:：]")
STOP_RE = re.compile("[。；;\n]|" + "|".join(label_words("deadline")))
LEAD_FIRST_RE = re.compile(r"(?:列|排在?|排)?第一(?:位|个|家)(?:者|的)?(?:为|是)牵头(?:单位|部门)")
VERB_TAIL = (
    ("按照职责分工负责", "each"), ("按职责分工负责", "each"),
    ("牵头负责", "lead"), ("共同负责", "each"), ("分别负责", "each"),
    ("负责", "responsible"), ("牵头", "lead"), ("配合", "co"), ("协同", "co"),
    ("参加", "co"), ("参与", "co"),
)
LEAD_MARK_RE = re.compile(r"[(（]牵头(?:单位|部门)?[)）]$")
_CLAUSE_RE = re.compile(r"[^，,。；;]+")
_SENTENCE_RE = re.compile(r"[^。；;\n\0]+")
_COMMA_PART_RE = re.compile(r"[^，,]+")


@dataclass(frozen=True)
class Listed:
    mention: str
    start: int
    end: int
    role: str  # lead | co | responsible
    order: int
    deadline: str = ""


@dataclass(frozen=True)
class ListRule:
    """The document's 列第一位者为牵头单位 rule, once declared with 下同."""

    lead_first: bool = False


def _role_list(clause: str, base: int, role: str, lead_first: bool, deadline: str,
               order: int) -> list[Listed]:
    items = [it for it in split_items(clause, base) if not is_tail(it[0])]
    marked = [bool(LEAD_MARK_RE.search(m)) for m, _, _ in items]
    out = []
    for i, (mention, s, e) in enumerate(items):
        r = role
        if any(marked) and role == "responsible":  # A（牵头）、B、C
            r = "lead" if marked[i] else "co"
            cut = LEAD_MARK_RE.search(mention)
            mention, e = (mention[: cut.start()], s + cut.start()) if cut else (mention, e)
        elif role == "responsible" and lead_first:
            r = "lead" if i == 0 and order == 0 else "co"
        out.append(Listed(mention, s, e, r, order + i, deadline))
    return out


def parse_group(content: str, base: int, rule: ListRule) -> tuple[list[Listed], ListRule]:
    """Owners in one bracketed group (or line); the rule as it stands after it."""
    deadline = labelled(content) or due(content)
    labels = list(LABEL_RE.finditer(content))
    if labels:
        return _labelled(content, base, labels, deadline), rule
    return _verb_lists(content, base, rule, deadline)


def _labelled(content: str, base: int, labels: list[re.Match[str]], deadline: str
              ) -> list[Listed]:
    """牵头单位：X；责任单位：Y — each label's units, up to the end of its sentence."""
    out: list[Listed] = []
    has_lead = any(LABELS[m.group(1)] == "lead" for m in labels)
    for i, m in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(content)
        clause = content[m.end():end]
        stop = STOP_RE.search(clause)
        clause = clause[: stop.start()] if stop else clause
        role = LABELS[m.group(1)]
        if role == "verbs":  # 部门分工：X牵头，Y配合 — the roles are in the verbs
            found, _ = _verb_lists(clause, base + m.end(), ListRule(), deadline, len(out))
            out += found
            continue
        if role == "responsible" and has_lead:
            role = "co"
        clause = clause.rstrip("，,。 ")
        for tail, _ in VERB_TAIL:  # 责任单位：A、B按职责分工负责
            if clause.endswith(tail) and len(clause) > len(tail):
                clause = clause[: -len(tail)].removesuffix("等")
                break
        out += _role_list(clause, base + m.end(), role, False, deadline, len(out))
    return out


def _verb_lists(content: str, base: int, rule: ListRule, deadline: str, order: int = 0
                ) -> tuple[list[Listed], ListRule]:
    """A、B负责 / X牵头，Y配合 / …按职责分工负责。列第一位者为牵头单位，下同."""
    own_rule = bool(LEAD_FIRST_RE.search(content))
    lead_first = rule.lead_first or own_rule
    new_rule = ListRule(True) if own_rule and "下同" in content else rule
    out: list[Listed] = []
    pending: int | None = None  # start of unit clauses waiting for a verb (A，B负责)
    for m in _CLAUSE_RE.finditer(content):
        clause, start = m.group(0), m.start()
        if start and content[start - 1] not in "，,":
            pending = None
        for tail, role in VERB_TAIL:
            if clause.endswith(tail) and len(clause) > len(tail):
                first = start if pending is None else pending
                units = content[first : m.end() - len(tail)].removesuffix("等")
                # 按照职责分工负责: each for its own part, unless this very list says
                # that its first unit leads (a rule carried by 下同 does not reach it)
                first_leads = (lead_first and role == "responsible") or (
                    own_rule and role == "each")
                out += _role_list(units, base + first, role.replace("each", "responsible"),
                                  first_leads, deadline, order + len(out))
                pending = None
                break
        else:
            units_only = all(looks_like_unit(t) for t, _, _ in split_items(clause))
            pending = (start if pending is None else pending) if units_only else None
    if any(item.role == "lead" for item in out):  # X牵头，Y按职责分工负责: Y works with X
        out = [replace(item, role="co") if item.role == "responsible" else item
               for item in out]
    elif any(item.role == "co" for item in out):  # X负责，Y配合: X leads the partners
        out = [replace(item, role="lead") if item.role == "responsible" else item
               for item in out]
    if not out and not re.search(r"[。：:]", content):
        # a bare list at the end of a measure (A、B，各市、县): kept by the caller only
        # when every item is a unit
        return _role_list(content, base, "responsible", lead_first, deadline, order), rule
    if not out:
        return [], rule
    return out, new_rule


def find_lists(text: str, base: int, rule: ListRule, plain: bool = True
               ) -> tuple[list[Listed], ListRule]:
    """Every responsibility list in a measure's text, in order; ``plain`` also reads
    lists written as plain sentences (X牵头，Y配合。)."""
    out: list[Listed] = []
    spans = groups(text)
    label_line = r"[ \t]*(?:" + "|".join(LABELS) + r")\s*[:：].*"
    # consecutive label lines (牵头单位：… / 责任单位：…) are one list
    for line in re.finditer("^" + label_line + "(?:\n" + label_line + ")*$", text, re.M):
        if not any(s <= line.start() < e for s, e in spans):
            spans.append((line.start(), line.end()))
    sentences = _plain_lists(text, spans) if plain else []
    for s, e in sorted([*spans, *sentences]):
        if (s, e) in sentences:
            found, rule = _verb_lists(text[s:e], base + s, rule, due(text[s:e]))
        else:
            found, rule = parse_group(text[s:e], base + s, rule)
        out += found
    return out, rule


def _plain_lists(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """X牵头，Y配合。 / 由X牵头，Y、Z配合，… / X负责，Y配合 written as a plain sentence.

    A sentence outside brackets whose first clauses are units each followed by a role
    verb: kept when that is the whole sentence, or when the verbs say who leads or
    partners (由X牵头，Y配合，建立…机制) — a lone 负责 in running text is work, not a list.
    """
    masked = list(text)
    for s, e in spans:
        if e + 1 < len(text) and "\u4e00" <= text[e + 1] <= "\u9fff":
            continue  # 各市（州）人民政府: a bracket inside a name, not a list of its own
        masked[max(0, s - 1) : e + 1] = "\0" * (min(len(text), e + 1) - max(0, s - 1))
    out = []
    for m in _SENTENCE_RE.finditer("".join(masked)):
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        start += text.startswith("由", start)
        end = start
        roles: list[str] = []
        known: list[str] = []
        for clause in _COMMA_PART_RE.finditer(text[start : m.end()]):
            role = next((r for tail, r in VERB_TAIL if clause.group(0).endswith(tail)
                         and len(clause.group(0)) > len(tail)), None)
            units = clause.group(0)[: -len(next(t for t, _ in VERB_TAIL if clause.group(0)
                                                 .endswith(t))) if role else 0]
            items = [u for u, _, _ in split_items(units.removesuffix("等"))]
            if role is None or not items or not all(could_be_unit(u) for u in items):
                break
            end, roles, known = start + clause.end(), [*roles, role], known + items
        whole = not text[end : m.end()].strip("，, \t")
        if any(map(looks_like_unit, known)) and (whole or {"lead", "co"} & set(roles)):
            out.append((start, end))
    return out


def unit_lists(text: str, base: int, rule: ListRule, plain: bool = True
               ) -> tuple[list[Listed], ListRule]:
    """``find_lists`` without brackets whose items are not units (（由企业负责）)."""
    found, new_rule = find_lists(text, base, rule, plain)
    kept: list[Listed] = []
    group: list[Listed] = []
    for item in [*found, None]:
        if item is None or (group and item.order == 0):
            # a name the lexicon does not know (立山经济开发区) does not sink its list,
            # but a list needs one unit the lexicon does know
            if group and all(could_be_unit(g.mention) for g in group) and any(
                looks_like_unit(g.mention) for g in group
            ):
                kept += group
            group = []
        if item is not None:
            group.append(item)
    return kept, (new_rule if kept else rule)


def row_owners(row: task_tables.Row, lead_first: bool) -> list[Listed]:
    """Owners of a task-table row: its lead, co and responsible columns, lead first.

    A responsible column next to a lead column holds the partners (co); a table whose
    note says 列第一位的为牵头单位 has its lead first in the responsible column.
    """
    deadline = task_tables.deadline(row)
    has_lead = any(c.text for c in row.cells_for("lead"))
    out: list[Listed] = []
    for meaning in task_tables.OWNER_COLUMNS:
        for cell in row.cells_for(meaning):
            role = "co" if meaning == "responsible" and has_lead else meaning
            out += _role_list(cell.text, cell.span.start, role, lead_first and not has_lead,
                              deadline, len(out))
    return [item for item in out if could_be_unit(item.mention)]
