"""HTML pages → characters with positions: the article body and the portal metadata block.

A portal page wraps the document in chrome (navigation, search box, share links, related
articles, footer). The body is the element holding the most paragraph text, link text
not counted; block elements become HARD breaks and table cells tabs. The metadata
block (索引号 / 发文机关 / 发文字号 / 成文日期 / 发布日期, labels listed in
lexicons/portal_fields.tsv) is read from the text outside the body, and the page
heading (h1, else <title>) becomes the title when the body does not contain it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

Chars = list[tuple[str, int]]
HARD = "\x1e"  # same sentinel as formats.HARD (a paragraph break imposed by markup)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

BLOCKS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "tbody", "thead", "section", "article", "blockquote", "pre", "hr", "dd", "dt", "dl",
    "center", "main", "td", "th",
})
CELLS = frozenset({"td", "th"})
SKIP = frozenset({
    "script", "style", "head", "title", "nav", "header", "footer", "aside", "form", "noscript",
    "iframe", "button", "select", "svg", "template",
})
VOID = frozenset({
    "br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source",
    "track", "wbr",
})


_MIN_BODY = 200  # characters; a shorter body must at least hold one full sentence


@dataclass
class Node:
    tag: str
    items: list[Node | Chars] = field(default_factory=list)
    skipped: bool = False


class _Tree(HTMLParser):
    """Elements with their text as characters paired with raw positions."""

    def __init__(self, text: str, base: int) -> None:
        super().__init__(convert_charrefs=False)
        self.base = base
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.root = Node("#root")
        self.stack = [self.root]
        self.title: Chars = []

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.base + self.line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, skipped=tag in SKIP or self.stack[-1].skipped)
        self.stack[-1].items.append(node)
        if tag in BLOCKS:
            node.items.append([(HARD, self._pos())])
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for k in range(len(self.stack) - 1, 0, -1):
            if self.stack[k].tag == tag:
                if tag in BLOCKS:
                    self.stack[k].items.append([(HARD, self._pos())])
                del self.stack[k:]
                return

    def handle_data(self, data: str) -> None:
        at = self._pos()
        chars = [(" " if c in "\r\n\t" else c, at + k) for k, c in enumerate(data)]
        self._add([(c, i) for c, i in chars if not _CONTROL.match(c)])

    def handle_entityref(self, name: str) -> None:
        self._entity(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._entity(f"&#{name};")

    def _entity(self, ref: str) -> None:
        at = self._pos()
        self._add([(c, at) for c in html.unescape(ref)])

    def _add(self, chars: Chars) -> None:
        node = self.stack[-1]
        if node.tag == "title":
            self.title.extend(chars)
        elif not node.skipped:
            node.items.append(chars)


def _elements(node: Node) -> list[Node]:
    """``node`` and its descendants in document order, skipped chrome left out."""
    out = [node]
    for item in node.items:
        if isinstance(item, Node) and not item.skipped:
            out.extend(_elements(item))
    return out


def _text(node: Node, links: bool = True) -> str:
    parts = []
    for item in node.items:
        if isinstance(item, Node):
            if not item.skipped and (links or item.tag != "a"):
                parts.append(_text(item, links))
        else:
            parts.append("".join(c for c, _ in item if c != HARD))
    return "".join(parts)


def _has_block(node: Node) -> bool:
    return any(
        isinstance(i, Node) and not i.skipped and (i.tag in BLOCKS - {"br"} or _has_block(i))
        for i in node.items
    )


def _score(node: Node) -> int:
    """Paragraph text held by ``node`` itself: its own text and its leaf blocks' text."""
    total = 0
    for item in node.items:
        if isinstance(item, Node):
            if not item.skipped and item.tag != "a" and not _has_block(item):
                total += len(re.sub(r"\s", "", _text(item, links=False)))
        else:
            total += sum(1 for c, _ in item if not c.isspace() and c != HARD)
    return total


def _render(node: Node, out: Chars) -> None:
    for item in node.items:
        if isinstance(item, Node):
            if item.skipped:
                continue
            if item.tag in CELLS:  # a cell is a tab within its row's line, not a break
                if out and out[-1][0] != HARD:
                    out.append(("\t", out[-1][1] + 1))
                item = Node(item.tag, [i for i in item.items if not _is_hard(i)])
            _render(item, out)
        else:
            out.extend(item)


def _is_hard(item: Node | Chars) -> bool:
    return isinstance(item, list) and len(item) == 1 and item[0][0] == HARD


def read_html(text: str, base: int) -> tuple[Chars, tuple[tuple[str, str], ...]]:
    """Body characters of an HTML page and its portal metadata as (field, value) pairs."""
    tree = _Tree(text, base)
    tree.feed(text)
    tree.close()
    elements = _elements(tree.root)
    scores = [_score(e) for e in elements]
    best = scores.index(max(scores))
    body = elements[best]
    if scores[best] < _MIN_BODY and "。" not in _text(body):
        return [], ()  # navigation, a metadata block, a caption: no article on this page
    chars: Chars = []
    _render(body, chars)
    inside = {id(e) for e in _elements(body)}
    outside = [e for e in elements if id(e) not in inside and not _has_block(e)]
    front = portal_fields([_text(e) for e in outside if e.tag != "#root"])
    body_text = _clean(_text(body))
    heading = next((_clean(_text(e)) for e in outside if e.tag in ("h1", "h2")), "")
    if not heading and tree.title:
        heading = re.split(r"[_|]| - ", _clean("".join(c for c, _ in tree.title)))[0]
    if heading and heading not in body_text and "标题" not in dict(front):
        front = (*front, ("标题", heading))
    return chars, front


@cache
def _labels() -> tuple[re.Pattern[str], dict[str, str]]:
    path = Path(__file__).parent / "lexicons" / "portal_fields.tsv"
    pairs = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, key = line.split("\t")
            pairs[label.strip()] = key.strip()
    alternatives = "|".join(sorted(map(re.escape, pairs), key=len, reverse=True))
    return re.compile(rf"({alternatives}):|^({alternatives})$"), pairs


@cache
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


def _clean(text: str) -> str:
    """NFKC, Simplified script, no whitespace: how labels and values are compared."""
    text = re.sub(r"\s", "", unicodedata.normalize("NFKC", text))
    return _t2s().convert(text)


def portal_fields(texts: list[str]) -> tuple[tuple[str, str], ...]:
    """``索引号:000014349/2018-00201`` pairs from the leaf texts around the body.

    A label either carries its value after the colon or stands alone (a table cell),
    the value then being the next text.
    """
    pattern, keys = _labels()
    tokens = [t for t in (_clean(x) for x in texts) if t]
    found: dict[str, str] = {}
    for i, token in enumerate(tokens):
        matches = list(pattern.finditer(token))
        for k, m in enumerate(matches):
            stop = matches[k + 1].start() if k + 1 < len(matches) else len(token)
            value = token[m.end() : stop]
            if not value and k == len(matches) - 1 and i + 1 < len(tokens):
                following = tokens[i + 1]
                value = "" if pattern.match(following) else following
            key = keys[m.group(1) or m.group(2)]
            if value and key not in found:
                found[key] = value
    return tuple(found.items())

