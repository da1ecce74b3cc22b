"""``Document`` → ``DocumentMeta``: title, issuers, number, dates, addressees, cc, citations.

Reads the conventions of the official-document format (GB/T 9704): the header
"XX文件", the number 黔府发〔2015〕29号, the title "XX关于…的意见", the addressee
line ending in a colon, the signature and date, "抄送:" and "…印发". A notice that
publishes another document (关于印发…的通知) yields the published document's title;
the notice title goes to ``extra``.
"""

from __future__ import annotations

import re
from email.utils import parsedate_to_datetime

from policykg.builders import titles
from policykg.builders.model import Citation, Document, DocumentMeta, Span

_DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,15}[〔\[(【]\s*((?:19|20)\d{2})\s*[〕\])】]\s*(\d{1,4})\s*号"
)
_AGENCY_END = re.compile(
    r"(人民政府|办公厅|办公室|委员会|政府|部|厅|局|委|署|会|院|中心|小组|领导小组|公司|银行)$"
)
_DATE = re.compile(r"^((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日$")
_PRINTED = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日印发")
_ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?!\d)")
_CN_DATE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日")
_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_CITED = re.compile(r"《([^《》]{2,80})》(?:\(([^()]{0,30}?号)\))?")
_ALIAS = re.compile(r"(?:下称|简称|以下简称)《([^《》]+)》")
_HEAD = 12  # paragraphs where the header block (number, title, addressees) may be


def read(document: Document) -> DocumentMeta:
    text = document.source.text
    paras = [text[p.start : p.end] for p in document.paragraphs]
    front = dict(document.source.front_matter)
    first_section = document.sections[0].span.start if document.sections else len(text)
    head = [p for p, s in zip(paras, document.paragraphs, strict=True) if s.start < first_section]
    head = head[:_HEAD] or paras[:_HEAD]
    notice, title = titles.find(paras, front, document.source.id)
    number = _doc_number(head) or _doc_number([front.get("发文字号", "")])
    signed, printed = _dates(paras, front)
    issuers = _issuers(paras, head, notice or title, front)
    extra: tuple[tuple[str, str], ...] = (
        (("notice_title", notice),) if notice and notice != title else ()
    )
    extra += _portal_extra(front)
    return DocumentMeta(
        title=title,
        issuers=issuers,
        doc_number=number,
        date_signed=signed,
        date_printed=printed,
        addressees=_addressees(head),
        cc=_cc(paras),
        citations=_citations(text, title, number),
        extra=extra,
    )


def normalize_number(found: str) -> str:
    """青府规发[2022] 4号 / (2022) → 青府规发〔2022〕4号."""
    m = _DOC_NUMBER.search(found)
    if not m:
        return found.replace(" ", "")
    prefix = found[m.start() : m.start(1)].rstrip("〔[(【 ")
    return f"{prefix}〔{m.group(1)}〕{m.group(2)}号"


def _short_line(line: str, limit: int = 30) -> bool:
    return 4 <= len(line) <= limit and not re.search(r"[。;:!?,]", line)


def _doc_number(head: list[str]) -> str:
    for line in head:
        m = _DOC_NUMBER.match(line)
        if m:
            return normalize_number(m.group(0))
    return ""


def _iso(y: str, m: str, d: str) -> str:
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def _dates(paras: list[str], front: dict[str, str]) -> tuple[str, str]:
    signed = printed = ""
    for line in paras:
        plain = line.translate(_CN_DIGITS).replace("十", "")  # 二〇二二年八月三十日 (rough)
        m = _DATE.match(line) or _DATE.match(plain)
        if m and not signed:
            signed = _iso(*m.groups())
        p = _PRINTED.search(line)
        if p and not printed:
            printed = _iso(*p.groups())
    if not signed:
        for line in paras[:_HEAD]:
            if _DOC_NUMBER.match(line) and (m := _ISO_DATE.search(line)):
                signed = _iso(*m.groups())
                break
    for key in ("成文日期", "date"):  # a portal's metadata block, then YAML front matter
        if not signed and front.get(key):
            signed = _front_date(front[key])
    return signed, printed


