"""The HTML views: self-contained pages, every fact anchored in its sentence, text inert.

Rows are built the way the ``view-*`` queries return them, from the text of the seed
003 (a district opinion with （责任单位：…） lists), with script payloads planted in the
document text, an agency name and a quote. Browser tests load every page in a real
headless Chromium with every non-file request aborted.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from browser_pages import watched_page
from policykg.builders import rdf
from policykg.builders.model import (
    Agency,
    Document,
    DocumentMeta,
    Facts,
    GroupMention,
    Indicator,
    Owner,
    Source,
    Span,
    Task,
)
from policykg.viz import VIEW_QUERIES, ViewData, from_networkx, render_network, write_site
from policykg.viz.document import highlight, place
from policykg.viz.graphs import AGENCY_TASKS_MAX, OVERVIEW_MAX, agency_view, overview
from policykg.viz.html import script_json, vis_script

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "seeds" / "003_3d31144a4b974985.txt"
QUERIES = ROOT / "queries"
SCRIPT = "<script>window.__pwned=1</script>"
IMAGE = '<img src=x onerror="window.__pwned=1">'
EVIL_AGENCY = f"区人力资源社会保障局{IMAGE}"
DOC = "003_3d31144a4b974985"
ID = "https://w3id.org/policykg/id/"


def _seed_text() -> str:
    text = SEED.read_text(encoding="utf-8")
    # plant payloads in the document text itself, inside a task the rows point to
    return text.replace("千方百计创造更多就业岗位，", f"千方百计创造更多就业岗位{SCRIPT}，", 1)


def _span(text: str, quote: str, after: int = 0) -> dict[str, str]:
    start = text.index(quote, after)
    return {"start": str(start), "end": str(start + len(quote)), "quote": quote}


def _rows(text: str) -> dict[str, list[dict[str, str]]]:
    doc = f"{ID}doc/{DOC}"
    heading = "积极创造联动性岗位"
    head = text.index(heading)
    body_end = text.index("各街镇）", head) + len("各街镇）")
    task = f"{doc}/task/4.1"
    common = {"source": DOC, "task": task, "section": "4.1"}
    lead = _span(text, "区人力资源社会保障局", head)
    co = _span(text, "区发展改革委", head)
    quote = text[head:body_end]
    # a quote that disagrees with the offsets: the page must find it by its words
    figure = _span(text, "2022年全区正规就业不少于40万人")
    return {
        "view-documents": [{
            "source": DOC, "doc": doc, "title": f"关于做好稳就业工作的实施意见{SCRIPT}",
            "doc_number": "青府规发〔2022〕4号", "date": "2022-08-29",
        }],
        "view-tasks": [{**common, "heading": heading, "start": str(head), "end": str(body_end),
                        "quote": quote}],
        "view-owners": [
            {**common, **lead, "fact": f"{doc}/resp/4.1/0", "unit": f"{ID}agency/qingpu/rsj",
             "unit_label": EVIL_AGENCY, "role": "lead", "mention": "区人力资源社会保障局"},
            {**common, **co, "fact": f"{doc}/resp/4.1/1", "unit": f"{ID}agency/qingpu/fgw",
             "unit_label": "青浦区发展改革委", "role": "co", "mention": "区发展改革委"},
        ],
        "view-groups": [{**common, **_span(text, "高校毕业生", body_end),
                         "fact": f"{doc}/grouplink/4.1/graduates", "group": f"{ID}group/graduates",
                         "group_label": "高校毕业生", "mention": "高校毕业生", "task": task}],
        "view-indicators": [{
            **common, **figure, "start": str(int(figure["start"]) + 3),
            "end": str(int(figure["end"]) + 3), "indicator": f"{doc}/indicator/1",
            "metric": f"全区正规就业人数{SCRIPT}", "value": "400000", "unit": "人",
            "comparator": ">=", "period": "2022", "kind": "target",
        }],
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = _seed_text()
    out = tmp_path_factory.mktemp("views")
    data = ViewData.from_rows(_rows(text), texts={DOC: text})
    co_graph = nx.Graph()
    co_graph.add_node("a", kind="agency", label=EVIL_AGENCY, url="agency/x.html")
    co_graph.add_node("b", kind="agency", label="区财政局")
    co_graph.add_edge("a", "b", kind="co")
    write_site(data, out, graphs={"共同负责 co-responsibility": co_graph})
    return out


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _own_markup(page: Path) -> str:
    """The page without the vendored vis-network code (it is checked when it is inlined)."""
    return page.read_text(encoding="utf-8").replace(vis_script(), "")


def test_site_has_every_page(site: Path) -> None:
    names = {p.relative_to(site).as_posix() for p in _pages(site)}
    assert {"index.html", "network.html", f"doc/{DOC}.html"} <= names
    assert sum(name.startswith("agency/") for name in names) == 2
    assert sum(name.startswith("graph/") for name in names) == 1
    # the library is written once beside the pages, byte for byte as npm ships it
    assert (site / "assets" / "vis-network.min.js").read_text(encoding="utf-8") == vis_script()


def test_pages_reference_nothing_outside_the_file(site: Path) -> None:
    external = re.compile(r"""(?:src|href|action)\s*=\s*["']?\s*(?:[a-z]+:|//)""", re.I)
    for page in _pages(site):
        html = page.read_text(encoding="utf-8")
        assert not external.search(html), page
        assert "<link" not in html and "@import" not in html, page
        assert not re.search(r"url\(\s*(?![\"']?data:)", html), page
        assert "default-src &#39;none&#39;" in html, page  # CSP: no fetch of any kind


