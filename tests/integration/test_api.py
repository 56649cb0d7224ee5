"""The JSON API over the real Neo4j, on the seeds graph: every endpoint, bad input too."""
from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from fastapi.testclient import TestClient
from vbkg.api import browser_link
from vbkg.api.app import create_app
from vbkg.loaders.store.queries import run_read
from web_support import load_seeds

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def client(neo4j_driver):
    load_seeds(neo4j_driver)
    with TestClient(create_app(driver=neo4j_driver)) as c:
        yield c


# A số hiệu is not an identity (numbering restarts each term): the date picks the document.
DATES = {"88-KH/TU": "2021-12-24", "05-NQ/TU": "2021-09-15"}


def _one(client, so_hieu: str) -> dict:
    items = client.get("/api/documents", params={"soHieu": so_hieu}).json()["items"]
    dated = [d for d in items if d["ngayBanHanh"] == DATES[so_hieu]]
    assert len(dated) == 1, items
    return dated[0]


def _path(key: str) -> str:
    return quote(key, safe="")


def test_counts_name_every_kind_and_see_the_seeds(client):
    counts = {(c["kind"], c["name"]): c["count"] for c in client.get("/api/counts").json()}
    assert counts[("node", "VanBan")] >= 5
    assert counts[("node", "NhiemVu")] > 0
    assert counts[("relationship", "THUC_HIEN")] >= 2


def test_documents_are_paged(client):
    first = client.get("/api/documents", params={"limit": 2}).json()
    assert len(first["items"]) == 2 and first["total"] > 2
    second = client.get("/api/documents", params={"limit": 2, "offset": 2}).json()
    assert {d["key"] for d in first["items"]}.isdisjoint(d["key"] for d in second["items"])
    beyond = client.get("/api/documents", params={"offset": first["total"]}).json()
    assert beyond["items"] == [] and beyond["total"] == first["total"]


def test_two_copies_of_88_kh_tu_are_one_document_with_two_sources(client):
    doc = client.get("/api/documents/" + _path(_one(client, "88-KH/TU")["key"])).json()
    assert {"000_80787e15ab390cc6.txt", "002_1b3a01f0590b9bf1.txt"} <= set(doc["sources"])
    assert doc["coQuanBanHanh"][0]["ten"] == "Ban Thường vụ Thành ủy"


def test_a_document_carries_its_kind(client):
    doc = client.get("/api/documents/" + _path(_one(client, "88-KH/TU")["key"])).json()
    assert doc["loai"] == "KeHoach", "VanBan.loai missing (contract 3)"


@pytest.mark.parametrize("bad", ["05 NQ/TU", "NQ-05/TU", "05-NQ", "'; MATCH (n) DETACH DELETE n"])
def test_a_malformed_so_hieu_is_a_422_that_says_why(client, bad):
    for url in ("/api/documents", "/api/implementers"):
        response = client.get(url, params={"soHieu": bad})
        assert response.status_code == 422
        message = response.json()["detail"][0]["msg"]
        assert "số hiệu" in message and ("05-NQ/TU" in message)


def test_unknown_keys_are_a_404_with_a_clear_body(client):
    for url in ("/api/documents/P%7C%3F%7CTU%7CNQ%7C999%7C%3F",
                "/api/documents/nope/chain", "/api/documents/nope/tree",
                "/api/documents/nope/obligations", "/api/documents/nope/citations",
                "/api/obligations/nope", "/api/bodies/Thành phố Hà Nội/Ban Không Có"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json()["detail"].startswith("no "), url
    assert "P|?|TU|NQ|999|?" in client.get("/api/documents/P%7C%3F%7CTU%7CNQ%7C999%7C%3F").text


def test_who_implements_05_nq_tu(client):
    rows = client.get("/api/implementers", params={"soHieu": "05-NQ/TU"}).json()
    assert any(r["soHieu"] == "88-KH/TU" and r["depth"] == 1 for r in rows)


def test_chain_up_and_tree_down_meet(client):
    plan, resolution = _one(client, "88-KH/TU"), _one(client, "05-NQ/TU")
    up = client.get(f"/api/documents/{_path(plan['key'])}/chain").json()
    assert any(d["key"] == resolution["key"] and d["depth"] == 1 for d in up)
    down = client.get(f"/api/documents/{_path(resolution['key'])}/tree").json()
    assert any(d["key"] == plan["key"] and d["parentKey"] == resolution["key"] for d in down)


def test_citations_carry_the_relation(client):
    resolution = _one(client, "05-NQ/TU")
    page = client.get(f"/api/documents/{_path(resolution['key'])}/citations").json()
    assert any(c["soHieu"] == "88-KH/TU" and c["relation"] == "THUC_HIEN" for c in page["items"])


def test_every_obligation_evidence_points_at_its_quote_in_the_source_text(client):
    plan = _one(client, "88-KH/TU")
    page = client.get(f"/api/documents/{_path(plan['key'])}/obligations",
                      params={"limit": 200}).json()
    assert page["total"] > 0
    for task in page["items"]:
        detail = client.get("/api/obligations/" + _path(task["key"])).json()
        assert detail["sourceText"], f"no Nguon.text for {detail['sourceFile']} (contract 3)"
        ev = detail["evidence"]
        assert detail["sourceText"][ev["start"]:ev["end"]] == ev["quote"], task["key"]
        assert detail["document"]["key"] == plan["key"]


def test_body_profile_and_obligations_agree_with_the_task(client):
    plan = _one(client, "88-KH/TU")
    task = client.get(f"/api/documents/{_path(plan['key'])}/obligations").json()["items"][0]
    body = client.get("/api/obligations/" + _path(task["key"])).json()["chuTri"][0]
    base = f"/api/bodies/{_path(body['diaBan'])}/{_path(body['ten'])}"
    profile = client.get(base).json()
    assert profile["ten"] == body["ten"] and profile["chuTri"] >= 1
    mine = client.get(base + "/obligations", params={"limit": 200}).json()["items"]
    assert any(t["key"] == task["key"] and t["role"] == "CHU_TRI" for t in mine)


def test_gaps_point_at_real_obligations(client):
    page = client.get("/api/gaps").json()
    assert set(page) == {"items", "total", "limit", "offset"}
    for gap in page["items"]:
        assert client.get("/api/obligations/" + _path(gap["taskKey"])).status_code == 200


def test_missing_documents_are_stubs_most_referenced_first(client):
    items = client.get("/api/missing", params={"limit": 200}).json()["items"]
    assert items and all(d["references"] >= 1 for d in items)
    assert [d["references"] for d in items] == sorted((d["references"] for d in items),
                                                      reverse=True)
    assert all(client.get("/api/documents/" + _path(d["key"])).json()["stub"] for d in items)


def test_search_finds_words_of_a_trich_yeu(client):
    plan = _one(client, "88-KH/TU")
    hits = client.get("/api/search", params={"q": "kiện toàn hệ thống chính trị"}).json()
    assert plan["key"] in {h["docKey"] for h in hits["items"]}


@pytest.mark.parametrize("q", ['"(05-NQ/TU', "AND", "a || b && c", "title:x~ *", "\\"])
def test_search_takes_lucene_syntax_as_plain_words(client, q):
    assert client.get("/api/search", params={"q": q}).status_code == 200


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "x", "limit": 0},
                                    {"q": "x", "offset": -1}, {"q": "x", "limit": "many"}])
