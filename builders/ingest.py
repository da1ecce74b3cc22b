"""File → ``Source``: decode, strip markup, normalize, keep an exact offset map.

``read`` is the only entry point. Text formats (plain, Markdown, HTML with front
matter) are decoded here; PDF and DOCX go through their libraries' text layer, and the
extracted text becomes ``raw`` (there is no other text an analyst could quote).
"""

from __future__ import annotations

import unicodedata
from operator import itemgetter
from pathlib import Path

from policykg.builders.errors import InputError
from policykg.builders.formats import Chars, Extracted, decode, extract
from policykg.builders.model import Source
from policykg.builders.normalize import paragraphs


def read(path: Path) -> Source:
    """Read one document file. Raises InputError naming the file when it cannot be read."""
    path = Path(path)
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(name, f"cannot read file ({err.strerror})") from err
    suffix = path.suffix.lower()
    warnings: tuple[str, ...] = ()
    if suffix == ".pdf":
        from policykg.builders.binary_formats import pdf_text

        raw, encoding = pdf_text(data, name), "pdf"
        extracted = Extracted(_as_chars(raw), "pdf")
    elif suffix == ".docx":
        from policykg.builders.binary_formats import docx_text

        raw, encoding = docx_text(data, name), "docx"
        extracted = Extracted(_as_chars(raw), "docx")
    else:
        raw, encoding, warnings = decode(data, name)
        extracted = extract(raw, suffix)
    return build_source(path.stem, name, raw, extracted, encoding, warnings)


def build_source(
    doc_id: str,
    path: str,
    raw: str,
    extracted: Extracted,
    encoding: str,
    decode_warnings: tuple[str, ...] = (),
) -> Source:
    """Normalize extracted characters into a ``Source`` with its offset map."""
    chars = paragraphs(extracted.chars, extracted.format)
    if not chars:
        if extracted.format == "html":
            raise InputError(path, "HTML page has no article text (only markup and links)")
        raise InputError(path, "no text after removing markup")
    offsets = [at for _, at in chars]
    offsets.append(max(offsets[-1] + 1, 0))
    warnings = list(decode_warnings)
    if "\ufffd" in raw and not decode_warnings:
        warnings.append(f"{path}: contains U+FFFD replacement characters (damaged text)")
    return Source(
        id=doc_id,
        path=path,
        raw=raw,
        text="".join(map(itemgetter(0), chars)),
        offsets=tuple(offsets),
        format=extracted.format,
        encoding=encoding,
        front_matter=extracted.front_matter,
        warnings=tuple(warnings),
        script=_script(raw, chars),
    )


_TRADITIONAL_SHARE = 0.05  # Simplified text has a stray variant now and then, not one in 20


def _script(raw: str, chars: list[tuple[str, int]]) -> str:
    """"Hant" when normalization turned a good share of the Han characters from Traditional
    to Simplified (each output character still points at the one it came from)."""
    han = converted = 0
    for c, at in chars:
        if "\u4e00" <= c <= "\u9fff":
            han += 1
            original = raw[at]
            converted += original != c and unicodedata.normalize("NFKC", original) != c
    return "Hant" if han and converted >= _TRADITIONAL_SHARE * han else "Hans"


def from_text(text: str, doc_id: str = "test", suffix: str = ".txt") -> Source:
    """A ``Source`` from a string, as if read from a UTF-8 file (tests, snippets)."""
    return build_source(doc_id, f"{doc_id}{suffix}", text, extract(text, suffix), "utf-8")


def _as_chars(raw: str) -> Chars:
    return [(c, i) for i, c in enumerate(raw) if c != "\r"]
