"""What a user typed into the search box, read the way they meant it.

People type without diacritics, paste số hiệu with en dashes, zero-width spaces and
"Số" in front, drop leading zeros or the issuer ("88-KH", "kh 88"). `clean` undoes
the invisible damage; `parse_number` recognises a số hiệu (or a type and number) in
any of those spellings and says which identity-key fragment carries it; the rest of
the helpers rank and repair word searches.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

from vbkg.loaders.graph.identity import known_type
from vbkg.loaders.knowledge.vocabulary import DASHES

_DASHES = re.compile(f"[{DASHES[1:]}]")  # the project's one dash set, "-" itself left out
_SLASHES = re.compile("[\u2044\u2215]")
_AROUND = re.compile(r"\s*([-/])\s*")
_PREFIX = re.compile(r"^s[ốo]\s*(?:hi[ệe]u\s*)?[:.]?\s*(?=\d)", re.IGNORECASE)
_LETTERS = r"[^\W\d_]{1,5}"
_ISSUER = r"[^\W_][\w-]{0,20}"
_PARTY = re.compile(rf"(\d{{1,5}})-({_LETTERS})(?:/({_ISSUER}))?")
_STATE = re.compile(rf"(\d{{1,5}})(?:/(\d{{4}}))?/({_LETTERS})(?:-({_ISSUER}))?")
_TYPE_FIRST = re.compile(rf"({_LETTERS})[ -]?(\d{{1,5}})")
_TYPE_AFTER = re.compile(rf"(\d{{1,5}}) ({_LETTERS})")
_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|])')
_WORD = re.compile(r"[^\W_]+")


def clean(text: str) -> str:
    """NFC text without invisible characters, with every dash a hyphen and single spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    text = _SLASHES.sub("/", _DASHES.sub("-", text))
    return unicodedata.normalize("NFC", " ".join(text.split()))


@dataclass(frozen=True)
class NumberQuery:
    """A số hiệu as typed, read into the parts an identity key holds."""

    number: int
    kind: str  # the type abbreviation as keys spell it: NQ, KH, QĐi
    issuer: str | None = None
    year: str | None = None

    @property
    def key_fragment(self) -> str:
        """What every identity key of such a document contains: `|TU|NQ|5|`, or `|KH|88|`."""
        head = f"|{self.issuer}" if self.issuer else ""
        return f"{head}|{self.kind}|{self.number}|"

    @property
    def label(self) -> str:
        """The number written the usual way, for headings: 05-NQ/TU, KH 88."""
        if self.issuer:
            return f"{self.number:02d}-{self.kind}/{self.issuer}"
        return f"{self.kind} {self.number:02d}"


def parse_number(text: str) -> NumberQuery | None:
    """The số hiệu `text` is, in any common spelling, or None when it is words."""
    text = _AROUND.sub(r"\1", _PREFIX.sub("", clean(text)))
    if m := _PARTY.fullmatch(text):
        return _number(m[1], m[2], m[3])
    if m := _STATE.fullmatch(text):
        return _number(m[1], m[3], m[4], m[2])
    if m := _TYPE_FIRST.fullmatch(text):
        return _number(m[2], m[1])
    if m := _TYPE_AFTER.fullmatch(text):
        return _number(m[1], m[2])
    return None


def _number(number: str, kind: str, issuer: str | None = None,
            year: str | None = None) -> NumberQuery | None:
    canonical = known_type(kind)
    if canonical is None:
        return None
    return NumberQuery(int(number), canonical, issuer.upper() if issuer else None, year)


def lucene_literal(text: str, fuzzy: bool = False) -> str:
    """Escape Lucene syntax so user text is searched as words, never parsed as a query;
    `fuzzy` lets each word be one or two edits away."""
    words = _LUCENE_SPECIAL.sub(r"\\\1", clean(text)).split()
    kept = [w for w in words if w.upper() not in ("AND", "OR", "NOT")]
    return " ".join(w + "~" if fuzzy else w for w in kept)


def ascii_fold(text: str) -> str:
    """Lower case without diacritics, đ as d: how a user without a Vietnamese keyboard types."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def accent_matches(query: str, text: str | None) -> int:
    """How many of the query's accented words the text has exactly as typed: hits that
    match the diacritics rank above those that match only once folded."""
    accented = {w for w in _WORD.findall(clean(query).casefold()) if ascii_fold(w) != w}
    return len(accented & set(_WORD.findall((text or "").casefold())))


def coverage(query: str, text: str | None) -> float:
    """The share of the query's words the text has, diacritics aside: a trích yếu with
    every word beats a long task text that repeats a few."""
    words = {ascii_fold(w) for w in _WORD.findall(clean(query))}
    have = {ascii_fold(w) for w in _WORD.findall(text or "")}
    return len(words & have) / len(words) if words else 0.0


def did_you_mean(query: str, texts: list[str]) -> str | None:
    """The query with each word replaced by the closest word of `texts` (compared without
    diacritics; of its spellings, the commonest), or None when that changes nothing."""
    spellings: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        for word in _WORD.findall(text.casefold()):
            spellings[ascii_fold(word)][word] += 1
    words = _WORD.findall(clean(query).casefold())
    fixed = []
    for word in words:
        close = difflib.get_close_matches(ascii_fold(word), list(spellings), n=1, cutoff=0.6)
        fixed.append(spellings[close[0]].most_common(1)[0][0] if close else word)
    return " ".join(fixed) if fixed != words else None
