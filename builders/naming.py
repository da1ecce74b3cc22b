"""Name resolution: a unit as written (区人社局) → one Agency node for the real unit.

The node key is the jurisdiction path plus the official body of the name, so the same
unit written differently in different documents (区人社局, 区人力资源社会保障局,
上海市青浦区人力资源和社会保障局) gets the same key. Short forms, full forms, branches
of central units and places are data (builders/lexicons/*.tsv); this module only
combines them. Each local unit links to the unit of the same line one level up
(``counterpart``): 区人社局 → 市人社局 → 省人社厅 → 人社部.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache, lru_cache

from policykg.builders.lexicon import (
    Place,
    branch_forms,
    collective_forms,
    place_names,
    places,
    prefix_levels,
    scope_levels,
    unit_forms,
    unit_words,
)
from policykg.builders.model import Agency
from policykg.builders.places import (
    NATION,
    Jurisdiction,
    chain_of,
    display,
    level_of,
    locate,
    path,
    written_names,
)

__all__ = ["Jurisdiction", "gazetteer_note", "is_central", "locate", "resolve"]
LOCAL_GOVERNMENT_RE = re.compile(r"(?<!人民)(?<!中央)政府(?!性)")  # not 政府性融资担保机构
CENTRAL_PREFIXES = ("国家", "国务院", "中共中央", "中央", "全国", "中国")
STREET_ENDINGS = ("镇", "乡", "街道", "街道办事处", "镇人民政府", "乡人民政府")


def clean(mention: str) -> str:
    text = re.sub(r"\s+", "", mention).replace("〔", "(").replace("〕", ")")
    return text.replace("（", "(").replace("）", ")")


def _body(body: str) -> tuple[str, str, str]:
    """(official body, kind, central counterpart) of a local body as written; a body the
    gazetteer does not know is kept as written (no expansion by character rules)."""
    form = unit_forms().get(("local", body))
    if form:
        return form.full, form.kind, form.national
    if body.endswith(unit_words("category")):
        return body, "category", ""
    if body.endswith("委") and body[:-1] + "委员会" in _local_bodies():
        # 教育委 → 教育委员会, a body the gazetteer has in full (never 组委 → 组委员会)
        return body[:-1] + "委员会", "unit", ""
    return body, "unit", ""


@cache
def _local_bodies() -> frozenset[str]:
    return frozenset(f.full for f in unit_forms().values() if f.scope == "local")


ABBREVIATED_ENDINGS = ("办", "委", "局")
FULL_ENDINGS = ("办公室", "办事处", "委员会", "党委", "分局")


def _unknown_abbreviation(body: str) -> bool:
    """A body the gazetteer lacks that reads as short for a longer name: 审改办, 民宗委,
    交运局 (a full name the gazetteer lacks, 公安分局 or 劳动能力鉴定委员会, is not)."""
    if _known_body(body) or body.endswith(FULL_ENDINGS) or not body.endswith(
            ABBREVIATED_ENDINGS):
        return False
    return body.endswith(("办", "委")) or len(body) <= 3


def _known_body(body: str) -> bool:
    """A body the gazetteer has, as a way of writing it or as its official name."""
    return ("local", body) in unit_forms() or body in _local_bodies() or (
        body.endswith("委") and body[:-1] + "委员会" in _local_bodies())


@cache
def _lexicon_places() -> tuple[tuple[str, Place], ...]:
    return tuple((n, p) for p in places().values() if p.level != "national"
                 for n in (*written_names(p), p.short) if n)


def _unlisted(where: Jurisdiction) -> tuple[Place, ...]:
    return tuple(p for p in where.chain if p.name not in places())


@lru_cache(maxsize=256)
def _places_with(unlisted: tuple[Place, ...]) -> tuple[tuple[str, Place], ...]:
    """Every way a place is written, the document's own (unlisted) places included,
    longest first (sorted once per set of unlisted places, not per mention)."""
    named = list(_lexicon_places())
    named += [(n, p) for p in unlisted for n in (p.name, p.short) if n]
    return tuple(sorted(named, key=lambda np: (-len(np[0]), np[0])))


@lru_cache(maxsize=256)
def _places_by_first(unlisted: tuple[Place, ...]) -> dict[str, tuple[tuple[str, Place], ...]]:
    """``_places_with`` grouped by first character, order kept (a prefix test per mention
    then scans only the names that can match)."""
    grouped: dict[str, list[tuple[str, Place]]] = {}
    for name, place in _places_with(unlisted):
        grouped.setdefault(name[0], []).append((name, place))
    return {first: tuple(named) for first, named in grouped.items()}


@lru_cache(maxsize=1024)
def _place_named(unlisted: tuple[Place, ...], written: str) -> Place | None:
    return next((p for n, p in _places_with(unlisted) if n == written), None)


@cache
def _prefix_words() -> tuple[str, ...]:
    return tuple(sorted(prefix_levels(), key=lambda w: (-len(w), w)))


def _chain(place: Place, where: Jurisdiction) -> tuple[Place, ...]:
    if place.name in places():
        return chain_of(place)
    i = next(i for i, p in enumerate(where.chain) if p.name == place.name)
    return where.chain[: i + 1]


def _split_prefix(text: str, where: Jurisdiction) -> tuple[tuple[Place, ...] | None, str, str]:
    """(jurisdiction chain, prefix as written, rest) of a mention."""
    chain: tuple[Place, ...] = ()
    written = ""
    named = _places_by_first(_unlisted(where))
    while True:  # 上海市青浦区…: take every place written in front, down the chain
        start = len(written)
        found = next(((n, p) for n, p in named.get(text[start:start + 1], ())
                      if text.startswith(n, start) and len(text) > start + len(n)), None)
        if not found:
            break
        name, place = found
        if chain and place.parent != chain[-1].name:
            break
        chain, written = _chain(place, where), written + name
    if chain:
        return chain, written, text[len(written):]
    scope = next((w for w in unit_words("scope") if text.startswith(w)), "")
    if scope:  # 市级相关单位, 州直各单位: the level the scope names, else the document's
        return where.at(scope_levels().get(scope, "")) or where.lowest, "", text
    if ("local", text) in unit_forms():
        return where.lowest, "", text  # 市场监管局: the 市 is part of the name
    for word in _prefix_words():
        if text.startswith(word) and len(text) > len(word):
            return where.at(prefix_levels()[word]), word, text[len(word):]
    return where.lowest, "", text


def _team(text: str) -> str:
    """团区委 / 共青团杭州市委 → the 团委 form after its prefix (区团委, 杭州市团委)."""
    team = re.fullmatch(r"(?:共青)?团(.+?)(?:委员会|委)", text)
    if team and (team.group(1) in prefix_levels() or team.group(1) in place_names()):
        return team.group(1) + "团委"
    return text


def is_central(mention: str) -> bool:
    """Whether a mention can only be a central unit (人社部, 教育部; not 统计局)."""
    text = clean(mention)
    return ("national", text) in unit_forms() and ("local", text) not in unit_forms()


def resolve(mention: str, where: Jurisdiction, central_list: bool = False) -> Agency:
    """The Agency node a mention stands for, within the document's jurisdiction.

    A bare form that is also a local unit (国资委, 统计局) is the local one in a local
    document, unless it is listed among central units (``central_list``). A collective
    or a class of units (各街道, 市直各有关部门) has no official name of its own: it is
    named as the document writes it, while its key keeps the place it belongs to.
    """
    agency = _resolve(mention, where, central_list)
    if agency.kind in ("collective", "category"):
        return replace(agency, name=re.sub(r"\s+", "", mention))
    return agency


def _resolve(mention: str, where: Jurisdiction, central_list: bool) -> Agency:
    text = _team(clean(mention))
    national = unit_forms().get(("national", text))
    if national and (central_list or not where.is_local or ("local", text) not in unit_forms()):
        return _national(national.full)
    for form, parent_form in _sub_units(text):
        parent = _national(unit_forms()[("national", parent_form)].full)
        name = parent.name.removeprefix(NATION) + form
        return Agency(f"{parent.key}/{form}", name, "unit", "national", NATION, parent.key)
    branch = _branch(text, where)
    if branch:
        return branch
    place = places().get(text)
    if place and place.level != "national":  # 黄埔区 as an owner: the district's government
        return resolve(text + "人民政府", where, central_list)
    chain, prefix, rest = _split_prefix(text, where)
    if not prefix and text.startswith(CENTRAL_PREFIXES) and ("local", text) not in unit_forms():
        chain = (places()[NATION],)  # 国家标准委, 中央网信办: central, whatever the document
    if not prefix and rest.endswith("总局"):  # a 总局 is central (市场监督管理总局)
        return _national(rest if rest.startswith(("国家", "中国")) else "国家" + rest)
    template = collective_forms().get(prefix + rest)
    if template and chain:
        name = template.replace("{place}", chain[-1].name)
        key = f"{path(chain)}/{prefix}{rest}"
        return Agency(key, name, "collective", level_of(chain), chain[-1].name)
    scope = next((w for w in unit_words("scope") if rest.startswith(w)), "")
    body, kind, central = _body(rest[len(scope):])
    if scope or rest.startswith("各") or "成员单位" in rest:
        # 各街镇, 市级各有关部门: several units; 各级X部门, 区镇两级X部门: a class of units
        several = rest[len(scope):].startswith("各") or "成员单位" in rest
        kind = "collective" if several else "category"
        body = scope + body
    if kind in ("collective", "category"):
        # 各县市区政府, 市政府各部门: a local government's name is X人民政府
        body = LOCAL_GOVERNMENT_RE.sub("人民政府", body)
    if not prefix and kind == "category" and not scope:
        # a generic class (人社部门, 有关部门) names no one unit: keep it as written
        return Agency(f"category/{text}", text, kind, "", "")
    if kind == "unit" and not scope and _proper(rest, prefix, chain):
        # 立山经济开发区, 西咸新区管委会: a proper name, kept as written, under the place
        # written in front of it, else the document's own place; with neither, kept
        # inside this document
        if chain:
            return Agency(f"{path(chain)}/{text}", text, kind, level_of(chain), chain[-1].name)
        return Agency(f"?{where.document}/{text}", text, kind, "", "")
    if chain is None:
        # nowhere to anchor it: keep it as written, and keep it inside this document
        return Agency(f"?{where.document}/{text}", text, kind, "", "")
    if chain[-1].level == "national":
        return Agency(f"{NATION}/{body}", body if kind != "unit" or _known_body(body) else text,
                      kind, "national", NATION)
    jur = display(chain)
    name = body.replace("{jur}", jur) if "{jur}" in body else jur + body
    bare = body.replace("{jur}", "")
    if kind == "unit" and bare.endswith(STREET_ENDINGS):  # 赵巷镇, 夏阳街道: a town or street
        return Agency(f"{path(chain)}/{bare}", name, kind, "street", bare)
    if kind == "unit" and not _known_body(rest[len(scope):]):
        # 区审改办, 区国土分局: a name the gazetteer lacks keeps its written form (its key
        # still carries the place, so it is one node wherever the place writes it so)
        name = text
    return Agency(f"{path(chain)}/{bare}", name, kind, level_of(chain), chain[-1].name, "",
                  _counterpart(chain, bare, kind, central))


def _proper(rest: str, prefix: str, chain: tuple[Place, ...] | None) -> bool:
    """A named zone, company or school the lexicon does not know, written without a
    level word (a place's short name may lead it: 湘西经开区管委会)."""
    if ("local", rest) in unit_forms() or not rest.endswith(_proper_endings()):
        return False
    return not prefix or bool(chain and prefix not in prefix_levels()
                              and prefix == chain[-1].short)


@cache
def _proper_endings() -> tuple[str, ...]:
    return (*unit_words("ending"), "管委会", "管理委员会")


def _counterpart(chain: tuple[Place, ...], body: str, kind: str, central: str) -> str:
    """The unit of the same line one level up: the parent place's unit, else the centre."""
    if kind != "unit":
        return ""
    if len(chain) > 1 and chain[-2].level != "national":
        return f"{path(chain[:-1])}/{_body_at(body, chain[-2].level, central)}"
    return _national(central).key if central else ""


def _body_at(body: str, level: str, central: str) -> str:
    """The body of a unit's line at ``level``: a province's 人社局 is its 人社厅."""
    if level != "provincial" or not central or not body.endswith("局"):
        return body
    stem = body[:-1]
    same_line = _same_line(central)
    for ending in ("厅", "委员会"):
        if stem + ending in same_line:
            return stem + ending
    return body


@lru_cache(maxsize=1024)
def _same_line(central: str) -> tuple[str, ...]:
    return tuple(sorted({f.full for f in unit_forms().values()
                   if f.scope == "local" and f.national == central}))


def _branch(text: str, where: Jurisdiction) -> Agency | None:
    """人行杭州中心支行, 浙江银保监局, 国家税务总局湖北省税务局: a central unit's branch."""
    for row in branch_forms():
        if not text.startswith(row.lead) or not text.endswith(row.tail):
            continue
        written = text[len(row.lead) : len(text) - len(row.tail)]
        place = _place_named(_unlisted(where), written)
        if place is None:
            continue
        chain = _chain(place, where)
        name = row.full.replace("{short}", place.short or place.name).replace(
            "{name}", place.name)
        return Agency(f"{path(chain)}/{row.body}", name, "unit", level_of(chain),
                      place.name, "", _national(row.national).key)
    return None


def _national(full: str) -> Agency:
    return Agency(f"{NATION}/{full.removeprefix(NATION)}", full, "unit", "national", NATION)


@cache
def _national_forms() -> tuple[str, ...]:
    """Forms of central units, longest first (sorted once, not per mention)."""
    ranked = sorted(unit_forms().items(), key=lambda kv: -len(kv[0][1]))
    return tuple(form for (scope, form), _ in ranked if scope == "national")


@cache
def _national_forms_by_first() -> dict[str, tuple[str, ...]]:
    """``_national_forms`` grouped by first character, order kept."""
    grouped: dict[str, list[str]] = {}
    for form in _national_forms():
        grouped.setdefault(form[:1], []).append(form)
    return {first: tuple(forms) for first, forms in grouped.items()}


def _sub_units(text: str) -> list[tuple[str, str]]:
    """(司 name, ministry form) when the mention is a department of a central unit."""
    by_first = _national_forms_by_first()
    for form in (*by_first.get("", ()), *by_first.get(text[:1], ())):
        if text.startswith(form) and re.fullmatch(r"[\u4e00-\u9fff]{2,10}司", text[len(form):]):
            return [(text[len(form):], form)]
    return []


def gazetteer_note(mention: str, agency: Agency, where: Jurisdiction) -> str:
    """What an analyst should check about an owner: "" when the gazetteer resolved it."""
    if agency.key.startswith("?"):
        return "unplaced: the document names no place for this unit"
    text = _team(clean(mention))
    if agency.kind != "unit" or ("national", text) in unit_forms():
        return ""
    _, _, rest = _split_prefix(text, where)
    scope = next((w for w in unit_words("scope") if rest.startswith(w)), "")
    body = rest[len(scope):]
    if _unknown_abbreviation(body):
        return "abbreviation not in the gazetteer: kept as written"
    if not _known_body(body) and not body.endswith(STREET_ENDINGS):
        return "name not in the gazetteer: kept as written"
    return ""
