"""Every page a reader reaches is Vietnamese, with no identity key and no English line.

A crawl from the home page over the seeds graph (with the real Neo4j) follows every
link, so a page a change leaves with a raw key or an English sentence is found wherever
it is; the error pages are asked for directly.
"""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from crawl import crawl
from fastapi.testclient import TestClient
from vbkg.api.app import create_app
from web_support import load_seeds

pytestmark = pytest.mark.integration

RAW_KEY = re.compile(r"(?:\b[PSN]|\bSRC)\|")
# Words of an English sentence that no Vietnamese page has (its data is Vietnamese too).
ENGLISH = re.compile(r"\b(?:the|not|with|of|and|is|found|document|key|error|assigns|none|"
                     r"value|field|required|unknown)\b", re.IGNORECASE)
STUB_05 = "/documents/" + quote("P|Thành phố Hồ Chí Minh|TU|NQ|5|2020-2025", safe="")


@pytest.fixture(scope="module")
def client(neo4j_driver):
    load_seeds(neo4j_driver)
    with TestClient(create_app(driver=neo4j_driver)) as c:
        yield c


@pytest.fixture(scope="module")
def pages(client) -> list[tuple[str, int, str]]:
    return list(crawl(client, limit=2000))


def test_the_crawl_reaches_every_kind_of_page(pages):
    kinds = {path.split("/")[1].split("?")[0] for path, _, _ in pages}
    assert {"", "documents", "obligations", "bodies", "viec-phai-lam", "gaps"} <= kinds
    assert len(pages) > 100


def test_every_page_answers_200_without_raw_keys_or_english(pages):
    problems = []
    for path, status, text in pages:
        if status != 200:
            problems.append((path, status))
        elif RAW_KEY.search(text) or ENGLISH.search(text):
            found = RAW_KEY.search(text) or ENGLISH.search(text)
            problems.append((path, text[max(0, found.start() - 60):found.end() + 60]))
    assert problems == []


def test_documents_without_so_hieu_are_named_by_type_date_and_trich_yeu(client):
    home = client.get("/").text
    assert "SRC|" not in home and "Bài báo" in home


def test_a_stub_says_it_is_not_loaded_and_who_cites_it(client):
    page = client.get(STUB_05).text
    assert 'id="stub-note"' in page and "chưa nạp" in page
    assert "không giao nhiệm vụ" not in page
    citations = page.split('id="citations"', 1)[1]
    assert "88-KH/TU" in citations


@pytest.mark.parametrize(("path", "status", "says"), [
    ("/documents/" + quote("P|?|TU|NQ|999|?", safe=""), 404, "Không có văn bản này"),
    ("/obligations/khong-co", 404, "Không có nhiệm vụ này"),
    ("/bodies/Trung ương/Không có", 404, "Không có cơ quan"),
    ("/khong-co-trang-nay", 404, "Không có trang này"),
    ("/viec-phai-lam/Trung ương/X?trong=abc", 422, "tham số không hợp lệ"),
])
def test_errors_are_vietnamese_with_a_way_on(client, path, status, says):
    answer = client.get(path)
    assert answer.status_code == status and says in answer.text
    assert 'action="/search"' in answer.text.split("<main>", 1)[1]
    main = re.sub(r"<[^>]+>", " ", answer.text.split("<main>", 1)[1])
    assert not ENGLISH.search(main), main


def test_an_unknown_document_suggests_searching_its_number(client):
    page = client.get("/documents/" + quote("P|?|TU|NQ|999|?", safe="")).text
    assert 'value="NQ 999"' in page


def test_the_json_api_keeps_its_english_one_line_errors(client):
    assert client.get("/api/documents/x").json() == {"detail": "no document with key 'x'"}
    assert client.get("/api/nothing").json() == {"detail": "Not Found"}
    assert client.get("/api/search").status_code == 422