def test_search_rejects_bad_paging_and_empty_queries(client, params):
    assert client.get("/api/search", params=params).status_code == 422


def test_openapi_documents_every_endpoint_with_examples(client):
    spec = client.get("/openapi.json").json()
    # 14 answers, /numbers, reports owed, and the two file exports; /browser/* and the
    # pages stay out of the API
    assert len(spec["paths"]) == 18
    for path, ops in spec["paths"].items():
        assert ops["get"]["summary"], path
        if "{key}" in path:
            assert "404" in ops["get"]["responses"], path
    schemas = spec["components"]["schemas"]
    for model in ("DocumentRef", "BodyRef", "Obligation", "BodyProfile"):
        assert schemas[model]["examples"], model


@pytest.mark.parametrize("text", ["05-NQ/TU", "it's", 'say "x"', "back\\slash\\'", "a\nb\tc",
                                  "Thành ủy\u0000", "\\u0027 injected"])
def test_cypher_literals_read_back_as_the_same_string(neo4j_driver, text):
    literal = browser_link.cypher_string(text)
    (row,) = run_read(neo4j_driver, f"RETURN {literal} AS v")
    assert row["v"] == text


def test_page_cypher_runs_and_finds_the_page_subject(client, neo4j_driver):
    plan = _one(client, "88-KH/TU")
    rows = run_read(neo4j_driver, browser_link.document_cypher(plan["key"]))
    assert rows and rows[0]["d"]["soHieu"] == "88-KH/TU"
    link = client.get("/documents/" + _path(plan["key"])).text
    href = link.split('id="open-in-browser" href="')[1].split('"')[0].replace("&amp;", "&")
    assert "+" not in href  # spaces as %20, which the Browser's decodeURIComponent reads
    query = parse_qs(urlsplit(href).query)
    assert query["cmd"] == ["edit"] and query["arg"] == [browser_link.document_cypher(plan["key"])]


def test_browser_guide_queries_run_on_the_seeds_graph(client, neo4j_driver):
    guide = client.get("/browser/guide.html", headers={"Origin": "http://localhost:7474"})
    assert guide.status_code == 200 and guide.headers["access-control-allow-origin"] == "*"
    blocks = re.findall(r'<pre class="[^"]*runnable">(.*?)</pre>', guide.text, re.S)
    queries = [html.unescape(b) for b in blocks if not b.startswith(":")]
    assert len(queries) >= 6
    answered = [run_read(neo4j_driver, q) for q in queries]
    assert sum(1 for rows in answered if rows) >= len(queries) - 1


def test_style_sheet_is_served_and_styles_every_main_label(client):
    grass = client.get("/browser/vbkg.grass")
    assert grass.status_code == 200
    for selector in ("node.VanBan", "node.ToChuc", "node.NhiemVu", "relationship.THUC_HIEN"):
        assert selector + " {" in grass.text
    assert 'caption: "{soHieu}"' in grass.text and 'caption: "{ten}"' in grass.text


def test_cached_answers_keep_exactly_their_own_headers(client):
    for _ in range(5):
        cors = client.get("/api/counts", headers={"Origin": "http://localhost:7474"})
    assert cors.headers.get_list("access-control-allow-origin") == ["*"]
    plain = client.get("/api/counts")
    assert plain.status_code == 200 and "access-control-allow-origin" not in plain.headers
    assert plain.json() == cors.json()
