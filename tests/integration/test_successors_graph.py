"""Bodies through the 2025 reorganisation on a real Neo4j: successors, inherited tasks,
chains across a merged province, TRUC_THUOC with its rule, and the web page.

Three documents: Nghị quyết 57-NQ/TW; a plan of Tỉnh ủy Yên Bái (February 2025, before
Yên Bái was merged into Lào Cai) implementing it, with tasks for Sở Thông tin và Truyền
thông and Sở Kế hoạch và Đầu tư; and a plan of the merged Tỉnh ủy Lào Cai (August 2025)
implementing Yên Bái's plan, naming Sở Kế hoạch và Đầu tư (which no longer exists then)
and a commune's People's Committee.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner
from vbkg.api.app import create_app
from vbkg.loaders.cli.app import app
from vbkg.loaders.graph.identity import body_key
from vbkg.loaders.load import load, write_succession
from vbkg.loaders.store import queries as query_library
from vbkg.loaders.store.queries import run_read

pytestmark = pytest.mark.integration

YB, LC, NA, HCM = "Tỉnh Yên Bái", "Tỉnh Lào Cai", "Tỉnh Nghệ An", "Thành phố Hồ Chí Minh"
NQ57 = {"loai": "NghiQuyet", "so_hieu": "57-NQ/TW", "so": None, "ten_goi": None,
        "ngay_ban_hanh": "2024-12-22", "trich_yeu": None,
        "co_quan_ban_hanh": {"ten": "Bộ Chính trị", "dia_ban": "Trung ương"}}
PLAN_YB = {"loai": "KeHoach", "so_hieu": "150-KH/TU", "so": None, "ten_goi": None,
           "ngay_ban_hanh": "2025-02-10", "trich_yeu": None,
           "co_quan_ban_hanh": {"ten": "Ban Thường vụ Tỉnh ủy", "dia_ban": YB}}


def task(section: str, chu_tri: list[dict], **more) -> dict:
    return {"section": section, "noi_dung": f"nhiệm vụ {section}", "chu_tri": chu_tri,
            "phoi_hop": [], "bao_cao_cho": [], "dinh_ky": None, "han": None, **more}


def record(source: str, document: dict, references: list[dict], tasks: list[dict]) -> dict:
    return {"source": source, "same_as": [], "document": {**document, "nguoi_ky": None},
            "references": references, "tasks": tasks}


RECORDS = [
    record("nq-57.json", NQ57, [], []),
    record("kh-150-yen-bai.json", PLAN_YB, [{"relation": "thuc_hien", **NQ57}], [
        task("III.1", [{"ten": "Sở Thông tin và Truyền thông", "dia_ban": YB}],
             van_ban_phai_ban_hanh={"loai": "KeHoach", "thuc_hien": PLAN_YB}),
        task("III.2", [{"ten": "Sở Kế hoạch và Đầu tư", "dia_ban": YB}]),
    ]),
    record("kh-05-lao-cai.json",
           {"loai": "KeHoach", "so_hieu": "05-KH/TU", "ngay_ban_hanh": "2025-08-15",
            "trich_yeu": None, "co_quan_ban_hanh": {"ten": "Ban Thường vụ Tỉnh ủy", "dia_ban": LC}},
           [{"relation": "thuc_hien", **PLAN_YB}], [
               task("II.1", [{"ten": "Sở Kế hoạch và Đầu tư", "dia_ban": LC}]),
               task("II.2", [{"ten": "Ủy ban nhân dân xã Bảo Hà", "dia_ban": LC}]),
           ]),
]


@pytest.fixture(scope="module")
def graph(neo4j_driver, tmp_path_factory):
    folder: Path = tmp_path_factory.mktemp("succession")
    paths = []
    for rec in RECORDS:
        paths.append(folder / rec["source"])
        paths[-1].write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    report = load(paths, neo4j_driver)
    assert report.errors == [] and report.refused == [] and report.documents == 3
    return neo4j_driver, paths


def ask(graph, name: str, **params) -> list[dict]:
    query = query_library.load(name)
    return query_library.run(graph[0], query, query.bind(params))


def cli_env(settings) -> dict:
    return {"NEO4J_URI": settings.uri, "NEO4J_USER": settings.user,
            "NEO4J_PASSWORD": settings.password}


@pytest.mark.parametrize(("ten", "dia_ban", "successor", "basis"), [
    ("Tỉnh ủy", YB, ("Tỉnh ủy", LC), "60-NQ/TW"),
    ("Sở Tài nguyên và Môi trường", NA, ("Sở Nông nghiệp và Môi trường", NA), "45/2025/NĐ-CP"),
    ("Ban Tuyên giáo Thành ủy", HCM, ("Ban Tuyên giáo và Dân vận Thành ủy", HCM), "121-KL/TW"),
])
def test_done_when_vbkg_query_successors(graph, neo4j_settings, ten, dia_ban, successor, basis):
    result = CliRunner(env=cli_env(neo4j_settings)).invoke(app, [
        "query", "successors", "--param", f"ten={ten}", "--param", f"diaBan={dia_ban}", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    first = rows[0]
    assert ((first["ten"], first["diaBan"]), first["buoc"]) == (successor, 1)
    assert first["canCuPhapLy"] == basis and first["ngayHieuLuc"] in ("2025-03-01", "2025-07-01")


def test_successors_chain_two_steps_with_dates_and_basis(graph):
    rows = ask(graph, "successors", ten="Sở Tài nguyên và Môi trường", diaBan=YB)
    assert [(r["ten"], r["diaBan"], r["buoc"], r["hienNay"]) for r in rows] == [
        ("Sở Nông nghiệp và Môi trường", YB, 1, False),
        ("Sở Nông nghiệp và Môi trường", LC, 2, True)]
    assert rows[1]["chuoi"] == [
        {"ten": "Sở Nông nghiệp và Môi trường", "diaBan": YB, "ngayHieuLuc": "2025-03-01",
         "canCuPhapLy": "45/2025/NĐ-CP"},
        {"ten": "Sở Nông nghiệp và Môi trường", "diaBan": LC, "ngayHieuLuc": "2025-07-01",
         "canCuPhapLy": "202/2025/QH15"}]


def test_a_task_to_a_merged_so_is_listed_under_its_successor(graph):
    own = ask(graph, "body_obligations", ten="Sở Khoa học và Công nghệ", diaBan=LC)
    inherited = ask(graph, "body_obligations", ten="Sở Khoa học và Công nghệ", diaBan=LC,
                    keThua="true")
    assert own == []
    (row,) = inherited
    assert (row["soHieu"], row["section"], row["keThua"]) == ("150-KH/TU", "III.1", True)
    assert (row["giaoCho"], row["giaoChoDiaBan"]) == ("Sở Thông tin và Truyền thông", YB)


def test_documents_before_and_after_the_merger_name_different_bodies(graph):
    rows = run_read(graph[0], """
        MATCH (d:VanBan {soHieu: $s})-[:GIAO]->(t:NhiemVu)<-[r:CHU_TRI]-(b:ToChuc)
        RETURN d.diaBan AS diaBan, b.ten AS ten, b.diaBan AS bodyDiaBan, r.keThuaTu AS asWritten
        ORDER BY diaBan, ten""", {"s": "05-KH/TU"})
    assert {"diaBan": LC, "ten": "Sở Tài chính", "bodyDiaBan": LC,
            "asWritten": body_key({"ten": "Sở Kế hoạch và Đầu tư", "dia_ban": LC})} in rows
    before = ask(graph, "body_obligations", ten="Sở Kế hoạch và Đầu tư", diaBan=YB)
    assert [(r["soHieu"], r["section"]) for r in before] == [("150-KH/TU", "III.2")]
    assert ask(graph, "body_obligations", ten="Sở Kế hoạch và Đầu tư", diaBan=LC) == []


def test_a_plan_of_the_former_province_and_of_its_successor_chain(graph):
    keys = run_read(graph[0], "MATCH (d:VanBan {soHieu: '05-KH/TU'}) RETURN d.key AS k")
    chain = ask(graph, "implements_chain", key=keys[0]["k"], keThua="true")
    assert [(r["soHieu"], r["diaBan"], r["depth"], r["ultimate"]) for r in chain] == [
        ("150-KH/TU", YB, 1, False), ("57-NQ/TW", "Trung ương", 2, True)]
    assert chain[0]["nayThuoc"] == [f"Ban Thường vụ Tỉnh ủy · {LC}"]
    assert ask(graph, "implements_chain", key=keys[0]["k"])[0]["nayThuoc"] is None
    # Lào Cai's bodies now carry Yên Bái's plan: asked for Lào Cai, it is found with keThua
    assert ask(graph, "who_implements", soHieu="150-KH/TU", diaBan=LC) == []
    (row,) = ask(graph, "who_implements", soHieu="150-KH/TU", diaBan=LC, keThua="true")
    assert (row["soHieu"], row["diaBan"], row["depth"]) == ("05-KH/TU", LC, 1)
    tree = ask(graph, "who_implements", soHieu="57-NQ/TW")
    assert [(r["soHieu"], r["depth"]) for r in tree] == [("150-KH/TU", 1), ("05-KH/TU", 2)]


def test_a_merged_bodys_gap_is_owed_by_its_successor(graph):
    assert ask(graph, "implementation_gaps", diaBan=LC) == []
    (gap,) = ask(graph, "implementation_gaps", diaBan=LC, keThua="true")
    assert (gap["ten"], gap["diaBan"], gap["thucHien"]) == ("Sở Khoa học và Công nghệ", LC,
                                                            "150-KH/TU")
    assert (gap["giaoCho"], gap["giaoChoDiaBan"]) == ("Sở Thông tin và Truyền thông", YB)
    (own,) = ask(graph, "implementation_gaps", diaBan=YB)
    assert own["ten"] == own["giaoCho"] == "Sở Thông tin và Truyền thông"


def test_profile_names_predecessors_and_successors_and_counts_inherited_work(graph):
    (lao_cai,) = ask(graph, "body_profile", ten="Ban Thường vụ Tỉnh ủy", diaBan=LC)
    assert {"ten": "Ban Thường vụ Tỉnh ủy", "diaBan": YB, "ngayHieuLuc": "2025-07-01",
            "canCuPhapLy": "60-NQ/TW", "loaiThayDoi": "HopNhat"} in lao_cai["tienThan"]
    assert lao_cai["soVanBan"] == 1
    (inherited,) = ask(graph, "body_profile", ten="Ban Thường vụ Tỉnh ủy", diaBan=LC,
                       keThua="true")
    assert inherited["soVanBan"] == 2 and set(inherited["banHanh"]) == {"05-KH/TU", "150-KH/TU"}
    (yen_bai,) = ask(graph, "body_profile", ten="Ban Thường vụ Tỉnh ủy", diaBan=YB)
    assert [(s["ten"], s["diaBan"]) for s in yen_bai["keThuaBoi"]] == [("Ban Thường vụ Tỉnh ủy",
                                                                        LC)]


def test_truc_thuoc_is_made_by_rules_with_their_evidence(graph):
    rows = run_read(graph[0], """
        MATCH (b:ToChuc)-[r:TRUC_THUOC]->(p:ToChuc)
        WHERE b.diaBan = $lc AND b.ten IN ['Sở Tài chính', 'Ủy ban nhân dân xã Bảo Hà',
                                           'Ban Tổ chức Tỉnh ủy']
        RETURN b.ten AS ten, p.ten AS parent, r.rule AS rule, r.sources AS sources,
               r.tuNgay AS tuNgay, r.canCuPhapLy AS basis ORDER BY ten""", {"lc": LC})
    assert rows == [
        {"ten": "Ban Tổ chức Tỉnh ủy", "parent": "Tỉnh ủy", "rule": "hierarchy:co-quan-cua-cap-uy",
         "sources": ["hierarchy.toml"], "tuNgay": None, "basis": None},
        {"ten": "Sở Tài chính", "parent": "Ủy ban nhân dân", "rule": "hierarchy:so-thuoc-ubnd-tinh",
         "sources": ["hierarchy.toml"], "tuNgay": None, "basis": None},
        {"ten": "Ủy ban nhân dân xã Bảo Hà", "parent": "Ủy ban nhân dân",
         "rule": "hierarchy:ubnd-xa-thuoc-tinh", "sources": ["hierarchy.toml"],
         "tuNgay": "2025-07-01", "basis": "72/2025/QH15"}]


def test_ke_thua_runs_from_successor_to_predecessor_with_its_event(graph):
    (row,) = run_read(graph[0], """
        MATCH (s:ToChuc {ten: 'Tỉnh ủy', diaBan: $lc})-[k:KE_THUA]->(p:ToChuc)
        RETURN p.diaBan AS p, k.ngayHieuLuc AS day, k.canCuPhapLy AS basis, k.suKien AS event,
               k.rule AS rule, k.sources AS sources""", {"lc": LC})
    assert row == {"p": YB, "day": "2025-07-01", "basis": "60-NQ/TW",
                   "event": f"nq202|{LC}|Tỉnh ủy", "rule": "succession:nq202",
                   "sources": ["succession.toml"]}


def test_loading_again_changes_nothing(graph):
    driver, paths = graph
    state = run_read(driver, "MATCH (n) RETURN count(n) AS n"), run_read(
        driver, "MATCH ()-[r]->() RETURN count(r) AS r, "
                "count(CASE WHEN type(r) = 'KE_THUA' THEN 1 END) AS k")
    assert load(paths, driver).errors == []
    assert (run_read(driver, "MATCH (n) RETURN count(n) AS n"), run_read(
        driver, "MATCH ()-[r]->() RETURN count(r) AS r, "
                "count(CASE WHEN type(r) = 'KE_THUA' THEN 1 END) AS k")) == state
    assert state[1][0]["k"] > 1500


def test_a_changed_succession_is_written_again_an_unchanged_one_is_not(graph):
    driver = graph[0]
    gone = "MATCH (:ToChuc {ten: 'Tỉnh ủy', diaBan: $lc})-[k:KE_THUA]->() "
    count = "MATCH (:ToChuc {ten: 'Tỉnh ủy', diaBan: $lc})-[k:KE_THUA]->() RETURN count(k) AS n"
    driver.execute_query(gone + "DELETE k", lc=LC)
    assert write_succession(driver) is False  # the graph says it holds this data: no write
    assert run_read(driver, count, {"lc": LC}) == [{"n": 0}]
    driver.execute_query("MATCH (n:Nguon {key: $k}) SET n.sha256 = 'older data'",
                         k="data/succession.toml")
    assert write_succession(driver) is True
    assert run_read(driver, count, {"lc": LC}) == [{"n": 1}]


def test_body_page_shows_predecessors_and_successors(graph):
    with TestClient(create_app(driver=graph[0])) as client:
        profile = client.get(f"/api/bodies/{LC}/Sở Khoa học và Công nghệ").json()
        assert {(s["ten"], s["diaBan"]) for s in profile["tienThan"]} == {
            ("Sở Thông tin và Truyền thông", LC), ("Sở Khoa học và Công nghệ", YB)}
        tasks = client.get(f"/api/bodies/{LC}/Sở Khoa học và Công nghệ/obligations",
                           params={"keThua": "true"}).json()["items"]
        assert [t["giaoCho"] for t in tasks] == ["Sở Thông tin và Truyền thông"]
        page = client.get(f"/bodies/{YB}/Sở Thông tin và Truyền thông").text
        assert "Được kế thừa bởi" in page and "Sở Khoa học và Công nghệ" in page
        assert "45/2025/NĐ-CP" in page
        inherited = client.get(f"/bodies/{LC}/Sở Khoa học và Công nghệ",
                               params={"keThua": "true"}).text
        assert "Kế thừa từ" in inherited and "III.1" in inherited
