"""Obligation status, the "việc phải làm" page and its files, on the real Neo4j.

The graph is the seeds plus the hand-made gold record of a 2024 ministry plan whose
appendix gives each task a deadline (tests/corpus2_gold/b/kh-09-…); the clock is set
to 15/12/2025, so its deadlines of 31/08/2024 are overdue and 31/12/2025 is soon.
"""
from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar
from openpyxl import load_workbook
from vbkg.api.app import create_app
from vbkg.loaders.load import input_files, load
from web_support import load_seeds

pytestmark = pytest.mark.integration

PLAN = Path(__file__).resolve().parents[1] / "corpus2_gold" / "b" / (
    "kh-09-kh-btnmt-2024-trien-khai-ct-13-ct-ttg.json")
ON = date(2025, 12, 15)
CUC = "/Trung ương/Cục Biến đổi khí hậu"
BTV_HCM = "/Thành phố Hồ Chí Minh/Ban Thường vụ Thành ủy"


@pytest.fixture(scope="module")
def client(neo4j_driver):
    load_seeds(neo4j_driver)
    assert not load(input_files([str(PLAN)]), neo4j_driver).errors
    with TestClient(create_app(driver=neo4j_driver, clock=lambda: ON)) as c:
        yield c


def _items(client, url: str, **params) -> list[dict]:
    answer = client.get(url, params={"limit": 200, **params})
    assert answer.status_code == 200, answer.text
    return answer.json()["items"]


def test_status_of_each_obligation_from_its_deadline(client):
    items = _items(client, "/api/bodies" + CUC + "/obligations")
    by_section = {(t["section"], t["role"]): t for t in items}
    late = by_section[("Phụ lục.1", "CHU_TRI")]
    assert (late["status"], late["dueDate"], late["daysLeft"]) == ("qua_han", "2024-08-31", -471)
    soon = by_section[("Phụ lục.3", "CHU_TRI")]
    assert (soon["status"], soon["statusLabel"], soon["daysLeft"]) == (
        "sap_den_han", "sắp đến hạn", 16)
    assert by_section[("Phụ lục.4", "CHU_TRI")]["status"] == "con_han"


def test_obligations_are_sorted_by_urgency(client):
    items = _items(client, "/api/bodies" + CUC + "/obligations")
    statuses = [t["status"] for t in items]
    assert statuses[:2] == ["qua_han", "qua_han"]
    dated = [t["dueDate"] for t in items if t["dueDate"]]
    assert dated == sorted(dated)
    first_open = statuses.index("khong_han")
    assert set(statuses[first_open:]) == {"khong_han"}  # tasks without a date come last


def test_the_soon_window_is_a_parameter(client):
    narrow = _items(client, "/api/bodies" + CUC + "/obligations", soonDays=10)
    assert "sap_den_han" not in {t["status"] for t in narrow}
    assert client.get("/api/bodies" + CUC + "/obligations", params={"soonDays": -1}
                      ).status_code == 422


def test_reports_owed_carry_the_next_due_date_of_their_period(client):
    (report,) = [r for r in _items(client, "/api/bodies" + BTV_HCM + "/reports-owed")
                 if r["dinhKy"] == "6 tháng"]
    assert report["tu"] == ["Ban Tổ chức Thành ủy"] and report["soHieu"] == "88-KH/TU"
    assert (report["status"], report["dueDate"], report["periodMonths"]) == (
        "dinh_ky", "2025-12-31", 6)
    assert client.get("/api/bodies/Trung ương/Không có/reports-owed").status_code == 404


def test_csv_and_xlsx_of_a_bodys_obligations_match_the_json(client):
    items = _items(client, "/api/bodies" + CUC + "/obligations")
    answer = client.get("/api/bodies" + CUC + "/obligations.csv")
    assert answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert [r["Mục"] for r in rows] == [t["section"] for t in items]
    assert rows[0]["Trạng thái"] == "quá hạn" and rows[0]["Hạn / kỳ tới"] == "2024-08-31"
    book = load_workbook(io.BytesIO(client.get("/api/bodies" + CUC + "/obligations.xlsx").content))
    sheet = book.active
    assert sheet.max_row == len(items) + 1
    assert sheet["B2"].value.date() == date(2024, 8, 31)


def test_calendar_feed_of_reports_owed(client):
    answer = client.get("/api/bodies" + BTV_HCM + "/reports-owed.ics")
    assert answer.headers["content-type"].startswith("text/calendar")
    events = list(Calendar.from_ical(answer.content).walk("VEVENT"))
    owed = [r for r in _items(client, "/api/bodies" + BTV_HCM + "/reports-owed") if r["dueDate"]]
    assert len(events) == len(owed) > 0
    half_year = next(e for e in events if e.get("rrule", {}).get("INTERVAL") == [6])
    assert half_year.decoded("dtstart") == date(2025, 12, 31)
    assert "Ban Tổ chức Thành ủy" in str(half_year["summary"])
    assert client.get("/api/bodies" + BTV_HCM + "/reports-owed.pdf").status_code == 422


def test_the_todo_page_lists_the_urgent_first_with_its_files(client):
    page = client.get("/viec-phai-lam" + CUC)
    assert page.status_code == 200
    text = page.text
    assert "tính đến ngày 15/12/2025" in text
    assert text.index("trễ 471 ngày") < text.index("còn 16 ngày")
    files = "/api/bodies/" + quote("Trung ương", safe="") + "/" + quote("Cục Biến đổi khí hậu",
                                                                       safe="")
    for name in ("obligations.xlsx", "obligations.csv", "obligations.ics", "reports-owed.ics"):
        assert f'href="{files}/{name}"' in text
        assert client.get(f"{files}/{name}").status_code == 200
    body = client.get("/bodies" + CUC).text
    assert 'id="todo-link"' in body and "quá hạn" in body


def test_gaps_say_who_assigned_and_by_when(client):
    page = client.get("/gaps").text
    gaps = client.get("/api/gaps").json()["items"]
    assert gaps and all(g["giaoBoiDocument"] and g["giaoBoiCoQuan"] for g in gaps)
    assert "Ban Thường vụ Thành ủy" in page
    assert "văn bản không ghi hạn" in page or "định kỳ" in page
