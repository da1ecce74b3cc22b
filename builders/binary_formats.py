"""Text layers of PDF (pdfplumber) and DOCX (python-docx) files.

The extracted text is the document's ``raw``: tables become tab-separated rows at their
place in the text, paragraphs and pages are separated by blank lines so that
normalization can join wrapped lines. Running headers and footers (a line repeated at
the top or bottom of most pages, page numbers masked) are dropped.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import cast

from policykg.builders.errors import InputError

Rows = list[list[str]]
Line = tuple[str, float, float, float]  # text, left, right, height
_NUMBERED = re.compile(r"^(序号|编号|序)$")
_RUN_IN_END = re.compile(r"[。！？!?；;：:]\s*$")
_PDF_PROBLEMS = {
    "PDFPasswordIncorrect": "encrypted PDF (password protected)",
    "PDFEncryptionError": "encrypted PDF (unsupported encryption)",
    "PSEOF": "truncated or damaged PDF (unexpected end of file)",
    "PDFSyntaxError": "damaged PDF (syntax error)",
}


def pdf_text(data: bytes, path: str) -> str:
    try:
        import pdfplumber
    except ImportError as err:  # optional dependency (extra "formats")
        raise InputError(path, "reading PDF needs pdfplumber (pip install pdfplumber)") from err
    if not data.lstrip().startswith(b"%PDF"):
        raise InputError(path, "not a PDF (no %PDF header)")
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [_page_blocks(page) for page in pdf.pages]
    except Exception as err:  # pdfminer raises many unrelated types on damaged files
        cause = err.args[0] if err.args and isinstance(err.args[0], Exception) else err
        problem = _PDF_PROBLEMS.get(type(cause).__name__)
        raise InputError(path, problem or f"not a readable PDF ({type(cause).__name__})") from err
    _drop_running_lines(pages)
    _join_split_rows(pages)
    text = _render([block for blocks in pages for block in blocks])
    if not text.strip():
        raise InputError(path, "PDF has no text layer (scanned image?); run OCR first")
    return text


def _page_blocks(page) -> list[list[Line] | Rows]:  # type: ignore[no-untyped-def]
    """Text bands (lists of lines) and tables (rows of cells), top to bottom."""
    blocks: list[list[Line] | Rows] = []
    top = 0.0
    for table in sorted(page.find_tables(), key=lambda t: t.bbox[1]):
        blocks.append(_band(page, top, table.bbox[1]))
        blocks.append([[_cell(c) for c in row] for row in table.extract()])
        top = table.bbox[3]
    blocks.append(_band(page, top, page.height))
    return [b for b in blocks if b]


def _band(page, top: float, bottom: float) -> list[Line]:  # type: ignore[no-untyped-def]
    if bottom - top < 1:
        return []
    def inside(obj: dict) -> bool:  # by the middle: crop() keeps chars that merely touch
        return obj.get("object_type") != "char" or top <= (obj["top"] + obj["bottom"]) / 2 < bottom

    lines = page.filter(inside).extract_text_lines(return_chars=False)
    return [
        (line["text"], line["x0"], line["x1"], line["bottom"] - line["top"])
        for line in lines
        if line["text"].strip()
    ]


def _cell(value: str | None) -> str:
    return (value or "").replace("\n", "").replace("\t", " ")


def _drop_running_lines(pages: list[list[list[Line] | Rows]]) -> None:
    """Remove a first or last line that repeats on at least half of the pages (≥ 2)."""
    for edge in (0, -1):
        keys = Counter(
            _mask(blocks[edge][edge]) for blocks in pages if blocks and _is_text(blocks[edge])
        )
        running = {k for k, n in keys.items() if n >= 2 and n * 2 >= len(pages)}
        for blocks in pages:
            if blocks and _is_text(blocks[edge]) and _mask(blocks[edge][edge]) in running:
                del blocks[edge][edge]
                if not blocks[edge]:
                    del blocks[edge]


def _mask(line: Line | list[str]) -> str:
    return re.sub(r"\d+", "#", str(line[0]).strip())


def _is_text(block: list[Line] | Rows) -> bool:
    return bool(block) and isinstance(block[0], tuple)


def _join_split_rows(pages: list[list[list[Line] | Rows]]) -> None:
    """A numbered table row broken by a page break continues in the next page's table."""
    previous: Rows | None = None
    for blocks in pages:
        first = blocks[0] if blocks else None
        if previous and first and not _is_text(first) and len(first[0]) == len(previous[-1]):
            rows: Rows = first  # type: ignore[assignment]
            if _NUMBERED.match(previous[0][0]) and not rows[0][0] and previous[-1][0]:
                previous[-1] = [a + b for a, b in zip(previous[-1], rows[0], strict=True)]
                del rows[0]
                if not rows:
                    del blocks[0]
        last = blocks[-1] if blocks else None
        previous = last if last and not _is_text(last) else None  # type: ignore[assignment]


