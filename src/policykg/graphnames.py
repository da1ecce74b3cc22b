"""Which input gets which document IRI when two inputs would get the same one.

A document's IRI comes from its 文号 (or a hash of its text) — not its file name — so two
inputs can claim the same IRI: the same 文号 printed in two files (a page and its PDF, two
versions). The way out is deterministic and depends on the inputs alone: the input whose
file SHA-256 sorts first keeps the plain IRI, each other one gets ``~`` and the first 12 hex
digits of its own SHA-256 appended (``iris.document_key``'s variant). A build works this out
after extracting the changed inputs, then rebuilds whichever input's IRI has to change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Protocol

VARIANT_DIGITS = 12


class Claim(Protocol):
    """A built input: its name, file hash, the plain IRI it claims and the IRI it has."""

    source: str
    sha256: str
    plain: str
    graph: str


def variant_graph(plain: str, variant: str) -> str:
    """The IRI of the input with ``variant`` (the plain IRI for the first input)."""
    return f"{plain}~{variant}" if variant else plain


def variants(claims: Iterable[Claim]) -> dict[str, str]:
    """source → variant ("" for the input that keeps the plain IRI)."""
    by_plain: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_plain[claim.plain].append(claim)
    out: dict[str, str] = {}
    for members in by_plain.values():
        for i, claim in enumerate(sorted(members, key=lambda c: (c.sha256, c.source))):
            out[claim.source] = "" if i == 0 else claim.sha256[:VARIANT_DIGITS]
    return out


def misplaced(claims: Sequence[Claim], chosen: dict[str, str]) -> list[Claim]:
    """The inputs whose graph is not the IRI ``chosen`` for them: they must be rebuilt."""
    return [c for c in claims if c.graph != variant_graph(c.plain, chosen[c.source])]


def shared(claims: Sequence[Claim], touched: set[str]) -> list[Claim]:
    """Every input of a plain IRI several inputs claim, when one of them was built now: its
    graph may have been loaded over by another's and is loaded again from its shard."""
    by_plain: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_plain[claim.plain].append(claim)
    return sorted((c for members in by_plain.values() if len(members) > 1
                   and any(m.source in touched for m in members) for c in members),
                  key=lambda c: c.source)


__all__ = ["Claim", "misplaced", "shared", "variant_graph", "variants"]