def _portal_extra(front: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """Portal metadata kept as it is, the publication date as an ISO date."""
    extra = [(key, front[key]) for key in ("索引号", "主题分类") if front.get(key)]
    if front.get("发布日期") and (published := _front_date(front["发布日期"])):
        extra.append(("发布日期", published))
    return tuple(extra)


def _front_date(value: str) -> str:
    m = _ISO_DATE.search(value) or _CN_DATE.search(value)
    if m:
        return _iso(*m.groups())
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError):
        return ""


def _issuers(paras: list[str], head: list[str], title: str, front: dict[str, str]) -> tuple:
    found: list[str] = []
    m = re.match(r"^(.{2,60}?)(?:印发|转发)?关于", title)  # X印发关于…的通知: the issuer is X
    if m:
        found.extend(x for x in re.split(r"[、\s]+", m.group(1)) if x)
    for line in head:
        if line.endswith("文件") and len(line) <= 30:
            found.append(line.removesuffix("文件"))
    for i, line in enumerate(paras):
        if _DATE.match(line) and i > 0:
            j = i - 1
            while j > 0 and re.fullmatch(r"\(.{1,6}\)", paras[j]):
                j -= 1  # (代章) / (印章)
            if _short_line(paras[j]) and _AGENCY_END.search(paras[j]):
                found.append(paras[j])
    if title and len(paras) > 1:
        k = paras.index(title) if title in paras else -1
        after = paras[k + 1] if 0 <= k < len(paras) - 1 else ""
        if _short_line(after) and _AGENCY_END.search(after):
            found.append(after)  # author line under a plan's title
    if not found and front.get("发文机关"):
        found.extend(x for x in re.split(r"[、\s]+", front["发文机关"]) if x)
    if not found and front.get("author"):
        found.append(front["author"])
    unique: list[str] = []
    for name in found:
        if name and not any(name in u or u.endswith(name) for u in unique):
            unique = [u for u in unique if not name.endswith(u)] + [name]
    return tuple(unique)


def _addressees(head: list[str]) -> tuple[str, ...]:
    for line in head:
        colon = line.find(":")
        if colon <= 0 or colon > 120:
            continue
        part = line[:colon]
        if re.search(r"[。《]", part) or not re.search(r"各|人民政府|单位|部门|机构", part):
            continue
        if part.startswith(("为", "根据", "按照")):
            continue
        return tuple(x.strip() for x in re.split(r"[,;]", part) if x.strip())
    return ()


def _cc(paras: list[str]) -> tuple[str, ...]:
    for line in paras:
        m = re.match(r"^抄送[:](.+)$", line)
        if m:
            return tuple(x.strip() for x in re.split(r"[,;]", m.group(1).rstrip("。")) if x.strip())
    return ()


def _citations(text: str, title: str, number: str) -> tuple[Citation, ...]:
    aliases = set(_ALIAS.findall(text))
    seen: set[tuple[str, str]] = set()
    found: list[Citation] = []
    covered: list[Span] = []
    for m in _CITED.finditer(text):
        name, cited = m.group(1), normalize_number(m.group(2)) if m.group(2) else ""
        covered.append(Span(m.start(), m.end()))
        if name == title or name in aliases or (name, cited) in seen:
            continue
        seen.add((name, cited))
        found.append(Citation(title=name, number=cited, span=Span(m.start(), m.end())))
    for m in re.finditer(r"\(([^()]{2,30}号)\)", text):
        inner = m.group(1)
        if not _DOC_NUMBER.fullmatch(inner) or any(c.start <= m.start() < c.end for c in covered):
            continue
        cited = normalize_number(inner)
        if cited != number and ("", cited) not in seen:
            seen.add(("", cited))
            found.append(Citation(title="", number=cited, span=Span(m.start(1), m.end(1))))
    return tuple(sorted(found, key=lambda c: c.span.start))
