"""When and what: reporting periods, deadlines and documents a task obliges (DOMAIN.md §4.3-4.4).

Patterns come from data/obligations.toml. A deadline without a year takes the
document's year; a period word such as "hằng năm" counts only in a clause that
reports ("báo cáo … trước ngày 15/11 hằng năm"), so targets like "Hằng năm, có
trên 50% TCCSĐ đạt …" are not periods.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from vbkg.loaders.knowledge.vocabulary import load

_CLAUSE = re.compile(r"[;.](?:\s|$)")


@dataclass(frozen=True)
class _Patterns:
    periods: list[tuple[re.Pattern, str, bool]]
    report: re.Pattern  # a clause that reports ("báo cáo")
    deadlines: list[re.Pattern]
    implementing: list[re.Pattern]
    implementing_loai: dict[str, str]
    self_reference: re.Pattern
    type_words: re.Pattern  # any type word; its loai by the matched (lower-case) word
    type_loai: dict[str, str | None]


@cache
def patterns() -> _Patterns:
    data = load("obligations")
    flags = re.IGNORECASE
    types = sorted(((w, t.get("loai")) for t in load("doc_types")["type"] for w in t["words"]),
                   key=lambda wt: -len(wt[0]))
    alternation = "|".join(re.escape(w) for w, _ in types)
    return _Patterns(
        periods=[(re.compile(p["pattern"], flags), p["value"], p.get("needs_report", False))
                 for p in data["period"]],
        report=re.compile("|".join(r"\s+".join(map(re.escape, w.split()))
                                   for w in data["roles"]["report"]), flags),
        deadlines=[re.compile(data["deadline"][k], flags) for k in ("numeric", "words")],
        implementing=[re.compile(p["pattern"], flags) for p in data["implementing"]],
        implementing_loai=data["implementing_loai"],
        self_reference=re.compile(data["self_reference"]["pattern"], flags),
        type_words=re.compile(rf"(?<!\w)(?:{alternation})(?!\w)"),
        type_loai=dict(types),
    )


def period(text: str) -> str | None:
    """The reporting or review period a task text states, normalized, or None."""
    p, clauses = patterns(), None
    for pattern, value, needs_report in p.periods:
        # cheap test on the whole text first: a clause is a piece of it cut at "; " or ". ",
        # and the patterns read no context but a lookahead no ";" or "." can satisfy
        if not pattern.search(text):
            continue
        clauses = clauses or _CLAUSE.split(text)
        for clause in clauses:
            if pattern.search(clause) and (not needs_report or p.report.search(clause)):
                return value
    return None


def deadline(text: str, year: int | None, issued: str | None = None) -> str | None:
    """The first "trước ngày …" deadline as an ISO date. Without a year it takes the
    document's, and the next year's when that date would fall before the issue date
    ("báo cáo trước ngày 15/11 hằng năm" in a plan of 20/11/2025 -> 2026-11-15)."""
    found = []
    for pattern in patterns().deadlines:
        found += [m for m in pattern.finditer(text)]
    for m in sorted(found, key=lambda m: m.start()):
        day, month, y = int(m[1]), int(m[2]), int(m[3]) if m[3] else year
        if y is None:
            continue
        try:
            due = date(y, month, day).isoformat()
        except ValueError:
            continue
        if not m[3] and issued and due < issued:
            due = date(y + 1, month, day).isoformat()
        return due
    return None


def schedule(text: str, year: int | None,
             issued: str | None = None) -> tuple[str | None, str | None]:
    """(dinh_ky, han) of a "Thời gian thực hiện" field or column ("Hằng năm", "30/6/2025")."""
    spec = load("obligations")["schedule"]
    m = re.search(spec["period"], text, re.IGNORECASE)
    dinh_ky = f"hằng {m[1].lower()}" if m else period(text)
    han = deadline(text, year, issued)
    if han is None and (d := re.search(spec["date"], text)):
        try:
            han = date(int(d[3]), int(d[2]), int(d[1])).isoformat()
        except ValueError:
            han = None
    return dinh_ky, han


@dataclass(frozen=True)
class Implementing:
    """An obligation to issue a document: its type, and the type word naming what it implements."""

    loai: str
    target_loai: str | None  # loai of the document named after the cue, if any
    self_named: bool  # "Kế hoạch này", "Nghị quyết này"
    start: int  # offset of the cue in the text


def implementing(text: str) -> Implementing | None:
    """The first obligation to issue an implementing document in a task text, or None."""
    p = patterns()
    for pattern in p.implementing:
        m = pattern.search(text)
        if not m:
            continue
        named = text[m.start(1):m.end() + 30].casefold()  # "các chương trình, kế hoạch cụ thể"
        word = next((w for w in p.implementing_loai if w in named), m[1].casefold())
        loai = p.implementing_loai[word]
        return Implementing(loai, _named_type(text, m), bool(p.self_reference.search(text)),
                            m.start())
    return None


def _reference_fields(ref: dict) -> dict:
    keep = ("loai", "so_hieu", "so", "ten_goi", "ngay_ban_hanh", "co_quan_ban_hanh", "trich_yeu")
    return {k: ref.get(k) for k in keep}


def implementing_target(text: str, found: Implementing, document: dict | None,
                        references: list[dict]) -> dict | None:
    """The document an implementing document must implement (`found` in a task's `text`):
    a number named after the cue, else the document itself ("Kế hoạch này", its own type),
    else its parent of that type."""
    clause = re.split(r"[.;](?:\s|$)", text[found.start:], maxsplit=1)[0]
    after = re.sub(r"\s+", "", clause)
    for ref in references:
        so_hieu = ref.get("so_hieu")
        if so_hieu and re.sub(r"\s+", "", so_hieu) in after:
            return _reference_fields(ref)
    own = (document or {}).get("loai")
    if not found.self_named and found.target_loai and found.target_loai != own:
        parent = next((r for r in references if r.get("relation") == "thuc_hien"
                       and r.get("loai") == found.target_loai), None)
        if parent:
            return _reference_fields(parent)
    return _reference_fields(document) if document else None


def _named_type(text: str, cue: re.Match) -> str | None:
    """Loai of the first type word in the sentence outside the cue's own ("kế hoạch")."""
    p = patterns()
    for m in p.type_words.finditer(text.lower()):
        if not cue.start(1) <= m.start() < cue.end(1):
            return p.type_loai[m[0]]
    return None