def test_untrusted_text_is_escaped_in_every_page(site: Path) -> None:
    for page in _pages(site):
        html = _own_markup(page)
        assert SCRIPT not in html and IMAGE not in html, page
        assert html.count("<script") == html.count("</script>"), page


def test_every_fact_is_anchored_in_the_document(site: Path) -> None:
    html = (site / "doc" / f"{DOC}.html").read_text(encoding="utf-8")
    anchors = re.findall(r' id="(f-[0-9a-f]+)"', html)
    assert len(anchors) == len(set(anchors)) == 5  # task, 2 owners, group, indicator
    network = (site / "network.html").read_text(encoding="utf-8")
    linked = set(re.findall(r'"url":"doc/[^"#]+#(f-[0-9a-f]+)"', network))
    assert len(linked) == 2 and linked <= set(anchors)  # the task and the indicator nodes


def test_a_quote_off_its_offsets_is_found_by_its_words() -> None:
    text = _seed_text()
    data = ViewData.from_rows(_rows(text), texts={DOC: text})
    placed = place(data.indicators[0], text)
    assert placed is not None
    assert text[placed.start : placed.end] == "2022年全区正规就业不少于40万人"


def test_crossing_spans_nest_and_keep_one_anchor() -> None:
    text = "甲乙丙丁戊"
    rows = {"view-tasks": [
        {"source": "d", "task": "t1", "start": "0", "end": "3", "quote": "甲乙丙"},
        {"source": "d", "task": "t2", "start": "2", "end": "5", "quote": "丙丁戊"},
    ]}
    data = ViewData.from_rows(rows, texts={"d": text})
    html = str(highlight(text, [p for f in data.tasks if (p := place(f, text))]))
    assert re.sub(r"<[^>]+>", "", html) == text
    assert html.count("<span") == html.count("</span>") == 3  # 丙 is split into a piece
    assert len(re.findall(r' id="f-', html)) == 2


def test_inline_json_cannot_close_its_script() -> None:
    encoded = str(script_json({"label": "</script><!--\u2028&"}))
    assert "</" not in encoded and "<!--" not in encoded and "\u2028" not in encoded
    assert json.loads(encoded) == {"label": "</script><!--\u2028&"}


def test_same_rows_give_the_same_bytes(tmp_path: Path) -> None:
    text = _seed_text()
    pages = []
    for run in ("a", "b"):
        written = write_site(ViewData.from_rows(_rows(text), texts={DOC: text}), tmp_path / run)
        pages.append({p.relative_to(tmp_path / run): p.read_bytes() for p in written})
    assert pages[0] == pages[1]


def test_big_graph_is_listed_in_bulk_and_settles_once() -> None:
    graph = nx.path_graph(5000)
    page = render_network(from_networkx(graph, "big"))
    data = json.loads(re.search(r'id="graph-data">(.*?)</script>', page, re.S).group(1))
    assert len(data["nodes"]) == 5000 and len(data["edges"]) == 4999
    assert data["options"]["layout"]["improvedLayout"] is False
    assert data["options"]["edges"]["smooth"] is False
    assert vis_script() in page  # a page rendered on its own carries the library inline


