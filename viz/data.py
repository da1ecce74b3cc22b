"""The typed input of the views, built from the rows of the ``view-*`` canned queries.

Rows are ``dict[str, str]`` exactly as a query returns them; every value is untrusted
text. Records here only parse and sort them: escaping happens at render time.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import TypeVar

T = TypeVar("T")

Row = Mapping[str, str]

# query name → ViewData field it feeds (queries/view-<name>.rq)
VIEW_QUERIES: tuple[str, ...] = (
    "view-documents",
    "view-tasks",
    "view-owners",
    "view-groups",
    "view-indicators",
)

_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$")
_UNSAFE_RUN = re.compile(r"[^A-Za-z0-9]+")


def _digest(*parts: str) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=6).hexdigest()


@cache
def anchor_id(*key: str) -> str:
    """The ``f-…`` fragment of a fact: stable for the same fact IRI (or key)."""
    return "f-" + _digest(*key)


@cache
def page_slug(name: str) -> str:
    """A file-name-safe slug: the name itself when already safe, else ASCII tail + hash."""
    if _SAFE.match(name) and ".." not in name:
        return name
    tail = _UNSAFE_RUN.sub("-", "/".join(name.rstrip("/").split("/")[-2:]))
    tail = tail.strip("-")[:40]
    return f"{tail}-{_digest(name)}" if tail else _digest(name)


def _int(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if number >= 0 else None


@dataclass(frozen=True, order=True)
class Located:
    """Where a fact sits in its document's text, and the quote the graph recorded."""

    source: str
    start: int | None
    end: int | None
    quote: str


@dataclass(frozen=True)
class DocumentRec:
    source: str
    iri: str = ""
    title: str = ""
    doc_number: str = ""
    date: str = ""
    text: str = ""


@dataclass(frozen=True)
class Fact:
    """One fact with a span: a task, an owner mention, a group mention or an indicator."""

    kind: str  # task | owner | group | indicator
    iri: str  # the node carrying the span; identifies the anchor
    where: Located
    task: str = ""  # task IRI ("" for an indicator outside any task)
    section: str = ""
    label: str = ""  # what the view shows: heading, unit label, group label, figure
    target: str = ""  # agency IRI (owner) or group IRI (group)
    role: str = ""  # lead | co | responsible (owners)
    detail: str = ""  # mention as written, or comparator/period/kind of an indicator

    @property
    def anchor(self) -> str:
        return anchor_id(self.iri)


def _where(row: Row) -> Located:
    return Located(
        source=row.get("source", ""),
        start=_int(row.get("start")),
        end=_int(row.get("end")),
        quote=row.get("quote", ""),
    )


def _fact_iri(row: Row, kind: str, own: str) -> str:
    # The graph names the node carrying the span; fall back to a key that is stable too.
    if row.get(own):
        return row[own]
    parts = (kind, row.get("source", ""), row.get("task", ""), row.get("start", ""))
    return "urn:policykg-view:" + _digest(*parts, row.get("end", ""), row.get("quote", ""))


def _task(row: Row) -> Fact:
    return Fact(
        kind="task",
        iri=_fact_iri(row, "task", "task"),
        where=_where(row),
        task=row.get("task", ""),
        section=row.get("section", ""),
        label=row.get("heading", ""),
    )


def _owner(row: Row) -> Fact:
    return Fact(
        kind="owner",
        iri=_fact_iri(row, "owner", "fact"),
        where=_where(row),
        task=row.get("task", ""),
        section=row.get("section", ""),
        label=row.get("unit_label", "") or row.get("mention", ""),
        target=row.get("unit", ""),
        role=row.get("role", "") or "responsible",
        detail=row.get("mention", ""),
    )


def _group(row: Row) -> Fact:
    return Fact(
        kind="group",
        iri=_fact_iri(row, "group", "fact"),
        where=_where(row),
        task=row.get("task", ""),
        section=row.get("section", ""),
        label=row.get("group_label", "") or row.get("mention", ""),
        target=row.get("group", ""),
        detail=row.get("mention", ""),
    )


