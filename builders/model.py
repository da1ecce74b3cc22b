"""Plain frozen dataclasses passed between the builder stages.

The flow is one way: ``Source`` (text with an offset map) → ``Document`` (sections,
tables, sentences, metadata) → facts (``Task``, ``Owner``, ``GroupMention``,
``Indicator``) → ``Facts`` → RDF. Every fact carries a ``Span`` into ``Source.text``;
``Source.raw_span`` maps it back to character offsets in the decoded original file,
so a quote can always be checked against the file an analyst has.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Literal

Role = Literal["lead", "co", "responsible"]
AgencyKind = Literal["unit", "collective", "category"]
Level = Literal["national", "provincial", "municipal", "district", "county", "street", ""]
IndicatorKind = Literal["target", "actual"]
Comparator = Literal[">=", "<=", "=", "~", ">", "<"]


@dataclass(frozen=True, order=True)
class Span:
    """Half-open character range ``[start, end)`` in ``Source.text`` (normalized text)."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True)
class Source:
    """One input file, decoded and normalized.

    ``raw`` is the decoded original file. ``text`` is what every later stage reads:
    markup stripped, PDF line wraps and in-word spaces removed, full-width ASCII
    folded (NFKC) and Traditional characters converted to Simplified.
    ``offsets[i]`` is the index in ``raw`` of the character that produced ``text[i]``;
    it has ``len(text) + 1`` entries, the last one being the end of the mapped range.
    """

    id: str
    path: str
    raw: str
    text: str
    offsets: tuple[int, ...]
    format: str = "text"  # text | markdown | html | pdf | docx
    encoding: str = "utf-8"
    front_matter: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = ()
    script: str = "Hans"  # "Hant" when the file is written in Traditional characters

    def raw_span(self, span: Span) -> tuple[int, int]:
        """Offsets of ``span`` in ``raw`` (end exclusive)."""
        if span.end == span.start:
            pos = self.offsets[span.start]
            return pos, pos
        return self.offsets[span.start], self.offsets[span.end - 1] + 1

    def quote(self, span: Span) -> str:
        """The original text behind ``span``, exactly as it stands in the file."""
        start, end = self.raw_span(span)
        return self.raw[start:end]

    def clean(self, span: Span) -> str:
        """The normalized text behind ``span``."""
        return self.text[span.start : span.end]


@dataclass(frozen=True)
class Section:
    """A numbered part of a document: 一、 / （一） / 1. / （1）.

    ``number`` is the path of ordinals from the top (三/（一） → ``(3, 1)``);
    ``style`` names the marker style (``cn``, ``paren_cn``, ``arabic``, ``paren_arabic``,
    ``markdown``) so that nesting follows the document's own order of styles.
    """

    number: tuple[int, ...]
    marker: str
    heading: str
    style: str
    span: Span  # from the marker to the start of the next section at the same or a higher level
    heading_span: Span

    @property
    def path(self) -> str:
        return ".".join(str(n) for n in self.number)

    @property
    def depth(self) -> int:
        return len(self.number)


@dataclass(frozen=True)
class TableRow:
    cells: tuple[str, ...]
    cell_spans: tuple[Span, ...]
    span: Span
    part: str = ""  # the number of the part of the table holding the row ((一) → "1")


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[str, ...]
    rows: tuple[TableRow, ...]
    span: Span
    # grid: each row's cells sit under their columns; lines: a table copied one cell per
    # line, whose rows hold their lines in order, to be placed by what they hold; spaced:
    # a grid whose rows were read from the right, their cells already under their columns
    layout: str = "grid"


@dataclass(frozen=True)
class Citation:
    """A document cited by this one: 《title》（number） or a bare number."""

    title: str
    number: str
    span: Span


@dataclass(frozen=True)
class DocumentMeta:
    title: str = ""
    issuers: tuple[str, ...] = ()
    doc_number: str = ""
    date_signed: str = ""  # ISO date, "" when not stated
    date_printed: str = ""
    addressees: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()  # portal metadata such as 索引号


