"""The SPARQL page's worked examples give the canned answers they claim to reproduce, on
the built seeds (the union default graph repeats a unit once per document naming it, so an
example that joins outside the document graphs would count its tasks several times)."""

from __future__ import annotations

from pathlib import Path

import pytest
from policykg.ontology import PREFIXES
from policykg.viz.querypages import examples, with_prefixes

import policykg
from policykg import queries

AGREEING = [e for e in examples() if e.agrees_with]


def test_there_are_several_worked_examples_and_one_constructs_a_graph() -> None:
    assert len(AGREEING) >= 4
    assert examples()[0].agrees_with == ("agency-workload", ("unit", "tasks"))
    assert any("CONSTRUCT" in e.text for e in examples())


@pytest.mark.parametrize("example", AGREEING, ids=lambda e: e.name)
def test_an_example_agrees_with_its_canned_answer(built_graph: Path, example) -> None:  # type: ignore[no-untyped-def]
    name, columns = example.agrees_with
    with policykg.open_store(built_graph, read_only=True) as store:
        canned = queries.run(store, queries.load(name), {})
        sent = queries.parse(with_prefixes(example.text, PREFIXES), example.name)
        mine = queries.run(store, sent, {})
    assert canned and mine
    expected = {tuple(str(row[c]) for c in columns) for row in canned}
    assert {tuple(str(row[c]) for c in columns) for row in mine} == expected


def test_declared_prefixes_are_added_only_where_used_and_undeclared() -> None:
    text = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nSELECT * { ?a pkg:x skos:y }"
    sent = with_prefixes(text, PREFIXES)
    assert sent.count("PREFIX skos:") == 1 and sent.count("PREFIX pkg:") == 1
    assert "PREFIX org:" not in sent
    assert with_prefixes('SELECT * { ?a ?b "org:x" }', PREFIXES) == 'SELECT * { ?a ?b "org:x" }'
