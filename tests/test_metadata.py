"""Document metadata from the conventions of official documents.

Each file in cases/metadata/ is document text, ``# expect``, then ``field TAB value``;
list fields separate items with ``|``; a citation is ``title SPACE number``. Fields not
listed must be empty.
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest
from policykg.builders import ingest, metadata, structure
from policykg.builders.model import DocumentMeta

CASES = sorted((Path(__file__).parent / "cases" / "metadata").glob("*.txt"))
LISTS = {"issuers", "addressees", "cc", "citations"}


def _as_dict(meta: DocumentMeta) -> dict[str, str]:
    out = {}
    for f in fields(meta):
        value = getattr(meta, f.name)
        if f.name == "citations":
            value = "|".join(f"{c.title} {c.number}" for c in value)
        elif f.name in LISTS:
            value = "|".join(value)
        elif f.name == "extra":
            continue
        out[f.name] = value
    return out


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_metadata(case: Path) -> None:
    text, _, expect = case.read_text("utf-8").partition("# expect\n")
    expected = {f.name: "" for f in fields(DocumentMeta) if f.name != "extra"}
    expected.update(line.split("\t", 1) for line in expect.splitlines() if line.strip())
    document = structure.parse(ingest.from_text(text))
    assert _as_dict(metadata.read(document)) == expected


def test_citation_spans_quote_the_source() -> None:
    source = ingest.from_text("根据《国务院关于做好就业工作的意见》(国发〔2015〕23号)要求。")
    meta = metadata.read(structure.parse(source))
    (cited,) = meta.citations
    assert source.quote(cited.span) == "《国务院关于做好就业工作的意见》(国发〔2015〕23号)"


@pytest.mark.parametrize(
    ("written", "normalized"),
    [
        ("青府规发〔2022〕4号", "青府规发〔2022〕4号"),
        ("青府规发[2022] 4号", "青府规发〔2022〕4号"),
        ("国发(2015)23号", "国发〔2015〕23号"),
    ],
)
def test_doc_numbers_are_normalized(written: str, normalized: str) -> None:
    assert metadata.normalize_number(written) == normalized
