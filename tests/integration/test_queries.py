"""Every library query on a hand-checked graph: the gold records of the five seeds, plus a
district plan implementing 88-KH/TU (to have a chain of three) and 000's IV.1 read as an
obligation to issue a plan (contract 1's `van_ban_phai_ban_hanh`)."""
import copy
import http.server
import json
import threading
from pathlib import Path

import neo4j
import pytest
from shared_paths import GOLD
from typer.testing import CliRunner
from vbkg.loaders.cli.app import app
from vbkg.loaders.load import load
from vbkg.loaders.store import config, queries

pytestmark = pytest.mark.integration

SEED = {p.name[:3]: p for p in GOLD.glob("*.json")}
HCM, HN = "Thành phố Hồ Chí Minh", "Thành phố Hà Nội"
PLAN_88 = {"loai": "KeHoach", "so_hieu": "88-KH/TU", "so": None, "ten_goi": None,
           "ngay_ban_hanh": "2021-12-24", "trich_yeu": None,
           "co_quan_ban_hanh": {"ten": "Ban Thường vụ Thành ủy", "dia_ban": HCM}}
THU_DUC_PLAN = {
    "source": "thu-duc-12-kh.txt", "same_as": [],
    "document": {"loai": "KeHoach", "so_hieu": "12-KH/ThU", "ngay_ban_hanh": "2022-01-20",
                 "co_quan_ban_hanh": {"ten": "Ban Thường vụ Thành ủy Thủ Đức", "dia_ban": HCM},
                 "trich_yeu": "Thực hiện Kế hoạch 88-KH/TU", "nguoi_ky": None},
    "references": [{"relation": "thuc_hien", **PLAN_88}],
    "tasks": [],
}


def cli_env(settings) -> dict:
    """The CLI reads its Neo4j from the environment: point it at the test server."""
    return {"NEO4J_URI": settings.uri, "NEO4J_USER": settings.user,
            "NEO4J_PASSWORD": settings.password}


def with_obligation_to_issue(record: dict) -> dict:
    """000 with IV.1 ("xây dựng Kế hoạch cụ thể để ... triển khai") as an obligation."""
    record = copy.deepcopy(record)
    (iv1,) = [t for t in record["tasks"] if t["section"] == "IV.1"]
    iv1["van_ban_phai_ban_hanh"] = {"loai": "KeHoach", "thuc_hien": PLAN_88}
    return record


def write(folder: Path, record: dict) -> Path:
    path = folder / (record["source"].rsplit(".", 1)[0] + ".json")
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return path


def ask(driver, name: str, positional=None, **values) -> list[dict]:
    query = queries.load(name)
    return queries.run(driver, query, query.bind(values, positional))


@pytest.fixture(scope="module")
def graph(neo4j_driver, tmp_path_factory):
    folder = tmp_path_factory.mktemp("records")
    seed_000 = write(folder, with_obligation_to_issue(
        json.loads(SEED["000"].read_text(encoding="utf-8"))))
    paths = [seed_000, SEED["001"], SEED["002"], SEED["003"], SEED["004"]]
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    report = load(paths + [write(folder, THU_DUC_PLAN)], neo4j_driver)
    assert report.errors == []
    neo4j_driver.execute_query("CALL db.awaitIndexes(120)")
    return neo4j_driver


def key_of_source(driver, file: str) -> str:
    (row,) = queries.run_read(
        driver, "MATCH (d:VanBan) WHERE $f IN d.sources RETURN d.key AS key", {"f": file})
    return row["key"]


def test_who_implements_05_nq_tu_directly_and_transitively(graph):
    rows = ask(graph, "who_implements", "05-NQ/TU")
    found = {(r["soHieu"], r["loai"], r["depth"]) for r in rows}
    assert ("88-KH/TU", "KeHoach", 1) in found
    assert ("12-KH/ThU", "KeHoach", 2) in found
    assert (None, "BaiBao", 1) in found  # seed 004 says to carry it out
    assert [r["depth"] for r in rows] == sorted(r["depth"] for r in rows)


def test_who_implements_filters_by_jurisdiction(graph):
    assert ask(graph, "who_implements", "05-NQ/TU", diaBan=HN) == []


def test_001_implements_chi_thi_24_of_ha_noi(graph):
    rows = ask(graph, "implements_chain", key=key_of_source(graph, "001_17deee1f513ea228.txt"))
    assert [(r["soHieu"], r["loai"], r["diaBan"], r["depth"], r["ultimate"]) for r in rows] == [
        ("24-CT/TU", "ChiThi", HN, 1, True)]


def test_chain_upward_from_the_district_plan(graph):
    rows = ask(graph, "implements_chain", "12-KH/ThU")
    assert [(r["soHieu"], r["depth"]) for r in rows] == [("88-KH/TU", 1), ("05-NQ/TU", 2)]
    assert rows[-1]["ultimate"] is True


