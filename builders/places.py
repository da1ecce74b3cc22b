"""Where a document belongs: its chain of places, from the lexicon or from its issuer.

Places in builders/lexicons/jurisdictions.tsv carry their parents (杭州市 → 浙江省).
A place the lexicon does not know is still read from the issuer (佛山市南海区人民政府
→ 佛山市 / 南海区); its parent is then unknown (``UNKNOWN``), so its units get keys
under the place's own name and their counterpart goes straight to the central unit.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache

from policykg.builders.lexicon import Place, alternation, places

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
    named: tuple[Place, ...] = ()  # places the text names, for a level its chain lacks

    def at(self, level: str) -> tuple[Place, ...] | None:
        """The chain down to the place of ``level`` (区 → the district), None if unknown.

        A level below the document's own (省政府 in a State Council reply to 河北省) is the
        one place of that level the text names, if it names exactly one."""
        if level == "national":
            return (places()[NATION],)
        if level == "municipal" and self.chain and self.chain[-1].level == "county" and (
                self.chain[-1].name.endswith("市")):
            return self.chain  # in a county-level city's document, 市 is that city (义乌市)
        for i, place in enumerate(self.chain):
            # a 直辖市 (municipal, no parent) stands at the provincial level too
            if place.level == level or (level == "provincial" and place.level == "municipal"
                                        and place.parent == ""):
                return self.chain[: i + 1]
        named = [p for p in self.named if p.level == level
                 and all(c in chain_of(p) for c in self.chain if c.level != "national")]
        return chain_of(named[0]) if len(named) == 1 else None

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


def _spoken_names(place: Place) -> tuple[str, ...]:
    """The names that point at ``place`` on their own: its written names, and its short
    name for a province or city (上海, 贵州) — a district's short name is a word too often
    (金山银山, 普陀山) to count without its suffix."""
    names = written_names(place)
    if place.level in ("provincial", "municipal") and len(place.short) >= 2:
        names += (place.short,)
    return names


def names_place(text: str, place: Place) -> bool:
    return any(n in text for n in _spoken_names(place))


@cache
def _spoken_index() -> tuple[re.Pattern[str], dict[str, tuple[Place, ...]]]:
    """Every spoken name of every place as one pattern, and the places each name points
    at — those of the name and of the shorter names it starts with (上海 in 上海市)."""
    named: dict[str, set[Place]] = {}
    for place in places().values():
        if place.level != "national":
            for name in _spoken_names(place):
                named.setdefault(name, set()).add(place)
    pointed = {name: tuple(sorted({p for k in range(1, len(name) + 1)
                                   for p in named.get(name[:k], ())}, key=lambda p: p.name))
               for name in named}
    # a lookahead matches at every position, so names inside others are found too; the
    # class of first characters lets the engine pass over the rest of the text quickly
    firsts = "".join(sorted({name[0] for name in named}))
    return re.compile("(?=[" + re.escape(firsts) + "])(?=(" + alternation(tuple(named))
                      + "))"), pointed


def find_places(text: str) -> list[Place]:
    """Places named whole in ``text``, deepest first."""
    pattern, pointed = _spoken_index()
    seen = {p.name: p for m in pattern.finditer(text) for p in pointed[m.group(1)]}
    found = list(seen.values())
    # a district of one city is not the district of the same name in another city the
    # text names (舟山市普陀区 is not 上海市普陀区)
    wide = [p for p in found if p.level in ("provincial", "municipal")]
    found = [p for p in found if p in wide or all(
        w in chain_of(p) or p in chain_of(w) for w in wide)]
    return sorted(found, key=lambda p: (-len(chain_of(p)), p.name))


@cache
def _written_by_first() -> dict[str, tuple[tuple[str, Place], ...]]:
    """Written names of the non-national places, grouped by first character in lexicon
    order (an issuer is matched against the few names that can start it)."""
    grouped: dict[str, list[tuple[str, Place]]] = {}
    for place in places().values():
        if place.level != "national":
            for name in written_names(place):
                grouped.setdefault(name[:1], []).append((name, place))
    return {first: tuple(named) for first, named in grouped.items()}


def issuer_chain(head: str) -> tuple[Place, ...]:
    """The places an issuer's name starts with (佛山市南海区人民政府), known or not."""
    chain: list[Place] = []
    pos = 0
    while True:
        known = sorted(((n, p) for n, p in (*_written_by_first().get("", ()),
                                            *_written_by_first().get(head[pos:pos + 1], ()))
                        if head.startswith(n, pos)),
                       key=lambda np: (-len(np[0]), np[0]))
        if known:
            written, place = known[0]
            chain = list(chain_of(place)) if not chain or place.parent == chain[-1].name \
                else [*chain, place]
            pos += len(written)
            continue
        m = ADHOC_RE.match(head, pos)
        # an issuer may be the place alone (深圳市盐田区 as the title's first words)
        if not m or not (ISSUER_TAIL_RE.fullmatch(head[m.end():]) or m.end() == len(head)
                         or ADHOC_RE.match(head, m.end())):
            break
        name = m.group(1)
        suffix, level = next((s, lv) for s, lv in SUFFIX_LEVEL if name.endswith(s))
        parent = chain[-1].name if chain else UNKNOWN
        chain.append(Place(name, name.removesuffix(suffix), (), parent, level))
        pos = m.end()
    ends = pos == len(head) or ISSUER_TAIL_RE.fullmatch(head[pos:])
    return tuple(chain) if pos and ends else ()


def _number_prefix(doc_number: str) -> str:
    """The place abbreviation a document number starts with (青 in 青府规发〔2022〕4号)."""
    found = re.match(r"[\u4e00-\u9fff]+?(?=[府政办委就人发规])", doc_number)
    return found.group(0) if found else ""