def test_view_queries_declare_their_columns_and_run_on_the_rdf_model() -> None:
    """The view queries against N-Quads written by builders.rdf for a real task of seed 003."""
    text = SEED.read_text(encoding="utf-8")
    source = Source(id=DOC, path=str(SEED), raw=text, text=text,
                    offsets=tuple(range(len(text) + 1)))
    document = Document(source, DocumentMeta(title="实施意见", doc_number="青府规发〔2022〕4号"),
                        (), (), (), ())
    head = text.index("积极创造联动性岗位")
    end = text.index("各街镇）", head) + 4
    lead = text.index("区人力资源社会保障局", head)
    group = text.index("高校毕业生", end)
    figure = text.index("2022年全区正规就业不少于40万人")
    facts = Facts(
        document=document,
        tasks=(Task("4.1", "4.1", "积极创造联动性岗位", Span(head, end)),),
        owners=(Owner("4.1", Agency("上海市/青浦区/人力资源社会保障局", "青浦区人力资源社会保障局"),
                      "区人力资源社会保障局", "lead", 0, Span(lead, lead + 10)),),
        groups=(GroupMention("4.1", "graduates", "高校毕业生", "高校毕业生",
                             Span(group, group + 5)),),
        indicators=(Indicator("全区正规就业人数", 400000, "人", ">=", "2022", "target",
                              Span(figure, figure + 18), "4.1", task="4.1"),),
    )
    store = ox.Store()
    store.load(rdf.to_nquads(facts).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    rows: dict[str, list[dict[str, str]]] = {}
    for name in VIEW_QUERIES:
        query = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
        columns = re.search(r"^# columns: (.+)$", query, re.M).group(1).split(",")
        answer = store.query(query)
        assert [v.value for v in answer.variables] == columns, name
        rows[name] = [{c: (s[c].value if s[c] is not None else "") for c in columns}
                      for s in answer]
        assert len(rows[name]) == 1, name
    data = ViewData.from_rows(rows, texts={DOC: text})
    assert data.owners[0].role == "lead" and data.owners[0].label == "青浦区人力资源社会保障局"
    for fact in data.all_facts():
        placed = place(fact, text)
        assert placed is not None and placed.exact, fact.kind


# ---------------------------------------------------------------- in a real browser

def _open(chromium, url: str):  # type: ignore[no-untyped-def]
    """A page with every non-file request aborted and every error collected."""
    return watched_page(chromium, url, lambda u: u.startswith("file:"), "the file")


@pytest.mark.browser
def test_every_page_renders_offline_without_errors(chromium, site: Path) -> None:  # type: ignore[no-untyped-def]
    for path in _pages(site):
        page, problems = _open(chromium, path.as_uri())
        if page.query_selector("#network"):
            page.wait_for_function("document.body.dataset.network === 'ready'", timeout=30000)
            assert page.eval_on_selector("#network canvas", "c => c.width * c.height") > 0
        assert problems == [], (path, problems)
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        page.close()


@pytest.mark.browser
def test_planted_markup_shows_as_text(chromium, site: Path) -> None:  # type: ignore[no-untyped-def]
    page, problems = _open(chromium, (site / "doc" / f"{DOC}.html").as_uri())
    assert SCRIPT in page.inner_text("#text")
    assert SCRIPT in page.inner_text("h1")
    assert EVIL_AGENCY in page.inner_text("table")
    page.close()
    agency = next(p for p in (site / "agency").glob("*.html") if "rsj" in p.name)
    page, problems = _open(chromium, agency.as_uri())
    page.wait_for_function("document.body.dataset.network === 'ready'", timeout=30000)
    assert EVIL_AGENCY in page.inner_text("h1")
    titles = page.evaluate(
        "JSON.parse(document.getElementById('graph-data').textContent).nodes.map(n => n.title)")
    assert any(EVIL_AGENCY in title for title in titles)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert problems == []
    page.close()


@pytest.mark.browser
def test_a_fact_link_lands_on_its_sentence(chromium, site: Path) -> None:  # type: ignore[no-untyped-def]
    network = (site / "network.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="graph-data">(.*?)</script>', network, re.S).group(1))
    url = next(n["url"] for n in data["nodes"] if n["kind"] == "indicator")
    path, anchor = url.split("#")
    page, problems = _open(chromium, f"{(site / path).as_uri()}#{anchor}")
    assert page.inner_text(f"#{anchor}") == "2022年全区正规就业不少于40万人"
    assert "hit" in page.get_attribute(f"#{anchor}", "class")
    assert problems == []
    page.close()


def _many_tasks(count: int) -> ViewData:
    """``count`` one-line tasks over 10 documents, each led by one shared agency."""
    text = "".join(f"任务{n:05d}。" for n in range(count))
    rows: dict[str, list[dict[str, str]]] = {"view-tasks": [], "view-owners": []}
    for n in range(count):
        source, task = f"d{n % 10}", f"{ID}task/{n}"
        span = _span(text, f"任务{n:05d}")
        rows["view-tasks"].append({"source": source, "task": task, "section": str(n), **span})
        rows["view-owners"].append({"source": source, "task": task, **span, "fact": f"{task}/o",
                                    "unit": f"{ID}agency/fgw", "unit_label": "发展改革委",
                                    "role": "lead" if n % 2 else "co"})
    return ViewData.from_rows(rows, texts={f"d{n}": text for n in range(10)})


def test_a_big_overview_shows_documents_and_agencies_and_says_so() -> None:
    small = overview(_many_tasks(100))
    assert sum(n["kind"] == "task" for n in small.nodes.values()) == 100 and not small.note
    big = overview(_many_tasks(OVERVIEW_MAX))
    assert sorted({n["kind"] for n in big.nodes.values()}) == ["agency", "document"]
    assert len(big.nodes) == 11 and len(big.edges) == 10  # each document assigns to the agency
    assert f"{OVERVIEW_MAX} 任务 tasks" in big.note
    assert "aggregated" in render_network(big)  # the legend tells the reader


def test_a_busy_agency_draws_its_lead_tasks_first_and_lists_them_all() -> None:
    data = _many_tasks(AGENCY_TASKS_MAX * 2 + 10)
    view = agency_view(data, f"{ID}agency/fgw", "发展改革委")
    drawn = [node for node in view.nodes if "/task/" in node]
    assert len(drawn) == AGENCY_TASKS_MAX
    lead = {o.task for o in data.owners if o.role == "lead"}
    assert set(drawn) <= lead
    assert f"{AGENCY_TASKS_MAX} / {len(data.tasks)}" in view.note
