"""Clauses, beneficiary cues and group phrases that no lexicon lists.

``groups.py`` finds the scheme's labels; this module supplies what decides whether a
stretch of text names a beneficiary: the clause it sits in, the cue words that aim the
clause at someone (帮扶, 面向, 支持 …), and — for phrases such as 农机专业人才 that the
scheme lacks — their boundaries, found with jieba (the scheme's labels loaded as its
user dictionary so that known groups stay whole words). The words themselves live in
``lexicons/group_phrases.tsv``.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LEXICON = Path(__file__).parent / "lexicons" / "group_phrases.tsv"

# a clause ends at any of these: cues and lists never reach across them
CLAUSE_BREAK = re.compile(r"[，,。；;：:！!？?\n（）()《》〈〉“”\"]")
LIST_SEPARATOR = re.compile(r"[、和及或]|以及")
# parts of speech that may stand inside a noun phrase before its head word
NOUNISH = frozenset({"n", "nz", "ng", "nt", "nl", "vn", "an", "b", "j", "ns"})
MAX_PHRASE_CHARS = 10


@dataclass(frozen=True)
class PhraseLexicon:
    heads: dict[str, tuple[str, str]]  # head word -> (broader key, cue kind)
    cues: dict[str, frozenset[str]]  # cue word -> kinds it serves
    follows: dict[str, frozenset[str]]
    modifiers: frozenset[str]
    organisations: tuple[str, ...]
    places: tuple[str, ...]
    partners: tuple[str, ...]
    foundings: tuple[str, ...]
    not_partners: tuple[str, ...]
    compounds: tuple[str, ...]
    senses: dict[str, tuple[str, ...]]  # label -> clause words that give it another sense


@dataclass(frozen=True)
class Phrase:
    start: int
    end: int
    text: str
    broader: str


@lru_cache(maxsize=1)
def lexicon() -> PhraseLexicon:
    rows: dict[str, list[list[str]]] = {}
    for line in LEXICON.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, *rest = line.split("\t")
            rows.setdefault(kind, []).append(rest)

    def kinds(rest: list[str]) -> frozenset[str]:
        return frozenset(rest[1].split()) if len(rest) > 1 else frozenset()

    return PhraseLexicon(
        heads={r[0]: (r[1], r[2]) for r in rows.get("head", [])},
        cues={r[0]: kinds(r) for r in rows.get("cue", [])},
        follows={r[0]: kinds(r) for r in rows.get("follow", [])},
        modifiers=frozenset(r[0] for r in rows.get("modifier", [])),
        organisations=tuple(r[0] for r in rows.get("organisation", [])),
        places=tuple(r[0] for r in rows.get("place", [])),
        partners=tuple(r[0] for r in rows.get("partner", [])),
        foundings=tuple(r[0] for r in rows.get("founding", [])),
        not_partners=tuple(r[0] for r in rows.get("not-partner", [])),
        compounds=tuple(r[0] for r in rows.get("compound", [])),
        senses={r[0]: tuple(r[1].split()) for r in rows.get("sense", [])},
    )


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the clauses between ``start`` and ``end``, in order."""
    out, begin = [], start
    for m in CLAUSE_BREAK.finditer(text, start, end):
        if m.start() > begin:
            out.append((begin, m.start()))
        begin = m.end()
    if end > begin:
        out.append((begin, end))
    return out


def has_cue(clause: str, kind: str, before: int | None = None) -> bool:
    """Whether ``clause`` (up to offset ``before`` when given) aims at a group of ``kind``."""
    scope = clause if before is None else clause[:before]
    return any(kind in kinds and cue in scope for cue, kinds in lexicon().cues.items())


def followed_by_cue(rest: str, kind: str) -> bool:
    return any(kind in kinds and rest.startswith(w) for w, kinds in lexicon().follows.items())


def names_unit(rest: str) -> bool:
    """A label directly followed by 事务局, 联合会 … is part of a unit's name."""
    return rest.startswith(lexicon().organisations)


def inside_compound(rest: str) -> bool:
    """A label directly followed by 就业保障金, 基金 … names a fund or an affair of the
    group (残疾人就业保障金), not the group itself."""
    return rest.startswith(lexicon().compounds)


def other_sense(label: str, clause: str) -> bool:
    """Whether the clause gives an ambiguous label its non-beneficiary sense
    (重点人群 next to 核酸检测 are people to be screened)."""
    return any(word in clause for word in lexicon().senses.get(label, ()))


