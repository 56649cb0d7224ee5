"""The extractor's knowledge, read from `loaders/data/*.toml` (eyecite/reporters-db style).

Document types, jurisdictions, issuer symbols and phrases, signature words:
rules look things up here and never spell the vocabulary out in code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

# Every dash a text writes between words or in a số hiệu: the hyphen-minus first (so the
# string can open a regex class `[...]` as it is), then the Unicode dashes and minus sign.
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DASH_TO_HYPHEN = str.maketrans(dict.fromkeys(DASHES[1:], "-"))


def data_text(name: str) -> str:
    """The text of `loaders/data/<name>`: every data file is read through here."""
    return resources.files("vbkg.loaders").joinpath("data", name).read_text(encoding="utf-8")


@cache
def load(name: str) -> dict:
    """The parsed data file `loaders/data/<name>.toml`."""
    return tomllib.loads(data_text(f"{name}.toml"))


def fold(text: str) -> str:
    """The matching form of a word or phrase: lower case, every dash as '-', single spaces
    (text is already NFC with new-style tones, `read.source.normalize`)."""
    return " ".join(text.translate(_DASH_TO_HYPHEN).lower().split())


def dashes_to_hyphens(text: str) -> str:
    """Every dash of `DASHES` written as '-' (offsets unchanged: one character each)."""
    return text.translate(_DASH_TO_HYPHEN)


def words_pattern(phrase: str) -> str:
    """A regex for a phrase whose words may be separated by any whitespace, line breaks included."""
    return r"\s+".join(re.escape(w) for w in phrase.split())


# --- document types


@dataclass(frozen=True)
class DocType:
    loai: str | None
    word: str  # lower case type word, e.g. "kế hoạch"


@cache
def type_words() -> list[DocType]:
    """All type words, longest first so that "thông báo kết luận" beats "thông báo"."""
    out = [DocType(t.get("loai"), w) for t in load("doc_types")["type"] for w in t["words"]]
    return sorted(out, key=lambda t: -len(t.word))


@cache
def type_word_regex() -> re.Pattern:
    """Any type word in LOWER-CASED text, words split by any whitespace.

    Callers match `text.lower()` (same offsets): far faster than IGNORECASE.
    """
    alts = "|".join(words_pattern(t.word) for t in type_words())
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)")


def loai_of_word(word: str) -> str | None:
    """Gold loai of a written type word ("KẾ HOẠCH" -> "KeHoach"), None if unknown."""
    folded = fold(word)
    for t in type_words():
        if folded == t.word:
            return t.loai
    return None


def is_type_word(word: str) -> bool:
    return fold(word) in _type_word_set()


@cache
def _type_word_set() -> frozenset[str]:
    return frozenset(t.word for t in type_words())


@cache
def _abbr_table() -> dict[str, tuple[str, str | None]]:
    """Folded abbreviation -> (canonical spelling, loai)."""
    table = {}
    for t in load("doc_types")["type"]:
        for a in t["abbr"]:
            table.setdefault(a.lower(), (a, t.get("loai")))
    return table


def abbr_alternation() -> str:
    """Regex alternation of all type abbreviations, longest first (QĐi before QĐ)."""
    abbrs = sorted({canon for canon, _ in _abbr_table().values()}, key=len, reverse=True)
    return "|".join(re.escape(a) for a in abbrs)


def canonical_abbr(abbr: str) -> tuple[str, str | None] | None:
    """("CTr", "ChuongTrinh") for "Ctr"; None if not a type abbreviation."""
    return _abbr_table().get(abbr.lower())


# --- jurisdictions


@dataclass(frozen=True)
class Jurisdiction:
    name: str  # gold dia_ban, "Thành phố Hà Nội"
    bare: str  # "Hà Nội"
    safe: bool
    aliases: tuple[str, ...]

    @property
    def cap_uy(self) -> str:
        """The provincial Party committee's name: Thành ủy of a city, Tỉnh ủy of a province."""
        return load("bodies")["cap_uy"][self.cap]

    @property
    def cap(self) -> str:
        return "Thành phố" if self.name.startswith("Thành phố") else "Tỉnh"


CENTRAL = "Trung ương"


@cache
def provincial_committees() -> tuple[str, ...]:
    """The names a provincial Party committee goes by, "Thành ủy" and "Tỉnh ủy"
    (bodies.toml [cap_uy], by the first word of the jurisdiction)."""
    return tuple(load("bodies")["cap_uy"].values())


@cache
def jurisdictions() -> tuple[Jurisdiction, ...]:
    return tuple(
        Jurisdiction(j["name"], j["bare"], j["safe"], tuple(j.get("aliases", ())))
        for j in load("jurisdictions")["jurisdiction"]
    )


def jurisdiction_by_name(name: str | None) -> Jurisdiction | None:
    for j in jurisdictions():
        if name == j.name:
            return j
    return None


@cache
def _jurisdiction_regex() -> re.Pattern:
    """Prefixed names ("tỉnh Nghệ An", "TP. Hồ Chí Minh"), aliases, and safe bare names."""
    prefixes = "|".join(re.escape(p.lower()) for p in load("jurisdictions")["prefixes"])
    groups = []
    for i, j in enumerate(jurisdictions()):
        bare = words_pattern(j.bare.lower()).replace(r"\-", f"\\s*[{DASHES}]\\s*")
        forms = [rf"(?:{prefixes})\s*{bare}"]
        forms += [words_pattern(a.lower()) for a in j.aliases]
        if j.safe:
            forms.append(bare)
        groups.append(rf"(?P<j{i}>{'|'.join(forms)})")
    # Matched against the lower-cased text: much faster than IGNORECASE over 60 names.
    return re.compile(rf"(?<!\w)(?:{'|'.join(groups)})(?!\w)")


@cache
def _first_words() -> frozenset[str]:
    """First words of every form: only there can a jurisdiction's name start."""
    data = load("jurisdictions")
    forms = [p for p in data["prefixes"]]
    for j in jurisdictions():
        forms += [j.bare, *j.aliases]
    return frozenset(_WORD.match(f.lower())[0] for f in forms)


_WORD = re.compile(r"\w+")


def find_jurisdictions(text: str) -> list[tuple[Jurisdiction, int, int]]:
    """Every jurisdiction named in text, with its span.

    Words are scanned first and the full pattern is tried only where a name can
    start: one regex of 60 names tried at every position is 50x slower.
    """
    table, firsts, regex = jurisdictions(), _first_words(), _jurisdiction_regex()
    lower = text.lower()
    out = []
    pos = 0
    for w in _WORD.finditer(lower):
        if w.start() < pos or w[0] not in firsts:
            continue
        m = regex.match(lower, w.start())
        if m:
            out.append((table[int(m.lastgroup[1:])], m.start(), m.end()))
            pos = m.end()
    return out


def jurisdiction_of_place(place: str) -> Jurisdiction | None:
    """The jurisdiction of a place name before ", ngày" ("TP. Hồ Chí Minh", "Hà Nội")."""
    folded = fold(place).strip(" .,")
    for j in jurisdictions():
        if folded.endswith(fold(j.bare)) or any(folded == fold(a) for a in j.aliases):
            return j
    return None


def mentions_central(text: str) -> bool:
    """True when a phrase names a central body ("Trung ương", "Bộ Chính trị", "Chính phủ")."""
    return _central_regex().search(fold(text)) is not None


@cache
def _central_regex() -> re.Pattern:
    markers = "|".join(map(re.escape, load("jurisdictions")["central_markers"]))
    return re.compile(rf"(?<!\w)(?:{markers})(?!\w)")
