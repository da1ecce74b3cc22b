"""Tasks: a document in, its measures out (goal and framing parts are not measures)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from policykg.builders import ingest, metadata, structure, tasks

PLAN = """关于做好稳就业工作的实施意见

一、总体要求
（一）指导思想。以习近平新时代中国特色社会主义思想为指导，全面促进就业。
（二）工作目标。2022年全区正规就业不少于40万人。
二、推动就业容量持续扩大
（一）积极创造联动性岗位。建立重大项目带动就业的联动机制。（责任单位：区发展改革委、各街镇）
（二）主动提供政策性岗位。鼓励国有企业吸纳高校毕业生。（责任单位：区国资委）
三、“十三五”期间发展回顾
（一）目标完成情况。新增就业岗位140560个。
"""

NEWS = """近日，人力资源社会保障部举行新闻发布会，介绍第四季度工作进展。
去年疫情发生后，市人社局率先出台线上职业技能培训补贴政策，全年共开展线上线下职业培训。
赵永峰介绍，市人社局将继续根据宏观经济形势的变化，多措并举稳就业扩就业，稳妥积极出台相关政策措施，继续推动扩大就业岗位、稳定就业局势，完善重点群体的就业支持政策体系。
就业是最大的民生，也是发展的保障，上海始终坚持就业优先政策，以保促稳、稳中求进。
2021年上海市为民办实事项目正式公布，与你我的生活息息相关，具体项目如下：
一、新建50家社区综合为老服务中心。
二、全面开展公办小学学生校内课后服务。
"""


def _document(tmp_path: Path, text: str):
    path = tmp_path / "doc.txt"
    path.write_text(text, "utf-8")
    document = structure.parse(ingest.read(path))
    return replace(document, meta=metadata.read(document))


def test_leaf_measures_outside_framing_parts(tmp_path: Path) -> None:
    found = tasks.find(_document(tmp_path, PLAN))
    assert [(t.section, t.heading) for t in found] == [
        ("2.1", "积极创造联动性岗位"),
        ("2.2", "主动提供政策性岗位"),
    ]
    assert all(t.key == t.section for t in found)


def test_news_tasks_are_sentences_where_a_unit_acts(tmp_path: Path) -> None:
    document = _document(tmp_path, NEWS)
    found = tasks.find(document)
    text = document.source.text
    assert [t.section for t in found] == ["", ""]
    assert "率先出台" in text[found[0].span.start : found[0].span.end]
    assert "将继续" in text[found[1].span.start : found[1].span.end]
    assert all(t.key == f"s{t.span.start}" for t in found)


TABLE_PLAN = """关于促进高校毕业生就业的工作方案

一、主要措施
（一）拓宽就业渠道。鼓励企业吸纳高校毕业生就业。
（二）重点任务分工。各单位按照下表抓好落实。
序号\t重点任务\t牵头单位\t配合单位\t完成时限
1\t开展就业见习\t市人社局\t团市委\t2023年6月
2\t落实社保补贴\t市人社局\t市财政局\t长期坚持
"""


def test_rows_of_a_task_division_table_are_tasks(tmp_path: Path) -> None:
    document = _document(tmp_path, TABLE_PLAN)
    found = tasks.find(document)
    text = document.source.text
    assert [(t.section, t.heading) for t in found] == [
        ("1.1", "拓宽就业渠道"),
        ("1.2", "重点任务分工"),
        ("1", "开展就业见习"),
        ("2", "落实社保补贴"),
    ]
    # the section holding the table keeps only its own text; each row is its own task
    assert "市人社局" not in text[found[1].span.start : found[1].span.end]
    assert text[found[2].span.start : found[2].span.end].startswith("1\t开展就业见习")
