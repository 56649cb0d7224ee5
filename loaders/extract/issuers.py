"""Issuers of documents: from a số hiệu's symbol, or from a phrase such as "của Bộ Chính trị".

A body is `{"ten", "dia_ban"}` (SCHEMA.md). Central issuers get "Trung ương";
local ones the jurisdiction named in the phrase, else the document's own
("a /TU symbol in a Hà Nội document is Hà Nội's Thành ủy", DOMAIN.md §1.5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from vbkg.loaders.knowledge.vocabulary import CENTRAL, Jurisdiction, find_jurisdictions, fold, load


@dataclass(frozen=True)
class IssuerMatch:
    body: dict  # {"ten": str | None, "dia_ban": str | None}
    start: int  # span of the phrase inside the text searched
    end: int


@cache
def _phrases() -> tuple[re.Pattern, list[tuple[str, bool]]]:
    """One regex over all phrases, in table order (at one position the first listed wins)."""
    entries = load("issuers")["phrase"]
    alts = "|".join(rf"(?P<p{i}>{p['match']})" for i, p in enumerate(entries))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)"), [(p["ten"], p["central"]) for p in entries]


def _name(template: str, jurisdiction: Jurisdiction | None, central: bool) -> str | None:
    """Fill {cap_uy} / {cap} / {committee}; None when a local name has no jurisdiction."""
    if central and "{committee}" in template:
        return "Ban Chấp hành Trung ương"
    if "{" not in template:
        return template
    if jurisdiction is None:
        return None
    return template.format(
        cap_uy=jurisdiction.cap_uy, cap=jurisdiction.cap, committee=jurisdiction.cap_uy
    )


def body(ten: str | None, central: bool, jurisdiction: Jurisdiction | None) -> dict:
    dia_ban = CENTRAL if central else (jurisdiction.name if jurisdiction else None)
    return {"ten": ten, "dia_ban": dia_ban}


def from_phrase(
    phrase: str, home: Jurisdiction | None, home_central: bool = False, anchored: bool = False
) -> IssuerMatch | None:
    """The issuer named in a phrase ("Ban Thường vụ Thành ủy Hà Nội", "UBND TPHCM").

    The earliest match wins; at one position, the most specific entry of
    issuers.toml. A jurisdiction named right after the match overrides `home`.
    `home_central` says the phrase sits in a central document, where a bare
    "Ban Chấp hành" is the Central Committee. `anchored` requires the match to
    start the phrase.
    """
    folded = phrase.lower()
    regex, entries = _phrases()
    m = regex.search(folded)
    if not m or (anchored and folded[: m.start()].strip()):
        return None
    template, central = entries[int(m.lastgroup[1:])]
    jurisdiction, end = home, m.end()
    after = phrase[m.start() : m.end() + 60] if not central else ""
    named = [(j, e) for j, s, e in find_jurisdictions(after) if s <= m.end() - m.start() + 25]
    if named:
        jurisdiction, end = named[0][0], max(end, m.start() + named[0][1])
    if "{committee}" in template and home_central:
        central = True
    return IssuerMatch(
        body(_name(template, jurisdiction, central), central, jurisdiction), m.start(), end
    )


def from_symbol(symbol: str, party: bool, home: Jurisdiction | None) -> dict | None:
    """The default issuer of an issuer symbol ("TW", "BTCTW", "CP", "UBND"); None if unknown."""
    table = load("issuers")["party_symbols" if party else "state_symbols"]
    key = re.sub(r"\d+$", "", symbol) if not party else symbol  # QH15 -> QH
    entry = table.get(key) or table.get(key.upper())
    if entry is None:  # a symbol the table lacks: "…TW" is central, other Party ones local
        if party and fold(symbol).endswith("tw"):
            return {"ten": None, "dia_ban": CENTRAL}
        if party and home is not None:
            return {"ten": None, "dia_ban": home.name}
        return None
    return body(_name(entry["ten"], home, entry["central"]), entry["central"], home)


def symbol_is_central(symbol: str, party: bool) -> bool | None:
    """True/False for a known symbol, None when the table does not know it."""
    found = from_symbol(symbol, party, None)
    return None if found is None else found["dia_ban"] == CENTRAL