def _render(blocks: list[list[Line] | Rows]) -> str:
    """Text with one newline after a wrapped line, a blank line after a paragraph.

    A line is wrapped when it reaches the right edge of the text column (within two
    characters, CJK lines end short of it) and the next line is not indented, also
    across a page break.
    """
    texts = [cast(list[Line], b) for b in blocks if _is_text(b)]
    lines = [line for block in texts for line in block]
    rights = sorted(line[2] for line in lines)
    edge = rights[(len(rights) * 9) // 10] if rights else 0.0
    lefts = sorted(line[1] for line in lines)
    margin = lefts[len(lefts) // 10] if lefts else 0.0
    out: list[str] = []
    previous: Line | None = None
    for block in blocks:
        if not _is_text(block):
            rows = cast(Rows, block)
            out.extend(["\n\n", "\n".join("\t".join(row) for row in rows)])
            previous = None
            continue
        for line in cast(list[Line], block):
            text, left, _, height = line
            if previous is not None:
                wrapped = previous[2] >= edge - 2.5 * previous[3] and left <= margin + height
                out.append("\n" if wrapped else "\n\n")
            elif out:
                out.append("\n\n")
            out.append(text)
            previous = line
    return "".join(out)


def docx_text(data: bytes, path: str) -> str:
    """Paragraphs in order, each table as tab-separated rows at its place."""
    try:
        import docx
        from docx.table import Table
    except ImportError as err:
        raise InputError(path, "reading DOCX needs python-docx (pip install python-docx)") from err
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = []
        for item in document.iter_inner_content():
            if isinstance(item, Table):
                blocks.append(_docx_rows(item))
            else:
                blocks.append(_docx_paragraph(item))
    except Exception as err:  # zipfile / lxml / KeyError on damaged files
        raise InputError(path, f"not a readable DOCX ({type(err).__name__})") from err
    text = "\n\n".join(b for b in blocks if b.strip())
    if not text.strip():
        raise InputError(path, "DOCX contains no text")
    return text


def _docx_paragraph(paragraph) -> str:  # type: ignore[no-untyped-def]
    """The paragraph's text; a bold run-in heading (**一、总体要求**正文) gets its own line."""
    runs = [(r.text, bool(r.bold)) for r in paragraph.runs if r.text]
    lead = ""
    for text, bold in runs:
        if not bold:
            break
        lead += text
    rest = paragraph.text[len(lead) :] if paragraph.text.startswith(lead) else ""
    if lead.strip() and rest.strip() and len(lead) <= 60 and not _RUN_IN_END.search(lead):
        return f"{lead}\n{rest}"
    return paragraph.text


def _docx_rows(table) -> str:  # type: ignore[no-untyped-def]
    rows = []
    for row in table.rows:
        cells: list[str] = []
        seen: list[object] = []
        for cell in row.cells:
            if not any(cell._tc is tc for tc in seen):  # a merged cell is listed per column
                seen.append(cell._tc)
                cells.append(_cell(cell.text))
        rows.append("\t".join(cells))
    return "\n".join(rows)
