"""What a document assigns, in RDF: tasks, their responsibilities and target groups, and the
indicators (also readable as Data Cube observations of the document's data set).

Kept apart from ``rdf.py`` (the document, its units and the provenance spans); both write
into the same per-document graph. A numbered task is keyed by its section path; a sentence
task of an unnumbered text and an indicator by a hash of their words, so inserting text
elsewhere in the document changes none of their IRIs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import Protocol

from policykg.builders import iris
from policykg.builders.model import Agency, Facts, Task
from policykg.builders.nquads import literal
from policykg.builders.rdf_structure import GraphWriter
from policykg.ontology import DCTERMS, HANS, PKG, QB, RDF, ROLE_CONCEPTS, SKOS


class FactWriter(GraphWriter, Protocol):
    def agency_key(self, key: str) -> str: ...


AgencyWriter = Callable[[FactWriter, Agency], None]
_SENTENCE_TASK = re.compile(r"s\d+")  # builders/tasks.py keys a sentence task by its offset


def task_keys(facts: Facts) -> dict[str, str]:
    """Task.key → the key its IRI uses: the section path, or s-<hash of the sentence>."""
    keys: dict[str, str] = {}
    seen: dict[str, int] = defaultdict(int)
    for task in sorted(facts.tasks, key=lambda t: (t.span, t.key)):
        if not _SENTENCE_TASK.fullmatch(task.key):
            keys[task.key] = task.key
            continue
        base = "s-" + iris.content_key(facts.document.source.clean(task.span))
        seen[base] += 1
        keys[task.key] = base if seen[base] == 1 else f"{base}-{seen[base]}"
    return keys


def write_facts(g: FactWriter, facts: Facts, write_agency: AgencyWriter) -> dict[str, str]:
    """Tasks, responsibilities, group links and indicators; returns Task.key → task IRI."""
    keys = task_keys(facts)
    tasks = {t.key: t for t in facts.tasks}
    task_iris = {key: iris.task_iri(g.doc, local) for key, local in keys.items()}
    _tasks(g, facts.tasks, task_iris)
    _owners(g, facts, keys, write_agency)
    _groups(g, facts, keys)
    _indicators(g, facts, tasks, task_iris)
    return task_iris


def _tasks(g: FactWriter, tasks: tuple[Task, ...], task_iris: dict[str, str]) -> None:
    for task in tasks:
        node = task_iris[task.key]
        g.add(node, RDF + "type", PKG + "Task")
        g.add(node, DCTERMS + "isPartOf", g.doc)
        g.add(node, PKG + "section", literal(task.section))
        g.text(node, DCTERMS + "title", task.heading, HANS)
        g.span(node, task.span)


def _owners(g: FactWriter, facts: Facts, keys: dict[str, str], write_agency: AgencyWriter) -> None:
    seen: dict[str, int] = {}
    owners = sorted(
        {(o.task, o.order, o.span, o.agency.key, o.role): o for o in facts.owners}.values(),
        key=lambda o: (o.task, o.order, o.span, o.agency.key, o.role),
    )
    for owner in owners:
        if owner.task not in keys:
            continue  # an owner outside any task has nothing to own
        slot = f"{owner.task}/{owner.order}"
        seen[slot] = seen.get(slot, 0) + 1
        order = str(owner.order) if seen[slot] == 1 else f"{owner.order}-{seen[slot]}"
        node = iris.responsibility_iri(g.doc, keys[owner.task], order)
        g.add(iris.task_iri(g.doc, keys[owner.task]), PKG + "hasResponsibility", node)
        g.add(node, RDF + "type", PKG + "Responsibility")
        g.add(node, PKG + "agency", iris.agency_iri(g.agency_key(owner.agency.key)))
        g.add(node, PKG + "role", ROLE_CONCEPTS[owner.role])
        g.typed(node, PKG + "order", str(owner.order), "integer")
        g.typed(node, PKG + "implicit", "true" if owner.implicit else "false", "boolean")
        g.text(node, PKG + "mention", owner.mention)
        g.text(node, PKG + "deadline", owner.deadline)
        g.span(node, owner.span)
        write_agency(g, owner.agency)


def _groups(g: FactWriter, facts: Facts, keys: dict[str, str]) -> None:
    for mention in facts.groups:
        if mention.task not in keys:
            continue  # goal paragraphs name groups but link no task
        task = iris.task_iri(g.doc, keys[mention.task])
        concept = iris.group_iri(mention.concept)
        node = iris.group_link_iri(g.doc, keys[mention.task], mention.concept)
        g.add(task, PKG + "hasGroupLink", node)
        g.add(task, DCTERMS + "audience", concept)
        g.add(node, RDF + "type", PKG + "GroupLink")
        g.add(node, PKG + "group", concept)
        g.text(node, PKG + "mention", mention.mention)
        g.span(node, mention.span)
        if mention.new_concept_broader:  # a concept the scheme lacks: describe it here
            g.add(concept, RDF + "type", SKOS + "Concept")
            g.text(concept, SKOS + "prefLabel", mention.label, HANS)
            g.add(concept, SKOS + "broader", iris.group_iri(mention.new_concept_broader))


def _indicators(
    g: FactWriter, facts: Facts, tasks: dict[str, Task], task_iris: dict[str, str]
) -> None:
    """Each figure is a pkg:Indicator and a qb:Observation of the document's data set
    (structure pkg:IndicatorStructure, ontology/policykg.ttl)."""
    if not facts.indicators:
        return
    dataset = f"{g.doc}/indicators"
    g.add(dataset, RDF + "type", QB + "DataSet")
    g.add(dataset, QB + "structure", PKG + "IndicatorStructure")
    g.add(dataset, DCTERMS + "source", g.doc)
    seen: dict[str, int] = defaultdict(int)
    source = facts.document.source
    ordered = sorted(facts.indicators, key=lambda i: (i.span, i.metric, i.value, i.kind))
    for ind in ordered:
        value = iris.decimal_lexical(ind.value)
        key = iris.content_key(source.clean(ind.span), ind.metric, value, ind.unit,
                               ind.comparator, ind.period, ind.kind, ind.attribute)
        seen[key] += 1
        node = iris.indicator_iri(g.doc, key if seen[key] == 1 else f"{key}-{seen[key]}")
        task = tasks.get(ind.task)
        g.add(node, RDF + "type", PKG + "Indicator")
        g.add(node, RDF + "type", QB + "Observation")
        g.add(node, QB + "dataSet", dataset)
        g.add(node, DCTERMS + "isPartOf", g.doc)
        g.add(node, PKG + "section", literal(ind.section or (task.section if task else "")))
        g.add(node, PKG + "metric", literal(ind.metric, HANS if ind.metric else ""))
        g.typed(node, RDF + "value", value, "decimal")
        g.add(node, PKG + "unit", literal(ind.unit))
        g.add(node, PKG + "comparator", literal(ind.comparator))
        g.add(node, PKG + "period", literal(ind.period))
        g.add(node, PKG + "indicatorKind", literal(ind.kind))
        g.text(node, PKG + "attribute", ind.attribute)
        g.text(node, PKG + "pair", ind.pair)
        if task:
            g.add(node, PKG + "task", task_iris[task.key])
        g.span(node, ind.span)


__all__ = ["FactWriter", "task_keys", "write_facts"]
