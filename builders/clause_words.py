"""The words of responsibility clauses, as patterns: labels (责任单位：, and any label of the
class 〈role word〉单位), closing verbs (负责, 牵头, 配合 …), lead declarations (列第一位者为
牵头单位 and its kin) and the notes that carry them on (下同). The words themselves are
data: builders/lexicons/labels.tsv.
"""

from __future__ import annotations

import re
from functools import cache

from policykg.builders.lexicon import alternation, label_words

LABELS = label_words("label")
# any label of the class: a role word and 单位/部门 (主要协作单位, 协助部门, 承办单位)
LABEL_CLASS = ("(?:主要)?(?:" + alternation(tuple(label_words("label-root")))
               + ")(?:责任)?(?:单位|部门)")
LABEL_WORD = "(?:" + alternation(tuple(LABELS)) + "|" + LABEL_CLASS + ")"
LABEL_RE = re.compile("(" + LABEL_WORD + r")\s*[:：]")
OTHER_FIELD_RE = re.compile(r"[，,]\s*[\u4e00-\u9fff]{2,6}\s*[:：]")
STOP_RE = re.compile("[。；;\n]|" + "|".join(label_words("deadline")))
VERB_TAIL = tuple(sorted(label_words("verb").items(), key=lambda kv: (-len(kv[0]), kv[0])))
JOINTLY = "会同"
# a sentence that names owners for every later measure "without listing them again"
CARRY_NOTE_RE = re.compile(r"[^。；;]*不再(?:一一)?(?:列出|列举|重复)[^。；;]*")
LEAD_MARK_RE = re.compile(r"[(（]牵头(?:单位|部门)?[)）]$")
OWNER_COLUMNS = ("lead", "co", "responsible")


@cache  # the same few headers in every table: sort the words once each
def column_meaning(header: str) -> str:
    """What a task table's column holds, by its header word (labels.tsv, longest first)."""
    text = re.sub(r"\s+", "", header)
    for words in (label_words("label"), label_words("column")):
        for word in sorted(words, key=lambda w: (-len(w), w)):
            if word in text:
                # a 部门分工 column holds whole clauses; its units are responsible
                return "responsible" if words[word] == "verbs" else words[word]
    return ""


def label_role(label: str) -> str:
    """The role a label gives its units: its own (labels.tsv), else its role word's."""
    if label in LABELS:
        return LABELS[label]
    roots = label_words("label-root")
    return next((roots[w] for w in sorted(roots, key=len, reverse=True) if w in label),
                "responsible")


def verb_tail(clause: str) -> tuple[str, str] | None:
    """The closing verb of a clause and the role it gives (A、B负责 → 负责, responsible)."""
    return next(((t, r) for t, r in VERB_TAIL if clause.endswith(t) and len(clause) > len(t)),
                None)


@cache
def lead_first_pattern() -> re.Pattern[str]:
    """列第一位者为牵头单位 and its kin: a first place and a lead word in one clause."""
    first = "(?:" + alternation(tuple(label_words("first"))) + ")"
    leads = "(?:" + alternation(tuple(label_words("leads"))) + ")"
    gap = r"[^，,。；;:：()（）]{0,10}?"
    return re.compile(first + gap + leads + "|" + leads + "(?:单位|部门)" + gap + first)


def declares_lead_first(text: str) -> bool:
    return bool(lead_first_pattern().search(text))


def carries(text: str) -> bool:
    """下同: the declaration holds for every later list."""
    return any(word in text for word in label_words("carry"))