def in_foci_list(clause: str, start: int, end: int) -> bool:
    """Whether the mention is one item of a list that also names places or institutions."""
    lex = lexicon()
    before = LIST_SEPARATOR.split(clause[:start])
    after = LIST_SEPARATOR.split(clause[end:])
    if "、" not in clause[max(0, start - 1) : end + 1]:
        return False
    earlier = before[:-1] if len(before) > 1 else []
    later = after[1:] if len(after) > 1 else []
    if any(chunk.endswith(lex.places) for chunk in earlier):
        return True
    return any(re.split(r"[的等]", chunk)[0].endswith(lex.places) for chunk in later)


def after_partner(clause: str, start: int) -> bool:
    """Whether the mention is listed right after 与 (与A、B开展合作): a partner, not a target."""
    lex = lexicon()
    for word in lex.partners:
        i = clause.rfind(word, 0, start)
        if i < 0 or (i > 0 and clause[i - 1] in "参给赋") or _inside_word(clause, i, lex):
            continue
        between = clause[i + len(word) : start]
        if len(between) <= 15 and all(len(p) <= 8 for p in LIST_SEPARATOR.split(between)):
            return True
    return False


def _inside_word(clause: str, at: int, lex: PhraseLexicon) -> bool:
    """Whether the partner word at ``at`` is part of a longer word (同时, 共同, 协同)."""
    for word in lex.not_partners:
        k = word.find(clause[at])
        if k >= 0 and clause.startswith(word, at - k):
            return True
    return False


def being_founded(clause: str, start: int) -> bool:
    """Whether the mention is the object of 创办/组建 …: something set up, not helped."""
    return clause[max(0, start - 4) : start].endswith(lexicon().foundings)


def concept_key(phrase: str) -> str:
    """Key of a concept minted from a phrase: the same phrase always gives the same key."""
    return "new-" + hashlib.sha1(phrase.encode("utf-8")).hexdigest()[:12]


@lru_cache(maxsize=4)
def _tagger(user_words: tuple[str, ...]):  # jieba ships no type hints
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word in user_words:
        tokenizer.add_word(word, freq=100000, tag="nz")
    for head in lexicon().heads:
        tokenizer.add_word(head, freq=100000, tag="n")
    # importing jieba.posseg already read the default dictionary's tags (half a second);
    # POSTokenizer(tokenizer) would read the same file again, so share a copy of them
    default = jieba.posseg.dt
    if tokenizer.dictionary != default.tokenizer.dictionary or default.tokenizer.user_word_tag_tab:
        return jieba.posseg.POSTokenizer(tokenizer)
    tagger = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
    tagger.tokenizer = tokenizer
    tagger.word_tag_tab = dict(default.word_tag_tab)
    return tagger


def find_phrases(text: str, clause: tuple[int, int], user_words: Iterable[str]) -> list[Phrase]:
    """Group phrases in one clause, ending in a head word (…人才, …企业) and aimed at by a cue."""
    lex = lexicon()
    start, end = clause
    body = text[start:end]
    if not any(head in body for head in lex.heads):
        return []
    tokens, pos = [], 0
    for word, flag in _tagger(tuple(sorted(user_words))).cut(body):
        tokens.append((word, flag, pos))
        pos += len(word)
    found = []
    for j, (word, _flag, at) in enumerate(tokens):
        # jieba may keep a compound whole (餐饮企业): its own first part then qualifies the head
        head = next((h for h in lex.heads if word.endswith(h)), None)
        if head is None:
            continue
        own = word[: -len(head)]
        i = j
        while i > 0:
            _, flag, prev_at = tokens[i - 1]
            if flag not in NOUNISH or at + len(word) - prev_at > MAX_PHRASE_CHARS:
                break
            i -= 1
        while i < j and tokens[i][0] in lex.modifiers:
            i += 1
        qualifiers = [t[0] for t in tokens[i:j]] + ([own] if own else [])
        if all(q in lex.modifiers for q in qualifiers):
            continue
        p_start, p_end = tokens[i][2], at + len(word)
        broader, kind = lex.heads[head]
        if not (has_cue(body, kind, p_start) or followed_by_cue(body[p_end:], kind)):
            continue
        found.append(Phrase(start + p_start, start + p_end, body[p_start:p_end], broader))
    return found
