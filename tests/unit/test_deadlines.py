"""Obligation status from deadline and period against a set clock (no server)."""
from datetime import date

import pytest
from vbkg.api.deadlines import LATER, OPEN, OVERDUE, PERIODIC, SOON, due, today

ON = date(2025, 12, 15)


@pytest.mark.parametrize(("han", "status", "days"), [
    ("2024-08-31", OVERDUE, -471),
    ("2025-12-14", OVERDUE, -1),
    ("2025-12-15", SOON, 0),
    ("2026-01-14", SOON, 30),
    ("2026-01-15", LATER, 31),
])
def test_a_deadline_is_overdue_soon_or_later(han, status, days):
    state = due(han, None, ON)
    assert (state.status, state.days, state.due) == (status, days, date.fromisoformat(han))


def test_soon_is_a_window_the_caller_sets():
    assert due("2026-01-15", None, ON, soon_days=60).status == SOON
    assert due("2025-12-20", None, ON, soon_days=3).status == LATER


@pytest.mark.parametrize(("period", "next_due", "months"), [
    ("hằng tháng", date(2025, 12, 31), 1),
    ("hằng quý", date(2025, 12, 31), 3),
    ("6 tháng", date(2025, 12, 31), 6),
    ("hằng năm", date(2025, 12, 31), 12),
])
def test_a_period_is_due_at_the_end_of_its_calendar_period(period, next_due, months):
    state = due(None, period, ON)
    assert (state.status, state.due, state.days, state.months) == (PERIODIC, next_due, 16,
                                                                   months)


def test_periods_roll_to_the_period_holding_today():
    assert due(None, "hằng quý", date(2026, 2, 3)).due == date(2026, 3, 31)
    assert due(None, "6 tháng", date(2026, 7, 1)).due == date(2026, 12, 31)
    assert due(None, "hằng tháng", date(2024, 2, 10)).due == date(2024, 2, 29)


def test_a_periodic_task_with_a_named_day_is_due_on_that_day_each_period():
    # "báo cáo trước ngày 15/11 hằng năm", read in a 2021 document
    assert due("2021-11-15", "hằng năm", ON).due == date(2026, 11, 15)
    assert due("2021-11-15", "hằng năm", date(2025, 11, 15)).due == date(2025, 11, 15)
    assert due("2025-01-31", "hằng tháng", date(2025, 2, 10)).due == date(2025, 2, 28)


def test_without_date_or_frequency():
    assert due(None, None, ON).status == OPEN
    assert due("không rõ", None, ON).status == OPEN
    state = due(None, "định kỳ", ON)
    assert (state.status, state.due, state.label) == (PERIODIC, None, "định kỳ")


def test_urgency_puts_overdue_first_then_soonest_then_undated():
    states = [due(None, None, ON), due(None, "định kỳ", ON), due("2027-01-01", None, ON),
              due(None, "hằng năm", ON), due("2025-01-01", None, ON), due("2024-01-01", None, ON)]
    ordered = sorted(states, key=lambda s: s.urgency)
    assert [s.due for s in ordered] == [date(2024, 1, 1), date(2025, 1, 1), date(2025, 12, 31),
                                        date(2027, 1, 1), None, None]
    assert [s.status for s in ordered][-2:] == [PERIODIC, OPEN]


def test_the_clock_reads_vbkg_today(monkeypatch):
    monkeypatch.setenv("VBKG_TODAY", "2025-06-30")
    assert today() == date(2025, 6, 30)
    monkeypatch.setenv("VBKG_TODAY", "30/6/2025")
    with pytest.raises(ValueError, match="VBKG_TODAY must be an ISO date"):
        today()
