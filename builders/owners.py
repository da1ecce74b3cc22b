"""Responsibility clauses: the ways a document says who carries out a measure.

A clause is a bracket, a run of label lines or a plain sentence that names units and
their roles. Its shape, not its units, says that it is a responsibility clause: a label
(责任单位：, 牵头单位：) or a closing verb (负责, 牵头, 配合, 参加, 按职责分工负责; the words
are data: builders/lexicons/labels.tsv). Every item of such a clause is read on its own:
the items that read as units are kept, the others are reported (``Unread``) and never
sink the rest. A bracket with neither label nor verb (（A、B、C）) is a list only when
every item reads as a unit and the lexicon knows one of them.

  （责任单位：A、B、C）                       every unit responsible
  （牵头单位：X；配合单位/责任单位：Y）         X lead, Y co
  （A、B、C等负责，列第一位者为牵头单位，下同）  first lead, rest co; 下同 carries the
                                                rule to every later list in the document
  （X牵头，Y配合） （X、Y牵头，Z参加）          lead / co (参加, 参与 = co)
  （X牵头，Y及Z按职责分工负责）                 X lead, Y and Z co
  部门分工：X牵头，Y配合                        a label whose roles are in the verbs
  （完成时限：2023年12月。责任部门：A、B）       deadline + owners (builders/deadlines.py)
  （A（牵头）、B、C）                            A lead, the rest co
A lead declaration is read as a class: a first place (第一位, 首位, 第一个, 排名第一) and a
word that leads (牵头, 主责) in one clause, worded in any order. Splitting items is
builders/list_items.py; task-division table rows are builders/task_tables.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from policykg.builders import task_tables
from policykg.builders.clause_words import (
    CARRY_NOTE_RE,
    JOINTLY,
    LABEL_RE,
    LABEL_WORD,
    LABELS,
    LEAD_MARK_RE,
    OTHER_FIELD_RE,
    STOP_RE,
    VERB_TAIL,
    carries,
    declares_lead_first,
    label_role,
    verb_tail,
)
from policykg.builders.deadlines import due, labelled
from policykg.builders.lexicon import alternation, label_words
from policykg.builders.list_items import (
    could_be_unit,
    groups,
    is_tail,
    known_unit,
    looks_like_unit,
    split_items,
)

MARKED = ("label", "verb", "table")  # shapes that say by themselves: this names owners
CLAUSE_MAX = 300  # a longer "bracket" is page furniture left open (【字体：…), not a clause
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
class Unread:
    """An item of a responsibility clause that could not be read as a unit."""

    mention: str
    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class Clause:
    """One responsibility clause, its offsets and the items read from it."""

    start: int
    end: int
    shape: str  # label | verb | table (marked) | list | sentence
    items: tuple[Listed, ...]
    unread: tuple[Unread, ...] = ()

    @property
    def marked(self) -> bool:
        return self.shape in MARKED


@dataclass(frozen=True)
class ListRule:
    """The document's 列第一位者为牵头单位 rule, once declared to hold for later lists."""

    lead_first: bool = False


def _role_list(clause: str, base: int, role: str, lead_first: bool, deadline: str,
               order: int) -> list[Listed]:
    items = [_agent(it) for it in split_items(clause, base) if not is_tail(it[0])]
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


def _agent(item: tuple[str, int, int]) -> tuple[str, int, int]:
    """所需资金由市财政局（负责）: the unit after 由 is the one that acts."""
    mention, start, end = item
    cut = mention.rfind("由")
    if cut >= 0 and could_be_unit(mention[cut + 1 :]):
        return mention[cut + 1 :], start + cut + 1, end
    return item


def parse_group(content: str, base: int, rule: ListRule) -> tuple[Clause | None, ListRule]:
    """The clause in one bracketed group (or run of label lines); the rule after it."""
    deadline = labelled(content) or due(content)
    own_rule = declares_lead_first(content)
    lead_first = rule.lead_first or own_rule
    labels = list(LABEL_RE.finditer(content))
    clause: Clause | None
    if labels:
        items = _labelled(content, base, labels, deadline, lead_first)
        clause = Clause(base, base + len(content), "label", tuple(items))
    else:
        clause = _verb_lists(content, base, lead_first, deadline)
    if own_rule and (carries(content) or clause is None or not clause.items):
        rule = ListRule(True)  # 下同, or a declaration standing on its own
    return clause, rule


