"""The gazetteer the query layer looks unit names up in: the builders' own name resolution.

``policykg.queries.lookup`` resolves 区人社局 to the units it can stand for, but the query
layer may not import the builders (data flows one way). This wiring module hands it the
small interface it needs — a name in, unit IRIs out — implemented with the lexicons
(builders/lexicons) and ``builders.naming.resolve``, the function the builders apply to every
mention. Nothing here reads a document: only lexicon data is consulted.
"""

from __future__ import annotations

from functools import cache

from policykg.builders.iris import agency_iri
from policykg.builders.lexicon import places
from policykg.builders.naming import resolve
from policykg.builders.places import NATION, Jurisdiction, chain_of


class LexiconGazetteer:
    """Unit IRIs a name may stand for, as the builders would resolve it in a document of
    any place the lexicon knows (a unit kept inside one document is never proposed)."""

    def unit_iris(self, name: str) -> set[str]:
        found = set()
        for where in _jurisdictions():
            agency = resolve(name, where)
            if not agency.key.startswith("?"):
                found.add(agency_iri(agency.key))
        return found


@cache
def _jurisdictions() -> tuple[Jurisdiction, ...]:
    chains = {chain_of(place) for place in places().values() if place.level != "national"}
    ordered = sorted(chains, key=lambda chain: tuple(place.name for place in chain))
    return (Jurisdiction((), "?lookup"), Jurisdiction((places()[NATION],), "?lookup"),
            *(Jurisdiction(chain, "?lookup") for chain in ordered))


__all__ = ["LexiconGazetteer"]
