"""Facts written by hand for two real sections of seed 003 (青府规发〔2022〕4号).

The raw text is the real file; the normalized text drops the Markdown bold markers, a
PDF-style line wrap and an in-number space, so raw and normalized offsets differ as
they do in real builds. A second, tiny document is the Shanghai opinion that 003 cites.
"""

from __future__ import annotations

from pathlib import Path

from policykg.builders.model import (
    Agency,
    Citation,
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

SEED = Path(__file__).resolve().parent.parent / "corpus" / "seeds" / "003_3d31144a4b974985.txt"
CITED_TITLE = "上海市人民政府关于做好本市当前和今后一个时期稳就业工作的意见"


def normalized(source_id: str, raw: str, drop: set[int]) -> Source:
    kept = [i for i in range(len(raw)) if i not in drop]
    text = "".join(raw[i] for i in kept)
    return Source(source_id, f"{source_id}.txt", raw, text, (*kept, len(raw)))


def _drops(raw: str) -> set[int]:
    drop = {i for i, ch in enumerate(raw) if ch == "*"}
    wrap = raw.index("占比\n\n不少于 70%") + 2
    drop |= {wrap, wrap + 1, raw.index("不少于 70%") + 3}
    return drop


def find(source: Source, needle: str, after: int = 0) -> Span:
    start = source.text.index(needle, after)
    return Span(start, start + len(needle))


def qingpu(unit: str, name: str, counterpart: str = "") -> Agency:
    return Agency(
        key=f"上海市/青浦区/{unit}",
        name=f"上海市青浦区{name}",
        level="district",
        jurisdiction="青浦区",
        counterpart=counterpart,
    )


RSJ = qingpu("人力资源社会保障局", "人力资源社会保障局", "上海市/人力资源社会保障局")
FGW = qingpu("发展改革委", "发展和改革委员会", "上海市/发展改革委")
STREETS = Agency("上海市/青浦区/各街镇", "青浦区各街镇", "collective", "street", "青浦区")
GWYJ = qingpu("公务员局", "公务员局")


def seed_facts() -> Facts:
    raw = SEED.read_text(encoding="utf-8")
    source = normalized("003_3d31144a4b974985", raw, _drops(raw))
    s41 = find(source, "(一) 积极创造联动性岗位")
    s42 = find(source, "(二) 主动提供政策性岗位")
    t41 = Task("4.1", "4.1", "积极创造联动性岗位", Span(s41.start, s42.start))
    end42 = source.text.index("各街镇）", s42.start) + 4
    t42 = Task("4.2", "4.2", "主动提供政策性岗位", Span(s42.start, end42))
    list41 = source.text.index("（责任单位：区人力资源社会保障局、区发展改革委", s41.start)
    list42 = source.text.index("（责任单位：区公务员局", s42.start)
    owners = (
        Owner("4.1", RSJ, "区人力资源社会保障局", "responsible", 0,
              find(source, "区人力资源社会保障局", list41)),
        Owner("4.1", FGW, "区发展改革委", "responsible", 1, find(source, "区发展改革委", list41)),
        Owner("4.1", STREETS, "各街镇", "responsible", 7, find(source, "各街镇", list41)),
        Owner("4.2", GWYJ, "区公务员局", "responsible", 0, find(source, "区公务员局", list42)),
        Owner("4.2", RSJ, "区人力资源社会保障局", "responsible", 1,
              find(source, "区人力资源社会保障局", list42)),
        Owner("4.2", STREETS, "各街镇", "responsible", 6, find(source, "各街镇", list42)),
    )  # fmt: skip
    groups = (
        GroupMention("4.2", "graduates", "高校毕业生", "高校毕业生",
                     find(source, "高校毕业生", s42.start)),
        GroupMention("4.2", "older-rural-surplus-labour", "大龄农村富余劳动力",
                     "大龄农村富余劳动力", find(source, "大龄农村富余劳动力", s42.start),
                     new_concept_broader="people"),
    )  # fmt: skip
    indicators = (
        Indicator("全区正规就业人数", 400000.0, "人", ">=", "2022", "target",
                  find(source, "2022年全区正规就业不少于40万人"), "4.1", task="4.1"),
        Indicator("青浦新城区域事业单位面向高校毕业生岗位占比", 70.0, "%", ">=", "2022", "target",
                  find(source, "不少于70%"), "4.2", task="4.2"),
    )  # fmt: skip
    meta = DocumentMeta(
        title="上海市青浦区人民政府关于做好我区当前和今后一个时期稳就业工作的实施意见",
        issuers=("上海市青浦区人民政府",),
        doc_number="青府规发〔2022〕4号",
        date_signed="2022-08-29",
        citations=(Citation(f"《{CITED_TITLE}》", "沪府规〔2022〕6号", find(source, CITED_TITLE)),),
    )
    document = Document(source, meta, (), (), (), ())
    return Facts(document, (t41, t42), owners, groups, indicators)


def cited_facts() -> Facts:
    """The cited opinion, its 文号 written with square brackets as some portals do."""
    raw = f"{CITED_TITLE}\n沪府规[2022]6号\n"
    source = normalized("shanghai_2022_6", raw, set())
    meta = DocumentMeta(
        title=CITED_TITLE, issuers=("上海市人民政府",), doc_number="沪府规[2022]6号"
    )
    return Facts(Document(source, meta, (), (), (), ()))