def _labelled(content: str, base: int, labels: list[re.Match[str]], deadline: str,
              lead_first: bool) -> list[Listed]:
    """牵头单位：X；责任单位：Y — each label's units, up to the end of its sentence."""
    out: list[Listed] = []
    has_lead = any(label_role(m.group(1)) in ("lead", "verbs") for m in labels)
    for i, m in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(content)
        clause = content[m.end():end]
        stop = STOP_RE.search(clause)
        clause = clause[: stop.start()] if stop else clause
        field = OTHER_FIELD_RE.search(clause)  # …，适用范围：… — another field, not units
        clause = clause[: field.start()] if field else clause
        role = label_role(m.group(1))
        if role == "verbs":  # 部门分工：X牵头，Y配合 — the roles are in the verbs
            found = _verb_lists(clause, base + m.end(), False, deadline, len(out))
            out += found.items if found else []
            continue
        if role == "responsible" and has_lead:
            role = "co"
        clause = clause.rstrip("，,。 ")
        for tail, _ in VERB_TAIL:  # 责任单位：A、B按职责分工负责
            if clause.endswith(tail) and len(clause) > len(tail):
                clause = clause[: -len(tail)].removesuffix("等")
                break
        first_leads = lead_first and not has_lead and len(labels) == 1
        out += _role_list(clause, base + m.end(), role, first_leads, deadline, len(out))
    return out


def _verb_lists(content: str, base: int, lead_first: bool, deadline: str, order: int = 0
                ) -> Clause | None:
    """A、B负责 / X牵头，Y配合 / …按职责分工负责。列第一位者为牵头单位."""
    parts: list[tuple[str, int, str]] = []  # (units, offset, verb role)
    pending: int | None = None  # start of unit clauses waiting for a verb (A，B负责)
    notes = [(n.start(), n.end()) for n in CARRY_NOTE_RE.finditer(content)]
    for m in _CLAUSE_RE.finditer(content):
        if any(s <= m.start() < e for s, e in notes):
            continue  # 以下各项均需X落实，不再列出: a note on later measures, not a list
        clause, start = m.group(0), m.start()
        if start and content[start - 1] not in "，,":
            pending = None
        if declares_lead_first(clause):
            if pending is not None:  # A、B，C，列第一位的为牵头单位: the list before the rule
                units = content[pending:start].rstrip("，, ")
                parts.append((units, pending, "first-leads"))
            pending = None
            continue
        verb = verb_tail(clause)
        if verb:
            first = start if pending is None else pending
            units = content[first : m.end() - len(verb[0])].removesuffix("等")
            joint = units.find(JOINTLY)
            if joint > 0:  # X会同Y负责: X leads, Y works with it
                parts.append((units[:joint], first, "lead"))
                parts.append((units[joint + len(JOINTLY):], first + joint + len(JOINTLY), "co"))
            else:
                parts.append((units, first, verb[1]))
            pending = None
        else:
            units_only = all(looks_like_unit(t) for t, _, _ in split_items(clause))
            pending = (start if pending is None else pending) if units_only else None
    if pending is not None and any(role == "lead" for _, _, role in parts):
        # X牵头，Y、Z (the verb cut off with the page, or never written): Y and Z partner
        parts.append((content[pending:], pending, "co"))
    end = base + len(content)
    if not parts:
        if re.search(r"[。：:]", content):
            return None
        # a bare list at the end of a measure (A、B，各市、县): kept by the caller only
        # when every item is a unit
        items = _role_list(content, base, "responsible", lead_first, deadline, order)
        return Clause(base, end, "list", tuple(items))
    roles = {role for _, _, role in parts}
    explicit = bool(roles & {"lead", "co"})
    out: list[Listed] = []
    for units, offset, role in parts:
        # with no lead or partner verb, the declared rule (own, or carried by 下同) says
        # that the first listed leads: in 负责 and in 按职责分工负责 / 分别负责 lists alike
        first_leads = (lead_first and not explicit) or role == "first-leads"
        role = "responsible" if role in ("each", "first-leads") else role
        out += _role_list(units, base + offset, role, first_leads, deadline,
                          order + len(out))
    if "lead" in roles:  # X牵头，Y按职责分工负责: Y works with X
        out = [replace(item, role="co") if item.role == "responsible" else item
               for item in out]
    elif "co" in roles:  # X负责，Y配合: X leads the partners
        out = [replace(item, role="lead") if item.role == "responsible" else item
               for item in out]
    return Clause(base, end, "verb", tuple(out))


