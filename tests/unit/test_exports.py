"""Obligation exports read back with the libraries that wrote them (no server)."""
import csv
import io
from datetime import date

from icalendar import Calendar
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from vbkg.api.exports import (
    OBLIGATION_COLUMNS,
    REPORT_COLUMNS,
    calendar_bytes,
    csv_bytes,
    table,
    xlsx_bytes,
)
from vbkg.api.models import BodyObligation, ReportOwed

BASE = "http://127.0.0.1:8000"
TASK = BodyObligation(role="CHU_TRI", key="P|X|TU|KH|88|2020-2025/a.txt/1", soHieu="88-KH/TU",
                      docKey="P|X|TU|KH|88|2020-2025", ngayBanHanh="2021-12-24", section="IV.4",
                      han="2025-12-31", baoCaoCho=["Ban Thường vụ Thành ủy"],
                      noiDung="báo cáo kết quả, có dấu phẩy", status="sap_den_han",
                      statusLabel="sắp đến hạn", dueDate="2025-12-31", daysLeft=16)
REPORT = ReportOwed(key="P|X|TU|KH|88|2020-2025/a.txt/2", tu=["Ban Tổ chức Thành ủy"],
                    dinhKy="6 tháng", soHieu="88-KH/TU", docKey="P|X|TU|KH|88|2020-2025",
                    section="IV.5", status="dinh_ky", statusLabel="định kỳ",
                    dueDate="2025-12-31", daysLeft=16, periodMonths=6)
UNDATED = ReportOwed(key="k3", tu=[], dinhKy="định kỳ", docKey="d", status="dinh_ky",
                     statusLabel="định kỳ")


def test_csv_opens_in_excel_with_diacritics_and_iso_dates():
    data = csv_bytes(*table([TASK], OBLIGATION_COLUMNS, BASE))
    assert data.startswith("\ufeff".encode())
    header, row = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    record = dict(zip(header, row, strict=True))
    assert record["Trạng thái"] == "sắp đến hạn" and record["Hạn / kỳ tới"] == "2025-12-31"
    assert record["Vai trò"] == "Chủ trì" and record["Nội dung"] == TASK.noiDung
    assert record["Câu gốc"].startswith(BASE + "/obligations/P%7CX") and "#evidence" in record[
        "Câu gốc"]


def test_xlsx_keeps_dates_as_dates_under_a_frozen_filtered_header():
    headers, values = table([REPORT, UNDATED], REPORT_COLUMNS, BASE)
    sheet = load_workbook(io.BytesIO(xlsx_bytes("Báo cáo", headers, values))).active
    assert [c.value for c in sheet[1]] == headers and sheet[1][0].font.b
    due_cell = sheet.cell(row=2, column=headers.index("Hạn / kỳ tới") + 1)
    assert due_cell.value.date() == date(2025, 12, 31) and due_cell.number_format == "DD/MM/YYYY"
    assert sheet.cell(row=2, column=headers.index("Đơn vị báo cáo") + 1).value == (
        "Ban Tổ chức Thành ủy")
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(headers))}3"


def test_calendar_repeats_periodic_reports_and_leaves_out_undated_ones():
    cal = Calendar.from_ical(calendar_bytes("Báo cáo phải nhận", [TASK, REPORT, UNDATED], BASE,
                                            date(2025, 12, 15)))
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {TASK.key + "@vbkg", REPORT.key + "@vbkg"}
    periodic = events[REPORT.key + "@vbkg"]
    assert periodic.decoded("dtstart") == date(2025, 12, 31)
    assert periodic["rrule"]["FREQ"] == ["MONTHLY"] and periodic["rrule"]["INTERVAL"] == [6]
    assert periodic["rrule"]["BYMONTHDAY"] == [-1]  # the last day of every half-year
    assert "Ban Tổ chức Thành ủy" in str(periodic["summary"])
    once = events[TASK.key + "@vbkg"]
    assert "rrule" not in once and str(once["url"]).startswith(BASE + "/obligations/")
    assert str(cal["x-wr-calname"]) == "Báo cáo phải nhận"
