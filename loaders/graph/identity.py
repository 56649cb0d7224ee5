"""Identity keys of documents, bodies and people (DESIGN.md "Identity", DOMAIN.md §1.6).

Both the RDF mapping and the Neo4j loader merge on these keys, so one document
cited in ten files, with ten spellings, must get one key:

    Party:      P|jurisdiction|issuer-symbol|TYPE|int(number)|term
    State:      S|jurisdiction-or-Trung ương|issuer-symbol|TYPE|int(number)|year
    Name only:  N|jurisdiction|loai|normalized ten_goi
    No number:  SRC|<sha256 or file name>     (the document of a source, e.g. a press article)

A reference without a date gets `?` for term/year; its *partial key* (all but
the last field) is what the loader uses to merge the stub into the full
document when that arrives.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from vbkg.loaders.knowledge.numbers import number_value
from vbkg.loaders.knowledge.vocabulary import (
    CENTRAL,
    dashes_to_hyphens,
    load,
    provincial_committees,
)
from vbkg.loaders.read.source import fold_tones, normalize

UNKNOWN = "?"

_PARTY = re.compile(r"^(\d{1,5})-([A-Za-zĐđ]{1,4})/([A-Za-zĐđ0-9]{1,12})$")
_STATE = re.compile(r"^(\d{1,5}(?:\.\d{1,2})?)(?:/(\d{4}))?/([A-Za-zĐđ0-9-]+)$")


@dataclass(frozen=True)
class Term:
    """The term a Party document's number belongs to; `approximate` without a congress date."""

    label: str
    approximate: bool


@dataclass(frozen=True)
class DocumentIdentity:
    """A document's key, the prefix a dateless stub shares with it, and how sure the term is."""

    key: str
    partial: str | None
    approximate: bool
    place: str  # the issuer's jurisdiction as the key has it, `?` when unknown


@lru_cache(maxsize=1 << 16)  # names repeat across documents; folding them is not free
def text_key(text: str) -> str:
    """Case-, tone- and space-folded text: equal for every spelling of one name."""
    return " ".join(fold_tones(normalize(text)).casefold().split()).strip(" .,;:")


@lru_cache(maxsize=1 << 12)
def jurisdiction(dia_ban: str | None) -> str:
    """Canonical jurisdiction string (gold `dia_ban` spelling), `?` when unknown."""
    if not dia_ban or not dia_ban.strip():
        return UNKNOWN
    folded = " ".join(fold_tones(normalize(dia_ban)).split())
    return folded[:1].upper() + folded[1:]


def body_key(body: dict) -> str:
    """`jurisdiction|name`, with `|*` for a collective ("các quận ủy")."""
    ten = body.get("ten")
    if not ten:
        raise ValueError(f"a body needs a name: {body!r}")
    key = f"{jurisdiction(body.get('dia_ban'))}|{text_key(ten)}"
    return key + "|*" if body.get("tap_the") else key


def person_key(ho_ten: str, dia_ban: str | None) -> str:
    """`jurisdiction|name`: a signer is told apart by the jurisdiction of what they sign."""
    return f"{jurisdiction(dia_ban)}|{text_key(ho_ten)}"


def document_key(doc_or_ref: dict, ctx_dia_ban: str | None, source: str | None = None) -> str:
    """The identity key of a document or of a reference to one.

    `ctx_dia_ban` is the jurisdiction of the citing document's issuer: local
    symbols (TU, UBND) and bare names are relative to it. `source` (sha256 or
    file name) keys a document that has neither số hiệu, số nor name.
    """
    return document_identity(doc_or_ref, ctx_dia_ban, source).key


def document_identity(
    doc_or_ref: dict, ctx_dia_ban: str | None, source: str | None = None
) -> DocumentIdentity:
    """Key, partial key and term flag of a document or reference (see module doc)."""
    numbered = _numbered_parts(doc_or_ref, ctx_dia_ban)
    if numbered is not None:
        system, place, symbol, kind, number = numbered
        last, approximate = _last_field(system, place, symbol, doc_or_ref)
        partial = "|".join((system, place, symbol, kind, str(number)))
        return DocumentIdentity(f"{partial}|{last}", partial, approximate, place)
    place = jurisdiction(_issuer_place(doc_or_ref.get("co_quan_ban_hanh")) or ctx_dia_ban)
    # A name, or a số hiệu too garbled to parse (SHACL reports it), names the document.
    name = doc_or_ref.get("ten_goi") or doc_or_ref.get("so_hieu")
    if name:
        kind = doc_or_ref.get("loai") or UNKNOWN
        return DocumentIdentity(f"N|{place}|{kind}|{text_key(name)}", None, False, place)
    if source:
        return DocumentIdentity(f"SRC|{source}", None, False, place)
    raise ValueError(f"a document needs a số hiệu, a số, a name or a source: {doc_or_ref!r}")


def split_so_hieu(so_hieu: str) -> tuple[str, int | str, str, str, str | None] | None:
    """(`P`|`S`, number, TYPE, issuer symbol, year or None), or None when it is not a số hiệu."""
    text = dashes_to_hyphens(normalize(so_hieu)).replace(" ", "")
    party = _PARTY.match(text)
    if party:
        number, kind, symbol = party.groups()
        return "P", int(number), _canonical_type(kind), symbol, None
    state = _STATE.match(text)
    if state:
        number, year, tail = state.groups()
        head, _, rest = tail.partition("-")
        if head.casefold() in _type_spelling() and rest:
            return "S", number_value(number), _canonical_type(head), rest, year
        return "S", number_value(number), "", tail, year
    return None


