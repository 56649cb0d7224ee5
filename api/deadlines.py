"""When an obligation is due, from its deadline (`han`) and period (`dinhKy`), against a clock.

Offices plan by calendar periods: a report "định kỳ 6 tháng" is due at the end of each
half-year, "hằng quý" at the end of each quarter, "hằng tháng" at the end of each month,
"hằng năm" at the end of the year; a periodic task that names a day ("trước ngày 15/11
hằng năm", stored as `han`) is due on that day of every period instead. The clock is a
function the app is given (tests set it); `today()` reads VBKG_TODAY, else the date.
"""
from __future__ import annotations

import calendar
import os
from dataclasses import dataclass
from datetime import date

SOON_DAYS = 30  # "sắp đến hạn": due within this many days
MONTHS = {"hằng tháng": 1, "hằng quý": 3, "6 tháng": 6, "hằng năm": 12}
OVERDUE, SOON, LATER, PERIODIC, OPEN = "qua_han", "sap_den_han", "con_han", "dinh_ky", "khong_han"
LABELS = {OVERDUE: "quá hạn", SOON: "sắp đến hạn", LATER: "còn hạn", PERIODIC: "định kỳ",
          OPEN: "không ghi hạn"}


def today() -> date:
    """The app's default clock: VBKG_TODAY (an ISO date) when set, else the system date."""
    fixed = os.environ.get("VBKG_TODAY")
    try:
        return date.fromisoformat(fixed) if fixed else date.today()
    except ValueError:
        raise ValueError(f"VBKG_TODAY must be an ISO date (2025-06-30), not {fixed!r}") from None


@dataclass(frozen=True)
class Due:
    """An obligation's state on a day: status, the date it is next due, days until then."""

    status: str
    due: date | None = None
    days: int | None = None
    months: int | None = None  # the period, for a repeating calendar event

    @property
    def label(self) -> str:
        return LABELS[self.status]

    @property
    def urgency(self) -> tuple:
        """Sort key: overdue first (longest overdue first), then soonest due, then the
        periodic tasks without a day, then those without any date."""
        rank = {OVERDUE: 0, SOON: 1, LATER: 1, PERIODIC: 1, OPEN: 3}[self.status]
        if self.status == PERIODIC and self.due is None:
            rank = 2
        return (rank, self.days if self.days is not None else 0)


def _end_of_period(day: date, months: int) -> date:
    """The last day of the calendar period of `months` months that holds `day`."""
    last_month = ((day.month - 1) // months + 1) * months
    return date(day.year, last_month, calendar.monthrange(day.year, last_month)[1])


def _add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def due(han: str | None, dinh_ky: str | None, on: date, soon_days: int = SOON_DAYS) -> Due:
    """The state of an obligation with deadline `han` and period `dinh_ky` on day `on`."""
    deadline = _iso(han)
    if dinh_ky:
        months = MONTHS.get(dinh_ky)
        if months is None:  # "định kỳ" without saying how often
            return Due(PERIODIC)
        if deadline is not None:  # the named day, in the first period not yet past
            nxt = deadline
            while nxt < on:
                nxt = _add_months(nxt, months)
        else:
            nxt = _end_of_period(on, months)
        return Due(PERIODIC, nxt, (nxt - on).days, months)
    if deadline is None:
        return Due(OPEN)
    days = (deadline - on).days
    status = OVERDUE if days < 0 else SOON if days <= soon_days else LATER
    return Due(status, deadline, days)
