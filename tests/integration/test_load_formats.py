"""A PDF loaded into the real Neo4j keeps the page of each evidence, and the obligation
page says "trang N"."""
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from pdf_fixtures import text_pdf
from vbkg.api.app import create_app
from vbkg.loaders.load import load
from vbkg.loaders.store.queries import run_read

pytestmark = pytest.mark.integration


def test_pdf_evidence_pages_reach_neo4j_and_the_obligation_page(clean_db, tmp_path):
    path = tmp_path / "kh-987.pdf"
    path.write_bytes(text_pdf())
    report = load([path], clean_db)
    assert report.errors == [] and report.documents == 1
    (task,) = run_read(clean_db, "MATCH (:VanBan {soHieu: '987/KH-UBND'})-[:GIAO]->(t:NhiemVu) "
                                 "RETURN t.key AS key, t.evidencePage AS page")
    assert task["page"] == 1
    (signed,) = run_read(clean_db, "MATCH (:Nguoi {hoTen: 'Nguyễn Văn Đệ'})-[k:KY]->(:VanBan) "
                                   "RETURN k.evidencePage AS page")
    assert signed["page"] == 2  # the signature sits on the second page
    with TestClient(create_app(driver=clean_db)) as client:
        page = client.get("/obligations/" + quote(task["key"], safe=""))
    assert page.status_code == 200
    assert "kh-987.pdf</code>, trang 1, ký tự" in page.text
