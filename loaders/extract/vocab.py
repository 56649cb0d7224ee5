"""Word-level matching against the data vocabularies (eyecite style: knowledge as data).

Text is cut into word and punctuation tokens that keep their character spans;
vocabulary forms are stored in a word trie and matched longest-first on
case-folded words, so "Ban thường vụ thành ủy" and "Ban Thường vụ Thành ủy"
read alike (DOMAIN.md §3.6: never rely on capitalisation).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from vbkg.loaders.knowledge.vocabulary import DASHES, dashes_to_hyphens, fold

_TOKEN = re.compile(r"\w+(?:[.'’]\w+)*|[^\w\s]")  # "TP.HCM", "Cư M'gar" are one word
_DASH = re.compile(f"[{DASHES[1:]}]")  # the dashes other than '-'
_span = re.Match.span


class Token(NamedTuple):
    """One word or punctuation mark: folded form for matching, text and span as written."""

    fold: str
    text: str
    start: int
    end: int

    @property
    def cap(self) -> bool:
        """Written with a capital (or a digit): may belong to a proper name."""
        return self.text[:1].isupper() or self.text[:1].isdigit()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Words and punctuation of `text`, spans shifted by `offset`."""
    folded = (dashes_to_hyphens(text) if _DASH.search(text) else text).lower()
    if len(folded) != len(text):  # a letter whose lower case is longer: fold word by word
        return [Token(fold(m[0]), m[0], m.start() + offset, m.end() + offset)
                for m in _TOKEN.finditer(text)]
    new = tuple.__new__  # the NamedTuple constructor without its Python-level wrapper
    return [new(Token, (folded[a:b], text[a:b], a + offset, b + offset))
            for a, b in map(_span, _TOKEN.finditer(text))]


def first_token(text: str, skip: frozenset[str] = frozenset()) -> str | None:
    """The first token of `text` as written whose folded form is not in `skip`, read without
    tokenizing the rest (a cheap test before `tokenize`)."""
    for m in _TOKEN.finditer(text):
        if fold(m[0]) not in skip:
            return m[0]
    return None


@lru_cache(maxsize=1024)  # abbreviations are expanded to their words in every text that has one
def words(form: str) -> tuple[str, ...]:
    """A vocabulary form as its folded words ("chính trị-xã hội" -> chính, trị, -, xã, hội)."""
    return tuple(t.fold for t in tokenize(form))


class Trie:
    """Folded word sequences -> values; `match` finds the longest form starting at a token."""

    _END = object()

    def __init__(self) -> None:
        self._root: dict = {}

    def first_words(self) -> set[str]:
        """The words some form begins with."""
        return {w for w in self._root if isinstance(w, str)}

    def hits(self, tokens: list[Token], lo: int = 0, hi: int | None = None):
        """(index, value, end index) of every form that starts in tokens[lo:hi]."""
        root = self._root
        for k in range(lo, len(tokens) if hi is None else hi):
            if tokens[k].fold in root:
                found = self.match(tokens, k)
                if found:
                    yield k, found[0], found[1]

    def starts(self, word: str) -> bool:
        """Whether some form begins with this (folded) word: a cheap test before `match`."""
        return word in self._root

    def add(self, key: tuple[str, ...], value) -> None:
        node = self._root
        for word in key:
            node = node.setdefault(word, {})
        node.setdefault(self._END, value)

    def match(self, tokens: list[Token], i: int, *, by_text: bool = False):
        """(value, end index) of the longest form at tokens[i:], or None."""
        node, best = self._root, None
        for j in range(i, len(tokens)):
            node = node.get(tokens[j].text if by_text else tokens[j].fold)
            if node is None:
                break
            if self._END in node:
                best = (node[self._END], j + 1)
        return best