def _indicator(row: Row) -> Fact:
    figure = " ".join(
        part for part in (row.get("comparator", ""), row.get("value", ""), row.get("unit", ""))
        if part
    )
    detail = " · ".join(part for part in (row.get("period", ""), row.get("kind", "")) if part)
    return Fact(
        kind="indicator",
        iri=_fact_iri(row, "indicator", "indicator"),
        where=_where(row),
        task=row.get("task", ""),
        section=row.get("section", ""),
        label=f"{row.get('metric', '')} {figure}".strip(),
        detail=detail,
    )


def _fact_order(fact: Fact) -> tuple[object, ...]:
    start = -1 if fact.where.start is None else fact.where.start
    return (fact.where.source, start, fact.kind, fact.iri, fact.target)


@dataclass(frozen=True)
class ViewData:
    """Everything the views show, sorted so that the pages come out byte for byte the same."""

    documents: tuple[DocumentRec, ...] = ()
    tasks: tuple[Fact, ...] = ()
    owners: tuple[Fact, ...] = ()
    groups: tuple[Fact, ...] = ()
    indicators: tuple[Fact, ...] = ()

    @classmethod
    def from_rows(
        cls, rows: Mapping[str, Sequence[Row]], texts: Mapping[str, str] | None = None
    ) -> ViewData:
        """Build from ``{query name: rows}`` (see ``VIEW_QUERIES``).

        ``texts`` supplies document text when the graph does not store it; a ``text``
        column in ``view-documents`` wins when it is not empty.
        """
        docs: dict[str, DocumentRec] = {}
        for row in rows.get("view-documents", ()):
            doc = DocumentRec(
                source=row.get("source", ""),
                iri=row.get("doc", ""),
                title=row.get("title", ""),
                doc_number=row.get("doc_number", ""),
                date=row.get("date", ""),
                text=row.get("text", "") or (texts or {}).get(row.get("source", ""), ""),
            )
            docs.setdefault(doc.source, doc)

        def facts(name: str, make: Callable[[Row], Fact]) -> tuple[Fact, ...]:
            made = {make(row) for row in rows.get(name, ())}
            return tuple(sorted(made, key=_fact_order))

        built = cls(
            tasks=facts("view-tasks", _task),
            owners=facts("view-owners", _owner),
            groups=facts("view-groups", _group),
            indicators=facts("view-indicators", _indicator),
        )
        # a fact whose document has no row still gets a (bare) document page
        for fact in built.all_facts():
            docs.setdefault(fact.where.source, DocumentRec(source=fact.where.source))
        return cls(
            documents=tuple(sorted(docs.values(), key=lambda d: d.source)),
            tasks=built.tasks,
            owners=built.owners,
            groups=built.groups,
            indicators=built.indicators,
        )

    def all_facts(self) -> tuple[Fact, ...]:
        return self.tasks + self.owners + self.groups + self.indicators

    # indexes, computed once: pages are written per document and per agency, and a
    # scan of every fact for each of them would grow with documents × facts
    @cached_property
    def documents_by_source(self) -> dict[str, DocumentRec]:
        return {doc.source: doc for doc in self.documents}

    @cached_property
    def tasks_by_iri(self) -> dict[str, Fact]:
        return {task.iri: task for task in self.tasks}

    @cached_property
    def by_source(self) -> dict[str, list[Fact]]:
        return group_by(self.all_facts(), lambda fact: fact.where.source)

    @cached_property
    def by_task(self) -> dict[str, list[Fact]]:
        """Owners, group mentions and indicators of each task."""
        return group_by(self.owners + self.groups + self.indicators, lambda fact: fact.task)

    @cached_property
    def by_agency(self) -> dict[str, list[Fact]]:
        return group_by(self.owners, lambda fact: fact.target)

    @cached_property
    def by_group(self) -> dict[str, list[Fact]]:
        return group_by(self.groups, lambda fact: fact.target)


def group_by(items: Iterable[T], key: Callable[[T], str]) -> dict[str, list[T]]:
    """The items under each key, in their order (an index built once, read by many pages)."""
    found: dict[str, list[T]] = {}
    for item in items:
        found.setdefault(key(item), []).append(item)
    return found