OWN_PLACE_RE = re.compile(r"结合([\u4e00-\u9fff]{2,12}?)(?:的)?(?:工作)?实际")


def _chain_named_in(text: str) -> tuple[Place, ...]:
    """The place an issuer line or title starts with, else the first place it names."""
    chain = issuer_chain(text)
    if chain:
        return chain
    found = find_places(text)
    return chain_of(found[0]) if found else ()


def locate(document_id: str, heads: list[str], doc_number: str, body: str,
           lines: tuple[str, ...] | list[str] = ()) -> Jurisdiction:
    """The document's jurisdiction: from its issuer/title, else its number, else its
    first lines, else the place its text names most often."""
    if re.match(r"国(?:发|办发|函|办函)", doc_number) or any(
        h.startswith(("国务院", NATION)) for h in heads
    ):
        return Jurisdiction((places()[NATION],), document_id, tuple(find_places(body)))
    for head in heads:
        chain = _chain_named_in(head)
        if chain:
            return Jurisdiction(chain, document_id)
    # 结合官渡区实际: the document names its own place, even when it cites a city's notice
    own = OWN_PLACE_RE.search(body[:1500])
    if own:
        found = find_places(own.group(1))
        if found:
            return Jurisdiction(chain_of(found[-1]), document_id)
        adhoc = issuer_chain(own.group(1))
        if len(adhoc) == 1 and adhoc[0].parent == UNKNOWN:
            # a district the lexicon lacks: hang it under the city its number names
            above = _from_number_prefix(_number_prefix(doc_number), body, heads) \
                or _only_city_named(body[:1500])
            if above and above[-1].level in ("municipal", "provincial"):
                place = replace(adhoc[0], parent=above[-1].name)
                return Jurisdiction((*above, place), document_id)
            return Jurisdiction(adhoc, document_id)
    prefix = _number_prefix(doc_number)
    if prefix:
        chain = _from_number_prefix(prefix, " ".join(heads) + "\n" + body, heads)
        if chain:
            return Jurisdiction(chain, document_id)
    for line in lines:
        chain = _chain_named_in(line)
        if chain:
            return Jurisdiction(chain, document_id)
    counts = _named_counts(body)
    best = sorted((-n, name) for name, n in counts.items() if n > 0)
    if best:
        return Jurisdiction(chain_of(places()[best[0][1]]), document_id)
    return Jurisdiction((), document_id)


@cache
def _whole_names() -> re.Pattern[str]:
    """Every spoken name of a place, the longest first: 苍南县 is read whole, not as 南县."""
    return re.compile(alternation(tuple(_spoken_index()[1])))


def _named_counts(text: str) -> Counter[str]:
    """How often the text names each place, each name read whole where it stands."""
    pointed = _spoken_index()[1]
    counts: Counter[str] = Counter()
    for m in _whole_names().finditer(text):
        for place in pointed[m.group(0)]:
            if m.group(0) in _spoken_names(place):  # the place the whole name is
                counts[place.name] += 1
    return counts


def _only_city_named(text: str) -> tuple[Place, ...]:
    """The one city a document's opening names (根据《昆明市人民政府关于…》), if only one:
    a district writing 结合X区实际 usually cites the city it belongs to."""
    cities = {p for p in find_places(text) if p.level == "municipal"}
    return chain_of(cities.pop()) if len(cities) == 1 else ()


def _from_number_prefix(abbr: str, context: str, heads: list[str]) -> tuple[Place, ...]:
    """The place a document number's prefix (沪府发, 金政办发) stands for.

    A province's one-character form is unambiguous (沪, 黔, 粤); a city's or district's
    (金 for 金山区) is shared by many places, so it counts only when the document names
    that place too — else a place in the title that starts with it (金水区) is the one.
    """
    if not abbr:
        return ()
    fits = [p for p in places().values() if abbr in p.abbrs or abbr == p.short]
    named = [p for p in fits if names_place(context, p)]
    if named:
        return chain_of(sorted(named, key=lambda p: (-len(chain_of(p)), p.name))[0])
    unnamed_place = re.compile(re.escape(abbr) + r"[\u4e00-\u9fff]{0,3}?(?:"
                               + "|".join(s for s, _ in SUFFIX_LEVEL) + ")")
    for text in [*heads, context]:
        for m in unnamed_place.finditer(text):
            if m.group(0) in places():  # 苍南县 for 苍政发: a place the gazetteer has
                if text is not context or not abbr_fits_province(abbr):
                    return chain_of(places()[m.group(0)])
                continue
            # 郑州市金水区: the city written before it is its parent
            above = find_places(text[max(0, m.start() - 12) : m.start()])
            above = [p for p in above if text[: m.start()].endswith(written_names(p))]
            if text is context and not above:
                continue  # in running text only a place under a named city counts
            name = m.group(0)
            suffix, level = next((s, lv) for s, lv in SUFFIX_LEVEL if name.endswith(s))
            parent = above[0].name if above else UNKNOWN
            chain = chain_of(above[0]) if above else ()
            return (*chain, Place(name, name.removesuffix(suffix), (abbr,), parent, level))
    wide = [p for p in fits if p.level == "provincial" or (p.level == "municipal"
                                                           and not p.parent)]
    return chain_of(sorted(wide, key=lambda p: p.name)[0]) if wide else ()


def abbr_fits_province(abbr: str) -> bool:
    """Whether a document number's abbreviation is a province's (沪, 黔): then a place in the
    running text that starts with the same character is not the issuer's."""
    return any(abbr in p.abbrs for p in places().values() if p.level == "provincial")


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