def term_of(dia_ban: str, day: date) -> Term:
    """The khóa (central) or nhiệm kỳ (local) whose congress last closed before `day`."""
    table = _terms()
    if dia_ban == CENTRAL:
        label = UNKNOWN
        for term in table["central"]["terms"]:
            if day > date.fromisoformat(term["closes"]):
                label = term["label"]
        return Term(label, label == UNKNOWN)
    known = table["local"]["jurisdictions"].get(dia_ban, {}).get("closes")
    closes = [date.fromisoformat(d) for d in known or table["local"]["approximate_closes"]]
    starts = [c for c in closes if day > c]
    if not starts:
        return Term(str(day.year), True)
    start = max(starts)
    return Term(f"{start.year}-{start.year + 5}", not known)


def _terms() -> dict:
    return load("terms")


@cache
def _type_spelling() -> dict[str, str]:
    """Case-folded type abbreviation → its canonical spelling (`ctr` → `CTr`)."""
    return {a.casefold(): a for t in load("doc_types")["type"] for a in t.get("abbr", [])}


@cache
def _type_of_loai() -> dict[str, str]:
    """`loai` → the abbreviation its documents are numbered under (the first listed)."""
    return {t["loai"]: t["abbr"][0] for t in load("doc_types")["type"]
            if t.get("loai") and t.get("abbr")}


@cache
def _symbols() -> dict[str, tuple[str, bool]]:
    """Issuer symbol → (`P` or `S`, central?) from issuers.toml."""
    issuers = load("issuers")
    table = {sym: ("S", v["central"]) for sym, v in issuers["state_symbols"].items()}
    table.update({sym: ("P", v["central"]) for sym, v in issuers["party_symbols"].items()})
    return table


@cache
def _symbol_of_body() -> dict[str, str]:
    """Folded body name → the symbol it numbers under ("thành ủy" → TU, "chính phủ" → CP)."""
    issuers = load("issuers")
    found: dict[str, str] = {}
    for group in ("state_symbols", "party_symbols"):
        for sym, value in issuers[group].items():
            for cap_uy in provincial_committees():
                found.setdefault(text_key(value["ten"].replace("{cap_uy}", cap_uy)), sym)
    return found


def _canonical_type(kind: str) -> str:
    return _type_spelling().get(kind.casefold(), kind.upper())


def known_type(kind: str) -> str | None:
    """The canonical spelling of a type abbreviation (`kh` → `KH`), None when it is none."""
    return _type_spelling().get(kind.casefold())


def _issuer_place(issuer: dict | None) -> str | None:
    return (issuer or {}).get("dia_ban")


def _numbered_parts(doc: dict, ctx: str | None) -> tuple[str, str, str, str, int] | None:
    """(system, jurisdiction, symbol, TYPE, number) from số hiệu, or from số and the issuer."""
    issuer = doc.get("co_quan_ban_hanh")
    loai = doc.get("loai") or ""
    if doc.get("so_hieu"):
        parts = split_so_hieu(doc["so_hieu"])
        if parts is None:
            return None
        system, number, kind, symbol, _ = parts
        kind = kind or _type_of_loai().get(loai, "Luật" if loai == "Luat" else UNKNOWN)
        central = _is_central(system, symbol)
        if system == "P" and central:
            return system, CENTRAL, symbol, kind, number
        place = _issuer_place(issuer) or (CENTRAL if central else ctx)
        return system, jurisdiction(place), symbol, kind, number
    so = str(doc.get("so") or "").strip()
    if not so.isdigit() or not issuer or not issuer.get("ten") or loai not in _type_of_loai():
        return None
    symbol = _symbol_of_body().get(_numbering_body(issuer["ten"]))
    if symbol is None:
        return None
    system, central = _symbols()[symbol]
    place = CENTRAL if central else (_issuer_place(issuer) or ctx)
    return system, jurisdiction(place), symbol, _type_of_loai()[loai], int(so)


def _numbering_body(ten: str) -> str:
    """The body whose symbol an organ numbers under ("Ban Thường vụ Thành ủy" → thành ủy,
    "Bộ Chính trị" → ban chấp hành trung ương: issuers.toml)."""
    name = text_key(ten)
    for prefix in _standing_prefixes():
        if name.startswith(prefix):
            name = name[len(prefix):]
    return _numbered_as().get(name, name)


@cache
def _standing_prefixes() -> tuple[str, ...]:
    return tuple(text_key(organ) + " " for organ in load("issuers")["standing_organs"])


@cache
def _numbered_as() -> dict[str, str]:
    table = load("issuers")["numbered_as"]
    return {text_key(organ): text_key(body) for organ, body in table.items()}


def _is_central(system: str, symbol: str) -> bool:
    """Whether the symbol's issuer is central: from issuers.toml (`QH12` is `QH`)."""
    head = re.sub(r"\d+$", "", symbol.split("-")[0])
    known = _symbols().get(head) or _symbols().get(symbol)
    if known is not None and known[0] == system:
        return known[1]
    return system == "P" and symbol.upper().endswith("TW")


def _last_field(system: str, place: str, symbol: str, doc: dict) -> tuple[str, bool]:
    """Term (Party) or year (State) from the date or the số hiệu, `?` when neither says."""
    day = _date(doc.get("ngay_ban_hanh"))
    if system == "S":
        parts = split_so_hieu(doc["so_hieu"]) if doc.get("so_hieu") else None
        year = parts[4] if parts else None
        return (year or (str(day.year) if day else UNKNOWN)), False
    if day is None:
        return UNKNOWN, False
    if place == UNKNOWN:
        return str(day.year), True
    term = term_of(place, day)
    return term.label, term.approximate


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None

