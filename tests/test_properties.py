"""Property-based: arbitrary Chinese policy-like text never crashes extraction, and every
fact's quote is the original text at its recorded offsets."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from policykg.builders import extract

PIECES = [
    "一、", "二、", "（一）", "（二）", "1.", "2.", "（1）", "第一条", "\n", "\n\n", "。", "，",
    "、", "；", "：", "（", "）", "《", "》", "“", "”", "\t", "|", "％", "%", "万人", "亿元",
    "不少于", "以上", "控制在", "以内", "左右", "到2025年", "2023年", "5.5", "40", "三",
    "高校毕业生", "农民工", "小微企业", "就业困难人员", "市人力资源社会保障局", "区财政局",
    "教育部", "各县（市、区）人民政府", "责任单位", "牵头单位", "配合单位", "牵头", "配合",
    "等负责，列第一位者为牵头单位，下同", "支持", "鼓励", "就业", "創業", "補貼", " ", "\u3000",
    "a", "#", "**", "## ",
]
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=80).map("".join)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=texts)
def test_extract_never_crashes_and_quotes_match_offsets(tmp_path_factory, body: str) -> None:
    path = Path(tmp_path_factory.mktemp("prop")) / "doc.txt"
    path.write_text(body, encoding="utf-8")
    try:
        facts = extract(path)
    except Exception as exc:  # a reader may refuse (empty, binary) but only with its reason
        assert getattr(exc, "problem", None), f"{type(exc).__name__}: {exc}"
        return
    source = facts.document.source
    spans = [t.span for t in facts.tasks] + [o.span for o in facts.owners]
    spans += [g.span for g in facts.groups] + [i.span for i in facts.indicators]
    for span in spans:
        assert 0 <= span.start <= span.end <= len(source.text)
        start, end = source.raw_span(span)
        assert source.quote(span) == source.raw[start:end]
    for owner in facts.owners:
        assert source.clean(owner.span) == owner.mention or owner.implicit
    for group in facts.groups:
        assert source.clean(group.span) == group.mention
