"""The body vocabulary, compiled: organs, bases, units, abbreviations and jurisdictions of
data/bodies.toml and data/jurisdictions.toml as tries, the list grammar's small words, and
the tokens a body is matched on (abbreviations expanded). Read by extract/body_parse.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from vbkg.loaders.extract.vocab import Token, Trie, tokenize, words
from vbkg.loaders.knowledge.vocabulary import load


@dataclass(frozen=True)
class Grammar:
    """The small words a list of bodies is built with (data/bodies.toml [grammar])."""

    plural: frozenset[str]
    separators: frozenset[str]
    committee_suffix: str
    all_levels: tuple[tuple[str, ...], ...]
    khoi: re.Pattern
    ordinals: re.Pattern
    related: tuple[tuple[str, ...], ...]
    list_kinds: dict[str, Entry]


@cache
def grammar() -> Grammar:
    g = load("bodies")["grammar"]
    return Grammar(
        plural=frozenset(g["plural"]), separators=frozenset(g["separators"]),
        committee_suffix=g["committee_suffix"],
        all_levels=tuple(words(w) for w in g["all_levels"]),
        khoi=re.compile(rf"\b{g['khoi']}\s+(?=[A-ZĐ])", re.IGNORECASE),
        ordinals=re.compile("|".join(g["ordinals"]), re.IGNORECASE),
        related=tuple(sorted((words(w) for w in g["related"]), key=len, reverse=True)),
        list_kinds={w: Entry(ten=k["ten"], loai=k["loai"], tap_the=True)
                    for w, k in g["list_kinds"].items()},
    )


@dataclass(frozen=True)
class Entry:
    """One organ or base of the vocabulary."""

    ten: str
    loai: str
    tap_the: bool = False
    central: bool = False
    complement: str | None = None
    alone: str | None = None
    owner_only: bool = False
    hosts_party_group: bool = False
    default_owner: bool = False
    unit: bool = False

# ------------------------------------------------------------------ vocabulary


@dataclass(frozen=True)
class _Vocab:
    organs: Trie
    bases: Trie
    units: Trie  # folded unit -> (unit as written in a name, kind)
    departments: Trie
    abbreviations: Trie  # matched on the text as written
    jurisdictions: Trie  # forms that name a jurisdiction outright -> dia_ban
    guarded: Trie  # bare names that need a prefix ("Hồ Chí Minh") -> dia_ban
    ellipsis: dict[str, str]
    vague: Trie
    attachments: Trie
    name_stop: frozenset[str]
    non_bodies: frozenset[str]
    cap_uy: dict[str, str]
    central: str


def _expand_cap_uy(form: str) -> list[str]:
    if "{cap_uy}" not in form:
        return [form]
    return [form.replace("{cap_uy}", word) for word in ("thành ủy", "tỉnh ủy")]


@cache
def vocab() -> _Vocab:
    data, places = load("bodies"), load("jurisdictions")
    organs, bases = Trie(), Trie()
    for table, trie in ((data["organ"], organs), (data["base"], bases)):
        for item in table:
            entry = Entry(
                ten=item["ten"], loai=item["loai"], tap_the=item.get("tap_the", False),
                central=item.get("central", False), complement=item.get("complement"),
                alone=item.get("alone"), owner_only=item.get("owner_only", False),
                hosts_party_group=item.get("hosts_party_group", False),
                default_owner=item.get("default_owner", False), unit=item.get("unit", False),
            )
            for form in item["forms"]:
                for variant in _expand_cap_uy(form):
                    trie.add(words(variant), entry)
    units = Trie()
    spec = data["units"]
    for unit in spec["generic"]:
        units.add(words(unit), (unit, "generic"))
    for unit in spec["self"]:
        units.add(words(unit), (unit, "self"))
    departments = Trie()
    for name in data["departments"]["names"]:
        departments.add(words(name), name)
    abbreviations = Trie()
    for abbr, expansion in data["abbreviations"].items():
        abbreviations.add(tuple(t.text for t in tokenize(abbr)), expansion)
    jurisdictions, guarded = Trie(), Trie()
    prefixes = places.get("prefixes", ["tỉnh", "thành phố"])
    for place in places["jurisdiction"]:
        name, bare = place["name"], place["bare"]
        jurisdictions.add(words(name), name)
        for prefix in prefixes:
            jurisdictions.add(words(f"{prefix} {bare}"), name)
        for alias in place.get("aliases", []):
            jurisdictions.add(words(alias), name)
        (jurisdictions if place.get("safe", True) else guarded).add(words(bare), name)
    vague, attachments = Trie(), Trie()
    for form in data["vague"]["forms"]:
        vague.add(words(form), True)
    for form in data["attachments"]["forms"]:
        attachments.add(words(form), True)
    return _Vocab(
        organs=organs, bases=bases, units=units, departments=departments,
        abbreviations=abbreviations, jurisdictions=jurisdictions, guarded=guarded,
        ellipsis=data["ellipsis_committees"], vague=vague, attachments=attachments,
        name_stop=frozenset(data["names"]["stop"]),
        non_bodies=frozenset(a.casefold() for a in data["non_bodies"]["acronyms"]),
        cap_uy=data["cap_uy"], central=places.get("central", "Trung ương"),
    )


def cap_uy_of(jurisdiction: str | None) -> str | None:
    """'Thành ủy' for a Thành phố, 'Tỉnh ủy' for a Tỉnh, None for central or unknown."""
    for prefix, word in vocab().cap_uy.items():
        if jurisdiction and jurisdiction.startswith(prefix):
            return word
    return None


# ------------------------------------------------------------------ tokens


def expand(tokens: list[Token]) -> list[Token]:
    """Replace body abbreviations (UBND, BTVTU, CT-XH …) by their words, keeping their span."""
    v, out, i = vocab(), [], 0
    while i < len(tokens):
        hit = v.abbreviations.starts(tokens[i].text) and \
            v.abbreviations.match(tokens, i, by_text=True)
        if hit:
            expansion, j = hit
            start, end = tokens[i].start, tokens[j - 1].end
            out.extend(Token(w, w, start, end) for w in words(expansion))
            i = j
        else:
            out.append(tokens[i])
            i += 1
    return out


@cache
def _abbreviation_regex() -> re.Pattern:
    firsts = {t.text for abbr in load("bodies")["abbreviations"] for t in tokenize(abbr)[:1]}
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(firsts))) + r")(?!\w)")


@lru_cache(maxsize=64)  # a heading is read as a list of bodies, then as a sentence
def body_tokens(text: str, offset: int = 0) -> list[Token]:
    """Tokens ready for body matching: abbreviations expanded, spans into the source.
    The list is shared between callers: read it, never change it."""
    tokens = tokenize(text, offset)
    return expand(tokens) if _abbreviation_regex().search(text) else tokens
