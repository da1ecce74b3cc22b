"""Name resolution: a unit as written (区人社局) → one Agency node for the real unit.

The node key is the jurisdiction path plus the official body of the name, so the same
unit written differently in different documents (区人社局, 区人力资源社会保障局,
上海市青浦区人力资源和社会保障局) gets the same key. Short forms, full forms and
jurisdictions are data (builders/lexicons/*.tsv); this module only combines them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from policykg.builders.lexicon import (
    Place,
    collective_forms,
    place_names,
    places,
    prefix_levels,
    unit_forms,
    unit_words,
)
from policykg.builders.model import Agency

NATION = "中华人民共和国"
LEVEL_ORDER = ("national", "provincial", "municipal", "district", "county")


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
            if place.level == level or (level == "provincial" and place.level == "municipal"
                                        and place.parent == ""):
                return self.chain[: i + 1]
        return None

    @property
    def lowest(self) -> tuple[Place, ...] | None:
        return self.chain or None


def chain_of(place: Place) -> tuple[Place, ...]:
    chain = [place]
    while chain[0].parent:
        chain.insert(0, places()[chain[0].parent])
    return tuple(chain)


def find_places(text: str) -> list[Place]:
    """Places named in ``text`` (full or short name), deepest first."""
    found = [p for p in places().values() if p.level != "national" and p.short and p.short in text]
    return sorted(found, key=lambda p: (-len(chain_of(p)), p.name))


def locate(document_id: str, heads: list[str], doc_number: str, body: str,
           lines: tuple[str, ...] | list[str] = ()) -> Jurisdiction:
    """The document's jurisdiction: from its issuer/title, else its number, else its
    first lines, else the place its text names most often."""
    if re.match(r"国(?:发|办发|函|办函)", doc_number) or any(
        h.startswith(("国务院", NATION)) for h in heads
    ):
        return Jurisdiction((places()[NATION],), document_id)
    for head in heads:
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


def clean(mention: str) -> str:
    text = re.sub(r"\s+", "", mention).replace("〔", "(").replace("〕", ")")
    return text.replace("（", "(").replace("）", ")")


def _body(body: str) -> tuple[str, str, str]:
    """(official body, kind, central counterpart) of a local body as written."""
    form = unit_forms().get(("local", body))
    if form:
        return form.full, form.kind, form.national
    if body.endswith(unit_words("category")):
        return body, "category", ""
    if body.endswith("委") and not body.endswith("党委"):
        return body + "员会", "unit", ""
    return body, "unit", ""


def _split_prefix(text: str, where: Jurisdiction) -> tuple[tuple[Place, ...] | None, str, str]:
    """(jurisdiction chain, prefix as written, rest) of a mention."""
    chain: tuple[Place, ...] = ()
    written = ""
    while True:  # 上海市青浦区…: take every place written in front, down the chain
        name = next((n for n in place_names() if text.startswith(n, len(written))
                     and len(text) > len(written) + len(n)), "")
        if not name:
            break
        place = next(p for p in places().values() if name in (p.name, p.short))
        if chain and place.parent != chain[-1].name:
            break
        chain, written = chain_of(place), written + name
    if chain:
        return chain, written, text[len(written):]
    if text.startswith(unit_words("scope")):
        return where.lowest, "", text
    for word in sorted(prefix_levels(), key=lambda w: (-len(w), w)):
        if text.startswith(word) and len(text) > len(word):
            return where.at(prefix_levels()[word]), word, text[len(word):]
    return where.lowest, "", text


def resolve(mention: str, where: Jurisdiction) -> Agency:
    """The Agency node a mention stands for, within the document's jurisdiction."""
    text = clean(mention)
    national = unit_forms().get(("national", text))
    if national:
        return _national(national.full)
    team = re.fullmatch(r"团(.+)委", text)
    if team and team.group(1) in prefix_levels():
        text = team.group(1) + "团委"
    for form, parent_form in _sub_units(text):
        parent = _national(unit_forms()[("national", parent_form)].full)
        name = parent.name.removeprefix(NATION) + form
        return Agency(f"{parent.key}/{form}", name, "unit", "national", NATION, parent.key)
    chain, prefix, rest = _split_prefix(text, where)
    template = collective_forms().get(prefix + rest)
    if template and chain:
        name = template.replace("{place}", chain[-1].name)
        key = f"{path(chain)}/{prefix}{rest}"
        return Agency(key, name, "collective", _level(chain), chain[-1].name)
    scope = next((w for w in unit_words("scope") if rest.startswith(w)), "")
    collective = bool(scope) or rest.startswith("各") or "成员单位" in rest
    body, kind, central = _body(rest[len(scope):])
    if collective:
        kind = "collective" if rest.startswith("各") or "成员单位" in rest else "category"
        body = scope + body
    if not prefix and kind == "category" and not scope:
        # a generic class (人社部门, 有关部门) names no one unit: keep it as written
        return Agency(f"category/{text}", text, kind, "", "")
    if chain is None:
        # nowhere to anchor it: keep it as written, and keep it inside this document
        return Agency(f"?{where.document}/{text}", text, kind, "", "")
    if chain[-1].level == "national":
        return Agency(f"{NATION}/{body}", body, kind, "national", NATION)
    jur = display(chain)
    name = body.replace("{jur}", jur) if "{jur}" in body else jur + body
    key = f"{path(chain)}/{body.replace('{jur}', '')}"
    counterpart = ""
    if kind == "unit" and len(chain) > 1 and chain[-2].level != "national":
        counterpart = f"{path(chain[:-1])}/{body.replace('{jur}', '')}"
    elif kind == "unit" and central:
        counterpart = _national(central).key
    return Agency(key, name, kind, _level(chain), chain[-1].name, "", counterpart)


def _national(full: str) -> Agency:
    return Agency(f"{NATION}/{full.removeprefix(NATION)}", full, "unit", "national", NATION)


def _sub_units(text: str) -> list[tuple[str, str]]:
    """(司 name, ministry form) when the mention is a department of a central unit."""
    for (scope, form), _ in sorted(unit_forms().items(), key=lambda kv: -len(kv[0][1])):
        if scope == "national" and text.startswith(form) and re.fullmatch(
            r"[\u4e00-\u9fff]{2,10}司", text[len(form):]
        ):
            return [(text[len(form):], form)]
    return []


def _level(chain: tuple[Place, ...]) -> str:
    level = chain[-1].level
    return level if level in LEVEL_ORDER else ""