def find_clauses(text: str, base: int, rule: ListRule, plain: bool = True
                 ) -> tuple[list[Clause], ListRule]:
    """Every responsibility clause in a measure's text, in order, as written (no item
    dropped yet); ``plain`` also reads lists written as plain sentences (X牵头，Y配合。)."""
    out: list[Clause] = []
    spans = groups(text)
    label_line = r"[ \t]*" + LABEL_WORD + r"\s*[:：].*"
    # consecutive label lines (牵头单位：… / 责任单位：…) are one list
    for line in re.finditer("^" + label_line + "(?:\n" + label_line + ")*$", text, re.M):
        if not any(s <= line.start() < e for s, e in spans):
            spans.append((line.start(), line.end()))
    sentences = _plain_lists(text, spans) if plain else []
    for s, e in sorted([*spans, *sentences]):
        if (s, e) in sentences:
            found = _verb_lists(text[s:e], base + s, rule.lead_first, due(text[s:e]))
            clause = replace(found, shape="sentence") if found else None
        else:
            clause, rule = parse_group(text[s:e], base + s, rule)
        if clause is not None:
            out.append(clause)
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
            verb = verb_tail(clause.group(0))
            units = clause.group(0)[: -len(verb[0])] if verb else ""
            items = [u for u, _, _ in split_items(units.removesuffix("等"))]
            if verb is None or not items or not all(could_be_unit(u) for u in items):
                break
            end, roles, known = start + clause.end(), [*roles, verb[1]], known + items
        whole = not text[end : m.end()].strip("，, \t")
        if any(map(looks_like_unit, known)) and (whole or {"lead", "co"} & set(roles)):
            out.append((start, end))
    return out


def responsibility_spans(text: str) -> list[tuple[int, int]]:
    """Brackets and label lines with a responsibility word: the spans the coverage
    figure counts, found without reading a single unit."""
    words = re.compile(alternation(tuple(sorted({*LABELS, *label_words("marks")},
                                                key=len, reverse=True))))
    spans = [(s, e) for s, e in groups(text)
             if e - s <= CLAUSE_MAX and words.search(text, s, e)]
    for line in re.finditer(r"^[ \t]*" + LABEL_WORD + r"\s*[:：].*$", text, re.M):
        if not any(s <= line.start() < e for s, e in spans):
            spans.append((line.start(), line.end()))
    return sorted(spans)


def read_clauses(text: str, base: int, rule: ListRule, plain: bool = True
                 ) -> tuple[list[Clause], ListRule]:
    """``find_clauses`` with every item judged: a marked clause keeps the items that read
    as units and reports the others; an unmarked one is kept whole or not at all."""
    found, new_rule = find_clauses(text, base, rule, plain)
    out: list[Clause] = []
    for clause in found:
        if clause.marked:
            kept = tuple(i for i in clause.items if could_be_unit(i.mention))
            unread = tuple(Unread(i.mention, i.start, i.end, unread_reason(i.mention))
                           for i in clause.items if not could_be_unit(i.mention))
            out.append(replace(clause, items=kept, unread=unread))
        elif clause.items and all(could_be_unit(i.mention) for i in clause.items) and any(
            known_unit(i.mention) for i in clause.items
        ):
            # a name the lexicon does not know (立山经济开发区) does not sink the list,
            # but a list with no label and no verb needs one unit the lexicon does know
            out.append(clause)
    return out, new_rule


def unread_reason(mention: str) -> str:
    """Why an item of a responsibility clause is not a unit, in an analyst's words."""
    if not mention.strip():
        return "empty item"
    if len(mention) > 30:
        return "too long for a unit name"
    return "not a unit name"


def unit_lists(text: str, base: int, rule: ListRule, plain: bool = True
               ) -> tuple[list[Listed], ListRule]:
    """The units of every clause ``read_clauses`` keeps, in order."""
    clauses, new_rule = read_clauses(text, base, rule, plain)
    return [item for clause in clauses for item in clause.items], new_rule


def row_owners(row: task_tables.Row, lead_first: bool) -> Clause:
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
    kept = tuple(item for item in out if could_be_unit(item.mention))
    unread = tuple(Unread(i.mention, i.start, i.end, unread_reason(i.mention))
                   for i in out if not could_be_unit(i.mention))
    return Clause(row.span.start, row.span.end, "table", kept, unread)
