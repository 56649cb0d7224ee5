"""A body's obligations and the reports owed to it, as the files offices work in:
a spreadsheet (.xlsx, openpyxl), CSV, and an iCalendar feed (icalendar) to subscribe to.

One table description per kind of row (`OBLIGATION_COLUMNS`, `REPORT_COLUMNS`) feeds
both the spreadsheet and the CSV; dates stay dates in the spreadsheet and ISO in CSV.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta

from icalendar import Calendar, Event, vRecur
from openpyxl import Workbook
from openpyxl.styles import Font

from .models import BodyObligation, ReportOwed
from .present import ROLES, doc_label, obligation_url

Column = tuple[str, Callable[[object, str], object]]  # header, (row, base URL) → value


def _day(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


_STATE: list[Column] = [
    ("Trạng thái", lambda r, _: r.statusLabel),
    ("Hạn / kỳ tới", lambda r, _: _day(r.dueDate)),
    ("Còn (ngày)", lambda r, _: r.daysLeft),
    ("Định kỳ", lambda r, _: r.dinhKy or ""),
]
_SOURCE: list[Column] = [
    ("Văn bản giao", lambda r, _: doc_label(r)),
    ("Ngày văn bản", lambda r, _: _day(r.ngayBanHanh)),
    ("Mục", lambda r, _: r.section or ""),
]
_END: list[Column] = [
    ("Nội dung", lambda r, _: r.noiDung or ""),
    ("Câu gốc", lambda r, base: base + obligation_url(r.key)),
]
OBLIGATION_COLUMNS: list[Column] = [
    *_STATE, *_SOURCE,
    ("Vai trò", lambda r, _: ROLES.get(r.role, r.role)),
    ("Báo cáo cho", lambda r, _: "; ".join(r.baoCaoCho)),
    *_END,
]
REPORT_COLUMNS: list[Column] = [
    *_STATE,
    ("Đơn vị báo cáo", lambda r, _: "; ".join(r.tu)),
    *_SOURCE, *_END,
]


def table(rows: Sequence, columns: list[Column], base: str) -> tuple[list[str], list[list]]:
    """Headers and values of `rows` under `columns`; `base` makes the links absolute."""
    return [h for h, _ in columns], [[value(r, base) for _, value in columns] for r in rows]


def csv_bytes(headers: list[str], values: list[list]) -> bytes:
    """UTF-8 CSV with a byte-order mark, so that Excel shows the diacritics."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for row in values:
        writer.writerow(["" if v is None else v.isoformat() if isinstance(v, date) else v
                         for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(title: str, headers: list[str], values: list[list]) -> bytes:
    """One sheet: bold frozen header with filters, dates as dates, readable widths."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in values:
        sheet.append(row)
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
    for i, header in enumerate(headers):
        letter = sheet.cell(row=1, column=i + 1).column_letter
        longest = max([len(header)] + [len(str(r[i])) for r in values if r[i] is not None])
        sheet.column_dimensions[letter].width = min(60, max(10, longest + 2))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def calendar_bytes(name: str, rows: Sequence[BodyObligation | ReportOwed], base: str,
                   stamp: date) -> bytes:
    """An iCalendar feed: one all-day event per row with a due date, repeating every
    period for periodic ones (on the period's last day, or on the day the document
    names). Rows without any date have no place in a calendar and are left out."""
    cal = Calendar()
    cal.add("prodid", "-//vbkg//viec-phai-lam//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for row in rows:
        if row.dueDate is None:
            continue
        start = date.fromisoformat(row.dueDate)
        event = Event()
        event.add("uid", f"{row.key}@vbkg")
        event.add("dtstamp", datetime.combine(stamp, time()))
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(days=1))
        event.add("summary", _summary(row))
        event.add("description", row.noiDung or "")
        event.add("url", base + obligation_url(row.key))
        if row.periodMonths:
            last_day = (start + timedelta(days=1)).day == 1
            event.add("rrule", vRecur(freq="MONTHLY", interval=row.periodMonths,
                                      bymonthday=-1 if last_day else start.day))
        cal.add_component(event)
    return cal.to_ical()


def _summary(row: BodyObligation | ReportOwed) -> str:
    where = f"{doc_label(row)}" + (f" mục {row.section}" if row.section else "")
    if isinstance(row, ReportOwed):
        return f"Báo cáo từ {'; '.join(row.tu) or 'đơn vị được giao'} — {where}"
    return f"{ROLES.get(row.role, row.role)}: {where}"
