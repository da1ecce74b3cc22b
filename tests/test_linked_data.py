"""The graph as a linked-data engineer reads it: IRIs that survive a rename and an edit,
standard terms in the data itself, and language tags from the file's own script."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from policykg.builders import build_document
from policykg.builders.model import Agency
from policykg.builders.rdf import to_nquads
from rdf_sample import seed_facts

import policykg

ROOT = Path(__file__).resolve().parent.parent
QINGPU = ROOT / "corpus" / "seeds" / "003_3d31144a4b974985.txt"
GOV_RAW = ROOT.parent / "shared" / "corpus" / "gov-raw"
HANT_PAGE = ROOT / "tests" / "fixtures" / "formats" / "nongji.hant.html"
ID = "https://w3id.org/policykg/id/"
PKG = "https://w3id.org/policykg/ontology#"
DCTERMS = "http://purl.org/dc/terms/"
ORG = "http://www.w3.org/ns/org#"
ELI = "http://data.europa.eu/eli/ontology#"
QB = "http://purl.org/linked-data/cube#"
OA = "http://www.w3.org/ns/oa#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def quads(nquads: str) -> list[ox.Quad]:
    return list(ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS))


def named_nodes(nquads: str) -> set[str]:
    """Every IRI the graph mints (subjects and objects under the project's base)."""
    found = set()
    for quad in quads(nquads):
        for term in (quad.subject, quad.object, quad.graph_name):
            if isinstance(term, ox.NamedNode) and term.value.startswith(ID):
                found.add(term.value)
    return found


def test_renaming_a_file_changes_no_iri(tmp_path: Path) -> None:
    first, second = tmp_path / "qingpu.txt", tmp_path / "青浦区稳就业意见-final.txt"
    shutil.copy(QINGPU, first)
    shutil.copy(QINGPU, second)
    one, two = build_document(first), build_document(second)
    assert one.graph == two.graph == ID + "doc/青府规发〔2022〕4号"
    assert named_nodes(one.nquads) == named_nodes(two.nquads)
    # only the file name itself (dcterms:identifier) differs
    differ = set(one.nquads.splitlines()) ^ set(two.nquads.splitlines())
    assert differ and all(f"<{DCTERMS}identifier>" in line for line in differ)


def _insert_before(path: Path, needle: str, out: Path, char: str = "本") -> Path:
    raw = path.read_text(encoding="utf-8")
    at = raw.index(needle)
    out.write_text(raw[:at] + char + raw[at:], encoding="utf-8")
    return out


@pytest.mark.parametrize(("name", "needle"), [
    ("003_3d31144a4b974985.txt", "各镇人民政府"),  # numbered tasks, indicators
    ("gov-59.html", "各省、自治区"),  # a letter whose tasks are sentences
    ("gov-16.html", "各省、自治区"),
])
def test_inserting_one_character_changes_no_iri(tmp_path: Path, name: str, needle: str) -> None:
    source = QINGPU if name.endswith(".txt") else GOV_RAW / name
    if not source.is_file():
        pytest.skip(f"{name} is not beside the checkout")
    original = tmp_path / f"a{source.suffix}"
    shutil.copy(source, original)
    edited = _insert_before(source, needle, tmp_path / f"b{source.suffix}")
    before, after = build_document(original).nquads, build_document(edited).nquads
    assert named_nodes(before) == named_nodes(after)
    facts = [iri for iri in named_nodes(before) if "/task/" in iri or "/indicator/" in iri]
    assert facts
    starts = {q.object.value for q in quads(before) if q.predicate.value == OA + "start"}
    moved = {q.object.value for q in quads(after) if q.predicate.value == OA + "start"}
    assert starts != moved  # the offsets did move: the IRIs do not depend on them


def test_a_unit_no_place_anchors_is_kept_under_the_document_not_its_file(tmp_path: Path) -> None:
    text = ("本府发〔2015〕9号\n各市人民政府:\n一、加强就业服务\n(一)做好就业服务。"
            "(省财政厅、省人力资源社会保障厅负责)\n")
    page = tmp_path / "my-download-2.txt"
    page.write_text(text, encoding="utf-8")
    built = build_document(page)
    units = {iri for iri in named_nodes(built.nquads) if "/agency/" in iri}
    scoped = [iri for iri in units if "/agency/%3F" in iri]
    assert scoped and all("my-download-2" not in iri for iri in units)
    assert all(iri.startswith(ID + "agency/%3F本府发〔2015〕9号/") for iri in scoped)


def test_units_carry_org_identifier_classification_and_sub_organization() -> None:
    facts = seed_facts()
    ministry = "中华人民共和国/人力资源和社会保障部"
    division = Agency(f"{ministry}/就业促进司", "人力资源和社会保障部就业促进司", "unit",
                      "national", "中华人民共和国", ministry)
    owner = facts.owners[0]
    facts = type(facts)(facts.document, facts.tasks,
                        (*facts.owners, type(owner)(owner.task, division, "就业促进司", "co", 9,
                                                    owner.span)),
                        facts.groups, facts.indicators)
    found = {(q.subject.value, q.predicate.value, q.object.value) for q in quads(to_nquads(facts))}
    unit = ID + "agency/中华人民共和国/人力资源和社会保障部/就业促进司"
    assert (unit, ORG + "subOrganizationOf", ID + f"agency/{ministry}") in found
    assert (unit, ORG + "classification", PKG + "LevelNational") in found
    assert (unit, ORG + "identifier", "中华人民共和国/人力资源和社会保障部/就业促进司") in found
    district = ID + "agency/上海市/青浦区/人力资源社会保障局"
    assert (district, ORG + "classification", PKG + "LevelDistrict") in found


STANDARD = """
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?source ?what (COUNT(*) AS ?n) WHERE {
  GRAPH ?doc { ?doc dcterms:identifier ?source }
  {
    GRAPH ?doc { ?part a eli:LegalResourceSubdivision ; eli:is_part_of ?whole .
                 ?whole eli:has_part ?part . ?doc eli:realizes ?work }
    BIND("subdivision" AS ?what)
  } UNION {
    GRAPH ?doc { ?obs a qb:Observation ; qb:dataSet ?set ; rdf:value ?value .
                 ?set a qb:DataSet ; qb:structure ?structure }
    GRAPH ?ontology { ?structure qb:component/qb:measure rdf:value }
    BIND("observation" AS ?what)
  }
}
GROUP BY ?source ?what ORDER BY ?source ?what
"""


def test_sections_are_eli_subdivisions_and_indicators_data_cube_observations(
    built_graph: Path,
) -> None:
    rows = policykg.run_query(STANDARD, built_graph).rows
    counts = {(row["source"], row["what"]): int(row["n"]) for row in rows}
    assert counts[("003_3d31144a4b974985", "subdivision")] > 10
    assert counts[("003_3d31144a4b974985", "observation")] > 10


def test_language_tags_follow_the_files_script(tmp_path: Path) -> None:
    simplified = quads(build_document(QINGPU).nquads)
    traditional = quads(build_document(HANT_PAGE).nquads)

    def tags(found: list[ox.Quad], predicate: str) -> set[str | None]:
        return {q.object.language for q in found if q.predicate.value == predicate
                and isinstance(q.object, ox.Literal) and q.object.value}

    assert tags(simplified, OA + "exact") == {"zh-hans"}
    assert tags(traditional, OA + "exact") == {"zh-hant"}  # the quotes are the file's own
    assert tags(traditional, DCTERMS + "title") == {"zh-hans"}  # read from normalized text
    language = {q.object.value for q in traditional if q.predicate.value == DCTERMS + "language"}
    assert language == {"zh-Hant"}