def test_implementation_tree_downward(graph):
    rows = ask(graph, "implementation_tree", "88-KH/TU")
    assert [(r["soHieu"], r["depth"], r["parentSoHieu"]) for r in rows] == [
        ("12-KH/ThU", 1, "88-KH/TU")]


def test_18_nq_tw_and_18_nq_tu_of_001_are_two_documents(graph):
    (tw,) = ask(graph, "document", "18-NQ/TW")
    (tu,) = ask(graph, "document", "18-NQ/TU")
    assert tw["key"] != tu["key"]
    assert (tw["diaBan"], tu["diaBan"]) == ("Trung ương", HN)
    assert tw["stub"] is True and tu["stub"] is True


def test_000_and_002_are_one_document_with_issuer_and_signer(graph):
    (plan,) = ask(graph, "document", "88-KH/TU")
    assert sorted(plan["sources"]) == ["000_80787e15ab390cc6.txt", "002_1b3a01f0590b9bf1.txt"]
    assert [b["ten"] for b in plan["coQuanBanHanh"]] == ["Ban Thường vụ Thành ủy"]
    assert [p["hoTen"] for p in plan["nguoiKy"]] == ["Nguyễn Hồ Hải"]
    assert {"relation": "THUC_HIEN", "soHieu": "05-NQ/TU"}.items() <= plan["references"][0].items()


def test_citing_documents(graph):
    rows = ask(graph, "citing_documents", "18-NQ/TU")
    assert [(r["relation"], r["key"]) for r in rows] == [
        ("TRICH_DAN", key_of_source(graph, "001_17deee1f513ea228.txt"))]


def test_body_obligations_with_period_and_report_to(graph):
    rows = ask(graph, "body_obligations", "Ban Tổ chức Thành ủy", diaBan=HCM)
    assert [(r["role"], r["soHieu"], r["section"], r["dinhKy"], r["baoCaoCho"]) for r in rows] == [
        ("CHU_TRI", "88-KH/TU", "IV.4", "6 tháng", ["Ban Thường vụ Thành ủy"])]
    hanoi = ask(graph, "body_obligations", "Ban Tổ chức Thành ủy", diaBan=HN)
    assert {r["section"] for r in hanoi} >= {"II.4.2.(1)", "II.4.2.(5)", "III.5"}


def test_reports_owed_to_the_standing_board(graph):
    rows = ask(graph, "reports_owed", "Ban Thường vụ Thành ủy", diaBan=HCM)
    assert [(r["tu"], r["dinhKy"], r["soHieu"], r["section"]) for r in rows] == [
        (["Ban Tổ chức Thành ủy"], "6 tháng", "88-KH/TU", "IV.4")]
    hanoi = ask(graph, "reports_owed", "Ban Thường vụ Thành ủy", diaBan=HN)
    owed = {t["section"] for seed in ("001", "003")  # the Hà Nội seeds, read by hand
            for t in json.loads(SEED[seed].read_text(encoding="utf-8"))["tasks"]
            if (t["dinh_ky"] or t["han"])
            and {"ten": "Ban Thường vụ Thành ủy", "dia_ban": HN} in t["bao_cao_cho"]}
    assert {r["section"] for r in hanoi} == owed and len(owed) >= 3


def test_implementation_gaps_name_bodies_without_their_plan(graph):
    rows = ask(graph, "implementation_gaps", HCM)
    gaps = {(r["ten"], r["thucHien"], r["phaiBanHanh"]) for r in rows}
    # Thủ Đức has issued 12-KH/ThU implementing 88-KH/TU; the others have not.
    assert gaps == {("Quận ủy", "88-KH/TU", "KeHoach"), ("Huyện ủy", "88-KH/TU", "KeHoach"),
                    ("Đảng ủy Sở Y tế", "88-KH/TU", "KeHoach")}
    assert ask(graph, "implementation_gaps", HN) == []


def test_missing_documents_most_referenced_first(graph):
    rows = ask(graph, "missing_documents", limit=500)
    counts = [r["references"] for r in rows]
    assert counts == sorted(counts, reverse=True) and min(counts) >= 1
    assert {"05-NQ/TU", "24-CT/TU", "18-NQ/TW", "18-NQ/TU"} <= {r["soHieu"] for r in rows}
    assert "88-KH/TU" not in {r["soHieu"] for r in rows}


def test_body_profile(graph):
    (row,) = ask(graph, "body_profile", "Ban Tổ chức Thành ủy", diaBan=HCM)
    assert row["trucThuoc"] == ["Thành ủy"]
    assert (row["chuTri"], row["baoCaoCho"]) == (1, ["Ban Thường vụ Thành ủy"])
    (board,) = ask(graph, "body_profile", "Ban Thường vụ Thành ủy", diaBan=HCM)
    assert "88-KH/TU" in board["banHanh"]


