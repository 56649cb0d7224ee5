"""Vietnamese dates in every written form, with their spans (DOMAIN.md §5.4).

"ngày 24 tháng 12 năm 2021" (also across a line break), "24/12/2021",
"15-9-2021", and the press form "15-10" whose year comes from context.
Offsets are into the text given, so callers can keep evidence.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from dataclasses import dataclass

from vbkg.loaders.knowledge.vocabulary import DASHES

_DASH = re.escape(DASHES)  # escaped: used inside [...]

FULL = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
NUMERIC = re.compile(
    rf"(?<![\d/.{_DASH}])(\d{{1,2}})\s?([/.{_DASH}])\s?(\d{{1,2}})\s?\2\s?(\d{{4}})(?!\d)"
)
# "Chiều 15-10", "ngày 15/7": a day and month with no year, only after a cue word.
SHORT = re.compile(
    rf"\b(sáng|trưa|chiều|tối|đêm|ngày|hôm)\s+(\d{{1,2}})\s?[/{_DASH}]\s?(\d{{1,2}})(?![\d/{_DASH}])",
    re.IGNORECASE,
)
YEAR = re.compile(r"\bnăm\s+(\d{4})\b", re.IGNORECASE)


@dataclass(frozen=True)
class DateMatch:
    """One date found in a text: ISO value, span of the written form, and the form."""

    iso: str
    start: int
    end: int
    form: str  # "full" | "numeric" | "short"


def to_iso(day: int | str, month: int | str, year: int | str) -> str | None:
    """ISO date of day/month/year, or None when no such day exists (31/2, 0/5)."""
    try:
        return _dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def find_dates(
    text: str, start: int = 0, end: int | None = None, year: int | None = None
) -> list[DateMatch]:
    """Every date in text[start:end], in order of position.

    Day-month forms without a year ("Chiều 15-10") are kept only when `year`
    (the document's year from context) is given.
    """
    end = len(text) if end is None else end
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for m in FULL.finditer(text, start, end):
        iso = to_iso(m[1], m[2], m[3])
        if iso:
            found.append(DateMatch(iso, m.start(), m.end(), "full"))
            taken.append(m.span())
    for m in NUMERIC.finditer(text, start, end):
        iso = to_iso(m[1], m[3], m[4])
        if iso and not _overlaps(m.span(), taken):
            found.append(DateMatch(iso, m.start(1), m.end(), "numeric"))
            taken.append(m.span())
    if year is not None:
        for m in SHORT.finditer(text, start, end):
            iso = to_iso(m[2], m[3], year)
            if iso and not _overlaps(m.span(2), taken):
                found.append(DateMatch(iso, m.start(2), m.end(), "short"))
    return sorted(found, key=lambda d: d.start)


def parse_date(text: str, year: int | None = None) -> str | None:
    """ISO value of the first date written in text, or None."""
    dates = find_dates(text, year=year)
    return dates[0].iso if dates else None


def year_from_context(text: str) -> int | None:
    """The year a text is about: the most frequent "năm YYYY", else the latest full date's year.

    Used for press dates such as "Chiều 15-10" (examples/seeds/004_…: "kết thúc năm 2021").
    """
    years = Counter(int(y) for y in YEAR.findall(text) if 1945 <= int(y) <= 2100)
    if years:
        return years.most_common(1)[0][0]
    dates = find_dates(text)
    return max(int(d.iso[:4]) for d in dates) if dates else None


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)
