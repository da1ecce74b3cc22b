"""Where a document belongs: its chain of places, from the lexicon or from its issuer.

Places in builders/lexicons/jurisdictions.tsv carry their parents (杭州市 → 浙江省).
A place the lexicon does not know is still read from the issuer (佛山市南海区人民政府
→ 佛山市 / 南海区); its parent is then unknown (``UNKNOWN``), so its units get keys
under the place's own name and their counterpart goes straight to the central unit.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from policykg.builders.lexicon import Place, places

NATION = "中华人民共和国"
UNKNOWN = "?"
LEVEL_ORDER = ("national", "provincial", "municipal", "district", "county")
# the administrative suffix of a place name → its level
SUFFIX_LEVEL = (("自治区", "provincial"), ("省", "provincial"), ("自治州", "municipal"),
                ("地区", "municipal"), ("盟", "municipal"), ("市", "municipal"),
                ("新区", "district"), ("区", "district"), ("自治县", "county"),
                ("县", "county"), ("旗", "county"))
ADHOC_RE = re.compile(r"(?:中共)?([\u4e00-\u9fff]{2,8}?(?:"
                      + "|".join(s for s, _ in SUFFIX_LEVEL) + "))")
ISSUER_TAIL_RE = re.compile(r"(?:人民政府|政府|[\u4e00-\u9fff]{0,16}"
                            r"(?:局|厅|委员会|委|办公室|办|中心|领导小组))")


@dataclass(frozen=True)
class Jurisdiction:
    """Where a document belongs: its chain of places from the top down.

    ``chain`` is empty when the document never says where it is from; its local units
    are then kept apart per document (``document``) rather than guessed.
    """

    chain: tuple[Place, ...]
    document: str

    def at(self, level: str) -> tuple[Place, ...] | None:
        """The chain down to the place of ``level`` (区 → the district), None if unknown."""
        if level == "national":
            return (places()[NATION],)
        for i, place in enumerate(self.chain):
            # a 直辖市 (municipal, no parent) stands at the provincial level too
            if place.level == level or (level == "provincial" and place.level == "municipal"
                                        and place.parent == ""):
                return self.chain[: i + 1]
        return None

    @property
    def lowest(self) -> tuple[Place, ...] | None:
        return self.chain or None

    @property
    def is_local(self) -> bool:
        return bool(self.chain) and self.chain[-1].level != "national"


def chain_of(place: Place) -> tuple[Place, ...]:
    chain = [place]
    while chain[0].parent in places():
        chain.insert(0, places()[chain[0].parent])
    return tuple(chain)


# a long official name is also written as its short name plus a shorter suffix:
# 湘西土家族苗族自治州 → 湘西自治州, 湘西州
SHORTER_SUFFIXES = (("自治州", ("自治州", "州")), ("自治县", ("自治县", "县")),
                    ("自治旗", ("自治旗", "旗")))


def written_names(place: Place) -> tuple[str, ...]:
    """Every way the place's name is written in full: its name and suffix forms."""
    names = [place.name]
    for suffix, forms in SHORTER_SUFFIXES:
        if place.name.endswith(suffix) and place.short:
            names += [place.short + f for f in forms if place.short + f != place.name]
    return tuple(names)


def find_places(text: str) -> list[Place]:
    """Places named in ``text`` (full or short name), deepest first."""
    found = [p for p in places().values() if p.level != "national" and p.short and p.short in text]
    return sorted(found, key=lambda p: (-len(chain_of(p)), p.name))


def issuer_chain(head: str) -> tuple[Place, ...]:
    """The places an issuer's name starts with (佛山市南海区人民政府), known or not."""
    chain: list[Place] = []
    pos = 0
    while True:
        known = sorted(((n, p) for p in places().values() if p.level != "national"
                        for n in written_names(p) if head.startswith(n, pos)),
                       key=lambda np: (-len(np[0]), np[0]))
        if known:
            written, place = known[0]
            chain = list(chain_of(place)) if not chain or place.parent == chain[-1].name \
                else [*chain, place]
            pos += len(written)
            continue
        m = ADHOC_RE.match(head, pos)
        if not m or not (ISSUER_TAIL_RE.fullmatch(head[m.end():])
                         or ADHOC_RE.match(head, m.end())):
            break
        name = m.group(1)
        suffix, level = next((s, lv) for s, lv in SUFFIX_LEVEL if name.endswith(s))
        parent = chain[-1].name if chain else UNKNOWN
        chain.append(Place(name, name.removesuffix(suffix), (), parent, level))
        pos = m.end()
    return tuple(chain) if pos and ISSUER_TAIL_RE.fullmatch(head[pos:]) else ()


def locate(document_id: str, heads: list[str], doc_number: str, body: str,
           lines: tuple[str, ...] | list[str] = ()) -> Jurisdiction:
    """The document's jurisdiction: from its issuer/title, else its number, else its
    first lines, else the place its text names most often."""
    if re.match(r"国(?:发|办发|函|办函)", doc_number) or any(
        h.startswith(("国务院", NATION)) for h in heads
    ):
        return Jurisdiction((places()[NATION],), document_id)
    for head in heads:
        chain = issuer_chain(head)
        if chain:
            return Jurisdiction(chain, document_id)
        found = find_places(head)
        if found:
            return Jurisdiction(chain_of(found[0]), document_id)
    prefix = re.match(r"[\u4e00-\u9fff]+?(?=[府政办委就人发规])", doc_number)
    if prefix:
        abbr = prefix.group(0)
        fits = [p for p in places().values() if abbr in p.abbrs or abbr == p.short]
        fits.sort(key=lambda p: (p.short not in body, -len(chain_of(p)), p.name))
        if fits:
            return Jurisdiction(chain_of(fits[0]), document_id)
    for line in lines:
        chain = issuer_chain(line)
        if chain:
            return Jurisdiction(chain, document_id)
        found = find_places(line)
        if found:
            return Jurisdiction(chain_of(found[0]), document_id)
    counts = Counter({p.name: body.count(p.short) for p in places().values() if p.short})
    best = sorted((-n, name) for name, n in counts.items() if n > 0)
    if best:
        return Jurisdiction(chain_of(places()[best[0][1]]), document_id)
    return Jurisdiction((), document_id)


def display(chain: tuple[Place, ...]) -> str:
    """How a jurisdiction is written in front of a unit name: 上海市青浦区, 江门市."""
    if not chain or chain[-1].level == "national":
        return ""
    place = chain[-1]
    if place.name.endswith("区") and len(chain) > 1 and chain[-2].level == "municipal":
        return chain[-2].name + place.name
    return place.name


def path(chain: tuple[Place, ...]) -> str:
    return "/".join(p.name for p in chain)


def level_of(chain: tuple[Place, ...]) -> str:
    level = chain[-1].level
    return level if level in LEVEL_ORDER else ""