def test_document_obligations_with_assignees_and_evidence_fields(graph):
    (plan,) = ask(graph, "document", "88-KH/TU")
    rows = ask(graph, "document_obligations", plan["key"])
    assert {r["section"] for r in rows} == {"III.1", "III.2", "III.4", "IV.1", "IV.2", "IV.3",
                                            "IV.4"}
    (iv4,) = [r for r in rows if r["section"] == "IV.4"]
    assert (iv4["chuTri"], iv4["baoCaoCho"]) == (["Ban Tổ chức Thành ủy"],
                                                 ["Ban Thường vụ Thành ủy"])
    assert {r["vanBanPhaiBanHanh"] for r in rows if r["section"] == "IV.1"} == {"KeHoach"}


def test_search_full_text(graph):
    rows = ask(graph, "search", "kiện toàn hệ thống chính trị", limit=5)
    assert rows and rows[0]["soHieu"] == "88-KH/TU"
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)


def test_counts_match_the_graph(graph):
    counts = {(r["kind"], r["name"]): r["count"] for r in ask(graph, "counts")}
    (real,) = queries.run_read(
        graph, "MATCH (d:VanBan) RETURN count(d) AS all, count(CASE WHEN d.stub THEN 1 END) AS s")
    assert counts[("node", "VanBan")] == real["all"]
    assert counts[("node", "VanBan (stub)")] == real["s"]
    assert counts[("relationship", "THUC_HIEN")] >= 3


def test_cypher_runs_read_only(graph):
    with pytest.raises(neo4j.exceptions.ClientError):
        queries.run_read(graph, "CREATE (:VanBan {key: 'x'})")
    assert queries.run_read(graph, "MATCH (d:VanBan {key: 'x'}) RETURN d") == []


@pytest.fixture
def listener():
    """An HTTP server on loopback that counts the requests it gets."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"a,b\n1,2\n")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/counts.csv", hits
    server.shutdown()


@pytest.mark.parametrize("statement", [
    "LOAD CSV FROM '{url}' AS row RETURN row",
    "MATCH (d:VanBan) WITH d LIMIT 1 // a comment\nLOAD   csv WITH HEADERS FROM '{url}' AS r "
    "RETURN r",
    "CALL {{ LOAD CSV FROM '{url}' AS row RETURN row }} RETURN row",
])
def test_cypher_refuses_load_csv_and_the_server_fetches_nothing(graph, neo4j_settings, listener,
                                                                statement):
    url, hits = listener
    runner = CliRunner(env=cli_env(neo4j_settings))
    result = runner.invoke(app, ["cypher", statement.format(url=url)])
    assert result.exit_code == 1
    assert "LOAD CSV is refused in read mode" in result.output
    assert hits == []


def test_cypher_allows_schema_procedures_and_refuses_others(graph, neo4j_settings):
    runner = CliRunner(env=cli_env(neo4j_settings))
    labels = runner.invoke(app, ["cypher", "CALL db.labels() YIELD label RETURN label", "--json"])
    assert labels.exit_code == 0 and {"label": "VanBan"} in json.loads(labels.output)
    other = runner.invoke(app, ["cypher", "CALL dbms.listConnections()"])
    assert other.exit_code == 1
    assert "procedure dbms.listConnections is refused in read mode" in other.output


def test_queries_naming_what_the_graph_lacks_log_no_notifications(graph, neo4j_settings,
                                                                  caplog, monkeypatch):
    """A young graph lacks some of the types and properties the library names: without
    the filter, each query logs a multi-line warning per missing name."""
    for name, value in cli_env(neo4j_settings).items():
        monkeypatch.setenv(name, value)
    with config.get_driver() as driver:
        queries.run_read(driver, "MATCH (d:NoSuchLabel)-[:NO_SUCH_TYPE]->() "
                                 "WHERE d.noSuchProperty = 1 RETURN count(d) AS n")
    assert [r for r in caplog.records if r.name.startswith("neo4j.notifications")] == []


def test_readme_demo_command_prints_88_kh_tu(graph, neo4j_settings):
    runner = CliRunner(env=cli_env(neo4j_settings))
    result = runner.invoke(app, ["query", "who-implements", "05-NQ/TU"])
    assert result.exit_code == 0, result.output
    assert "88-KH/TU" in result.output
    statement = "MATCH (d:VanBan {soHieu: $s}) RETURN d.loai AS loai"
    result = runner.invoke(app, ["cypher", statement, "--param", "s=88-KH/TU", "--json"])
    assert json.loads(result.output) == [{"loai": "KeHoach"}]
