"""A document's title: the heading that stands before its body, or the portal's 标题 field.

A heading is a block of one to four short lines (a long title is printed wrapped: 国务院办公厅
/ 关于……考察 / 工作时所提问题和建议办理情况的函) that ends in a document-type word (通知,
意见, 方案, 答复 …). Numbered parts (二、主要措施), closing formulas (特此通知), document
numbers, dates and file names are never titles. A notice that publishes another document
(关于印发X的通知, …的函) is titled by the published document when the text carries X's own heading;
the notice's title is then kept apart.
"""

from __future__ import annotations

import re

TITLE_END = re.compile(
    r"(通知|意见|决定|办法|方案|规划|纲要|计划|规定|细则|措施|条例|要点|批复|通报|报告|函|公告|指南"
    r"|答复|规则|通告|决议|公报)$"
)
_SENTENCE = re.compile(r"[。;:!?,]")
_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十]+、|\(\s*(?:[一二三四五六七八九十]+|\d{1,3})\s*\)|\d{1,3}[.、]"
    r"|第[一二三四五六七八九十百\d]+[章节条部分]|[①-⑳])"
)
_CLOSING = ("特此", "此复", "现将", "现予", "以上")
_NOT_WRAPPED = re.compile(r"^\(|[号日月]$")
_HEADER = re.compile(r"^(?!.*关于).*文件$")  # 上海市人民政府文件: the letterhead
_FILE_NAME = re.compile(r"\.(?:s?html?|pdf|docx?|wps|txt|md|xlsx?)$", re.IGNORECASE)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_BLOCK_LINES = 4
_LINE_LIMIT = 40
_TITLE_LIMIT = 90
_SEARCHED = 60  # paragraphs: a cover letter may stand before the published document's heading


def find(paras: list[str], front: dict[str, str], file_stem: str = "") -> tuple[str, str]:
    """(notice title, title) of a document; both "" when it has no title."""
    for line in paras:
        if line.startswith("原标题:"):
            return "", line.removeprefix("原标题:").strip()
    given = front.get("标题") or front.get("title") or ""
    if plausible(given, file_stem):
        return "", given.strip()
    candidates = headings(paras[:_SEARCHED])
    if not candidates:
        return "", ""
    first = candidates[0]
    published = re.search(r"关于印发(.+?)的(?:通知|函)$", first)
    if published:
        target = published.group(1).strip("《》“”")
        inner = [c for c in candidates[1:] if target in c or c.endswith(target)]
        if inner:
            return first, inner[0]
    return "", first


def plausible(title: str, file_stem: str = "") -> bool:
    """Whether a title given by the page's metadata names the document, not the file."""
    text = title.strip()
    if not text or (file_stem and text in (file_stem, file_stem.rsplit(".", 1)[0])):
        return False
    return not _FILE_NAME.search(text) and len(_CJK.findall(text)) >= 2


def headings(paras: list[str]) -> list[str]:
    """Every heading block of ``paras`` that reads as a title, joined, in order."""
    found: list[str] = []
    i = 0
    while i < len(paras):
        if not _heading_line(paras[i]):
            i += 1
            continue
        joined, end = paras[i], i
        while (not TITLE_END.search(joined) and not _NOT_WRAPPED.search(paras[end])
               and end + 1 < len(paras) and end + 1 - i < _BLOCK_LINES
               and _heading_line(paras[end + 1])):
            end += 1
            joined += paras[end]
        if TITLE_END.search(joined) and len(joined) <= _TITLE_LIMIT:
            found.append(joined)
        i = end + 1
    return found


def _heading_line(line: str) -> bool:
    """A line that can be (part of) a title: short, no sentence, not a numbered part."""
    return (2 <= len(line) <= _LINE_LIMIT and not _SENTENCE.search(line)
            and not _MARKER.match(line) and not line.startswith(_CLOSING)
            and not line.startswith("(") and not _HEADER.match(line)
            and bool(_CJK.search(line)))


__all__ = ["TITLE_END", "find", "headings", "plausible"]
