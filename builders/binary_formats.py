"""Text layers of PDF (pdfplumber) and DOCX (python-docx) files.

The extracted text is the document's ``raw``: tables become tab-separated rows, pages
and paragraphs are separated by blank lines so that normalization can join wraps.
"""

from __future__ import annotations

import io

from policykg.builders.errors import InputError


def pdf_text(data: bytes, path: str) -> str:
    try:
        import pdfplumber
    except ImportError as err:  # optional dependency (extra "formats")
        raise InputError(path, "reading PDF needs pdfplumber (pip install pdfplumber)") from err
    pages = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                tables = page.find_tables()
                outside = page
                for table in tables:
                    outside = outside.outside_bbox(table.bbox)
                parts = [outside.extract_text() or ""]
                for table in tables:
                    parts.append(_rows(table.extract()))
                pages.append("\n\n".join(p for p in parts if p.strip()))
    except InputError:
        raise
    except Exception as err:  # pdfminer raises many unrelated types on damaged files
        raise InputError(path, f"not a readable PDF ({type(err).__name__})") from err
    text = "\n\n".join(pages)
    if not text.strip():
        raise InputError(path, "PDF has no text layer (scanned image?)")
    return text


def docx_text(data: bytes, path: str) -> str:
    try:
        import docx
    except ImportError as err:
        raise InputError(path, "reading DOCX needs python-docx (pip install python-docx)") from err
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as err:  # zipfile / lxml errors on damaged files
        raise InputError(path, f"not a readable DOCX ({type(err).__name__})") from err
    blocks = [p.text for p in document.paragraphs]
    for table in document.tables:
        blocks.append(_rows([[cell.text for cell in row.cells] for row in table.rows]))
    text = "\n\n".join(b for b in blocks if b.strip())
    if not text.strip():
        raise InputError(path, "DOCX contains no text")
    return text


def _rows(rows: list[list[str | None]]) -> str:
    return "\n".join(
        "\t".join((cell or "").replace("\n", "").replace("\t", " ") for cell in row) for row in rows
    )
