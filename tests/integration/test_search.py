"""Search as Vietnamese users type it, on the seeds graph in the real Neo4j."""
from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient
from vbkg.api.app import create_app
from web_support import load_seeds

pytestmark = pytest.mark.integration

KEY_88 = "P|Thành phố Hồ Chí Minh|TU|KH|88|2020-2025"
KEY_05 = "P|Thành phố Hồ Chí Minh|TU|NQ|5|2020-2025"


@pytest.fixture(scope="module")
def client(neo4j_driver):
    load_seeds(neo4j_driver)
    with TestClient(create_app(driver=neo4j_driver)) as c:
        yield c


def _first_document_on_the_page(client, q: str) -> str:
    page = client.get("/search", params={"q": q})
    assert page.status_code == 200
    main = page.text.split("<main>", 1)[1]
    return unquote(re.search(r'href="/documents/([^"#]+)', main)[1])


@pytest.mark.parametrize(("typed", "meant"), [
    ("cung co he thong chinh tri", KEY_88),
    ("88-KH", KEY_88),
    ("kh 88", KEY_88),
    ("5-NQ/TU", KEY_05),
    ("05 – NQ/TU", KEY_05),
    ("Số 88-KH/TU", KEY_88),
    ("05-nq/tu", KEY_05),
    ("88\u200b-KH/TU", KEY_88),
    ("\u200e05-NQ/TU", KEY_05),
])
def test_the_search_page_answers_first_with_the_document_meant(client, typed, meant):
    assert _first_document_on_the_page(client, typed) == meant


def test_a_so_hieu_is_answered_with_its_implementers_not_with_its_tokens(client):
    (match,) = client.get("/api/numbers", params={"q": "05-NQ/TU"}).json()
    assert match["document"]["key"] == KEY_05
    assert KEY_88 in {d["key"] for d in match["implementedBy"]}
    page = client.get("/search", params={"q": "05-NQ/TU"}).text
    assert "Được thực hiện bởi" in page and "88-KH/TU" in page
    assert "Trích yếu và nhiệm vụ chứa từ khóa" not in page  # no hits on "NQ" and "TU"


def test_numbers_without_issuer_and_what_it_implements(client):
    (match,) = client.get("/api/numbers", params={"q": "kh 88"}).json()
    assert match["document"]["key"] == KEY_88
    assert KEY_05 in {d["key"] for d in match["implements"]}
    assert client.get("/api/numbers", params={"q": "hệ thống"}).status_code == 422


def test_diacritic_insensitive_with_accented_matches_first(client):
    folded = client.get("/api/search", params={"q": "cung co"}).json()["items"]
    accented = client.get("/api/search", params={"q": "củng cố"}).json()["items"]
    assert folded and accented
    assert {h["docKey"] for h in folded} == {h["docKey"] for h in accented}
    first = accented[0]["text"].casefold()
    assert "củng" in first and "cố" in first
    dang = client.get("/api/search", params={"q": "dang uy"}).json()["items"]
    assert any("đảng ủy" in (h["text"] or "").casefold() for h in dang)  # đ folds to d


def test_filters_keep_only_documents_of_that_type_issuer_place_and_year(client):
    q = {"q": "he thong chinh tri"}
    every = client.get("/api/search", params=q).json()["items"]
    assert {h["loai"] for h in every} > {"KeHoach"}
    plans = client.get("/api/search", params={**q, "loai": "KeHoach"}).json()["items"]
    assert plans and all(h["loai"] == "KeHoach" for h in plans)
    hanoi = client.get("/api/search", params={**q, "diaBan": "Thành phố Hà Nội"}).json()["items"]
    assert hanoi and all(h["diaBan"] == "Thành phố Hà Nội" for h in hanoi)
    y2021 = client.get("/api/search", params={**q, "nam": "2021"}).json()["items"]
    assert y2021 and all(h["ngayBanHanh"].startswith("2021") for h in y2021)
    by = client.get("/api/search", params={**q, "coQuan": "Ban Thường vụ Thành ủy"}).json()
    assert by["items"] and all("Ban Thường vụ Thành ủy" in h["coQuanBanHanh"]
                               for h in by["items"])
    assert client.get("/api/search", params={**q, "nam": "21"}).status_code == 422


def test_the_page_offers_filters_and_did_you_mean(client):
    page = client.get("/search", params={"q": "he thong chinh tri"}).text
    assert "/search?q=he+thong+chinh+tri&amp;loai=KeHoach" in page
    filtered = client.get("/search", params={"q": "he thong chinh tri", "loai": "KeHoach"}).text
    assert "bỏ lọc" in filtered
    none = client.get("/search", params={"q": "thongg chinhh"}).text
    assert 'id="did-you-mean"' in none and "thống chính" in none
    assert 'id="did-you-mean"' not in client.get("/search", params={"q": "xyzzyq"}).text


def test_a_too_long_search_is_a_vietnamese_message(client):
    page = client.get("/search", params={"q": "a" * 300})
    assert page.status_code == 200 and "dài quá 200 ký tự" in page.text