@dataclass(frozen=True)
class Document:
    source: Source
    meta: DocumentMeta
    sections: tuple[Section, ...]  # in document order
    tables: tuple[Table, ...]
    paragraphs: tuple[Span, ...]
    sentences: tuple[Span, ...]

    def section_at(self, offset: int) -> Section | None:
        """The deepest section whose span contains ``offset``."""
        best: Section | None = None
        for sec in self.sections:
            if sec.span.start <= offset < sec.span.end and (
                best is None or sec.depth > best.depth
            ):
                best = sec
        return best

    def sentence_at(self, offset: int) -> Span | None:
        starts = [s.start for s in self.sentences]
        i = bisect_right(starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None


@dataclass(frozen=True)
class Task:
    """An enumerated measure (or, in unnumbered news text, a sentence that assigns work)."""

    key: str  # stable within the document: section path, or "s<start>" for sentence tasks
    section: str  # "3.1"; "" for unnumbered documents
    heading: str
    span: Span


@dataclass(frozen=True)
class Agency:
    """A real unit, a collective of units (各街镇) or a generic category (有关部门)."""

    key: str  # stable across documents, e.g. "上海市/青浦区/人力资源社会保障局"
    name: str  # full name with jurisdiction
    kind: AgencyKind = "unit"
    level: Level = ""
    jurisdiction: str = ""
    parent: str = ""  # key of the unit it belongs to (a 司 of a 部)
    counterpart: str = ""  # key of the same kind of unit one level up (区人社局 → 市人社局)


@dataclass(frozen=True)
class Owner:
    task: str  # Task.key
    agency: Agency
    mention: str  # as written in the text
    role: Role
    order: int  # position in the list, from 0
    span: Span  # the mention
    implicit: bool = False
    deadline: str = ""
    clause: Span | None = None  # the responsibility clause it was read from


@dataclass(frozen=True)
class UnreadItem:
    """An item of a responsibility clause that did not become an owner, and why."""

    mention: str
    span: Span
    reason: str


@dataclass(frozen=True)
class OwnerClause:
    """A responsibility-shaped clause of the text (a bracket or label line with a
    responsibility word, a task-table row) and what became of it: how many owners were
    read from it, which items were not, and why none were when none were."""

    span: Span
    shape: str  # label | verb | table
    task: str  # Task.key of the measure holding it; "" outside every measure
    owners: int
    unread: tuple[UnreadItem, ...] = ()
    reason: str = ""  # why no owner was read from it; "" when some were


@dataclass(frozen=True)
class NameNote:
    """An owner kept as written, for an analyst to check: a name the gazetteer lacks,
    or a unit the document gives no place for."""

    mention: str
    span: Span
    note: str


@dataclass(frozen=True)
class GroupMention:
    task: str  # Task.key
    concept: str  # key of the SKOS concept (ontology/groups.ttl), e.g. "graduates"
    label: str  # the concept's preferred label
    mention: str
    span: Span
    new_concept_broader: str = ""  # set when the phrase is not in the scheme: its broader key


@dataclass(frozen=True)
class Indicator:
    metric: str
    value: float
    unit: str
    comparator: Comparator
    period: str  # "2022", "每年", "十四五", "2020-12"; "" when not stated
    kind: IndicatorKind
    span: Span
    section: str = ""
    attribute: str = ""  # 约束性 / 预期性
    task: str = ""  # Task.key when the figure sits inside a task
    pair: str = ""  # shared by a target and its achieved value (十三五 table rows)


@dataclass(frozen=True)
class Facts:
    document: Document
    tasks: tuple[Task, ...] = ()
    owners: tuple[Owner, ...] = ()
    groups: tuple[GroupMention, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    issuers: tuple[Agency, ...] = ()  # DocumentMeta.issuers resolved to agency nodes
    clauses: tuple[OwnerClause, ...] = ()  # every responsibility-shaped clause, in order
    name_notes: tuple[NameNote, ...] = ()
