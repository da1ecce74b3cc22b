"""Query parameters read like the builders read names, on the built seeds.

区人社局 is how the Qingpu opinion writes its district's human-resources bureau; the
gazetteer resolves it in every district the lexicon knows, as the builders resolve a
mention in a document of that district. A name that matches nothing comes back with the
closest names the graph holds, on the command line, in the Python API and as JSON for the
workbench.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import policykg
from policykg.cli import app

ID = "https://w3id.org/policykg/id/"
QINGPU_HR = ID + "agency/上海市/青浦区/人力资源和社会保障局"
QINGPU_SOURCE = "003_3d31144a4b974985"


@pytest.mark.parametrize("name", [
    "区人社局",  # the short form the documents write
    "上海市青浦区人力资源社会保障局",  # the full name without 和
    "上海市青浦区人力资源和社会保障局",  # the official name
    "青浦区人社局",
    "區人社局",  # Traditional characters, as some pages write it
    QINGPU_HR,
])
def test_a_unit_is_found_by_any_name_the_gazetteer_knows(built_graph: Path, name: str) -> None:
    result = policykg.run_query("tasks-of-agency", built_graph, {"agency": name})
    qingpu = [row for row in result.rows if row["unit"] == QINGPU_HR]
    assert {row["source"] for row in qingpu} == {QINGPU_SOURCE}
    assert len(qingpu) >= 10 and all(row["agency"] == name for row in result.rows)
    assert not result.suggestions


def test_a_name_that_matches_nothing_brings_close_names(built_graph: Path) -> None:
    result = policykg.run_query("tasks-of-agency", built_graph, {"agency": "上海市青浦区人保局"})
    assert result.rows == []
    assert result.suggestions[0].label == "上海市青浦区人力资源和社会保障局"
    assert result.suggestions[0].iri == QINGPU_HR
    (found,) = result.resolutions
    assert found.to_json() == {
        "param": "agency", "value": "上海市青浦区人保局", "iris": [],
        "suggestions": [{"label": s.label, "iri": s.iri} for s in result.suggestions],
    }


def test_the_command_line_prints_the_close_names(built_graph: Path) -> None:
    outcome = CliRunner().invoke(app, ["query", "tasks-of-agency", "-g", str(built_graph),
                                       "--param", "agency=青浦人社"])
    assert outcome.exit_code == 0
    assert "(0 rows)" in outcome.stdout
    assert "青浦人社" in outcome.stderr and "上海市青浦区人力资源和社会保障局" in outcome.stderr


@pytest.mark.parametrize(
    "group", ["graduates", "高校毕业生", "應屆高校畢業生", ID + "group/graduates"])
def test_a_group_is_found_by_key_label_or_a_phrase_holding_its_label(
    built_graph: Path, group: str
) -> None:
    rows = policykg.run_query("tasks-for-group", built_graph, {"group": group}).rows
    assert rows and {row["concept"] for row in rows} == {ID + "group/graduates"}


def test_a_broad_group_brings_its_narrower_groups(built_graph: Path) -> None:
    rows = policykg.run_query("tasks-for-group", built_graph, {"group": "青年"}).rows
    assert ID + "group/graduates" in {row["concept"] for row in rows}


def test_an_unknown_group_brings_close_labels(built_graph: Path) -> None:
    result = policykg.run_query("tasks-for-group", built_graph, {"group": "高校毕业学生"})
    assert result.rows == []
    assert result.suggestions[0].label == "高校毕业生"
