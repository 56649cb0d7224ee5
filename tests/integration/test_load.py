"""Loading into the real Neo4j: entity resolution, stubs, idempotence, failed batches."""
import copy
import itertools
import json
from pathlib import Path

import pytest
from shared_paths import GOLD, REPO
from typer.testing import CliRunner
from vbkg.loaders.cli.app import app
from vbkg.loaders.extract import extract
from vbkg.loaders.graph import rdf
from vbkg.loaders.graph.rows import ROOT_LABELS, map_graph
from vbkg.loaders.load import load
from vbkg.loaders.read.inputs import input_files
from vbkg.loaders.read.source import read_path
from vbkg.loaders.store import writer
from vbkg.loaders.store.queries import run_read

pytestmark = pytest.mark.integration

SEED = {p.name[:3]: p for p in GOLD.glob("*.json")}
SEED_TEXT = {p.name[:3]: p for p in (REPO / "examples" / "seeds").glob("*.txt")}
COPIES = ("000", "002", "004")  # 88-KH/TU twice (000 complete, 002 truncated), the article
# Nghị quyết 05-NQ/TU itself, as a reader would take it from its own text (000:20-22).
NQ05 = {
    "source": "05-NQ-TU.txt", "same_as": [],
    "document": {"loai": "NghiQuyet", "so_hieu": "05-NQ/TU", "ngay_ban_hanh": "2021-09-15",
                 "co_quan_ban_hanh": {"ten": "Thành ủy", "dia_ban": "Thành phố Hồ Chí Minh"},
                 "trich_yeu": "Về Kế hoạch tổng thể phòng, chống dịch COVID-19", "nguoi_ky": None},
    "references": [], "tasks": [],
}


def cli_env(settings) -> dict:
    """The CLI reads its Neo4j from the environment: point it at the test server."""
    return {"NEO4J_URI": settings.uri, "NEO4J_USER": settings.user,
            "NEO4J_PASSWORD": settings.password}


def write_record(folder: Path, record: dict) -> Path:
    path = folder / (record["source"].rsplit(".", 1)[0] + ".json")
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return path


def graph_state(driver) -> tuple:
    """Everything a reload must not change: nodes with properties, relationships."""
    nodes = run_read(driver, "MATCH (n) RETURN labels(n) AS l, properties(n) AS p")
    rels = run_read(driver, "MATCH (a)-[r]->(b) RETURN a.key AS a, type(r) AS t, b.key AS b, "
                            "properties(r) AS p")
    canon = sorted(json.dumps(x, ensure_ascii=False, sort_keys=True, default=str)
                   for x in nodes + rels)
    return len(nodes), len(rels), canon


def documents_numbered(driver, so_hieu: str) -> list[dict]:
    return run_read(driver, "MATCH (d:VanBan {soHieu: $s}) RETURN d.key AS key, d.stub AS stub, "
                            "d.sources AS sources, "
                            "COUNT { (d)<-[:THUC_HIEN]-() } AS implementers", {"s": so_hieu})


def test_copies_000_and_002_are_one_document_with_two_sources(clean_db, neo4j_driver):
    report = load([SEED["000"], SEED["002"]], neo4j_driver)
    assert report.errors == [] and report.documents == 2
    (plan,) = documents_numbered(neo4j_driver, "88-KH/TU")
    assert plan["stub"] is False
    assert sorted(plan["sources"]) == ["000_80787e15ab390cc6.txt", "002_1b3a01f0590b9bf1.txt"]


@pytest.mark.parametrize("order", list(itertools.permutations(("000", "004", "05"))))
def test_stubs_merge_into_the_document_whatever_the_load_order(clean_db, neo4j_driver,
                                                               tmp_path, order):
    files = {"000": SEED["000"], "004": SEED["004"], "05": write_record(tmp_path, NQ05)}
    for name in order:  # one load per file: each arrives in its own run
        assert load([files[name]], neo4j_driver, validate=False).errors == []
    (nq,) = documents_numbered(neo4j_driver, "05-NQ/TU")
    assert nq["stub"] is False and nq["sources"] == ["05-NQ-TU.txt"]
    assert nq["implementers"] == 2  # the plan 88-KH/TU (dated reference) and the article (undated)


def plan_tasks(driver) -> list[dict]:
    return run_read(driver, "MATCH (d:VanBan {soHieu: '88-KH/TU'})-[:GIAO]->(t:NhiemVu) "
                            "RETURN t.section AS section, t.source AS source ORDER BY t.key")


def expected_tasks(record: dict) -> list[dict]:
    """The tasks of one record as plan_tasks reads them back (task keys end in /{n})."""
    numbered = sorted(enumerate(record["tasks"], start=1), key=lambda it: str(it[0]))
    return [{"section": t.get("section"), "source": record["source"]} for _, t in numbered]


def assert_one_resolution_05(driver) -> None:
    """05-NQ/TU is cited with its date (000, 002) and without (004): one node, two citers."""
    (nq,) = documents_numbered(driver, "05-NQ/TU")
    assert nq["key"].endswith("|2020-2025")
    assert nq["implementers"] == 2


@pytest.mark.parametrize("order", list(itertools.permutations(COPIES)))
def test_two_copies_keep_the_tasks_of_the_better_one_in_any_load_order(clean_db, neo4j_driver,
                                                                      order):
    for name in order:  # one load per file: each arrives in its own run
        assert load([SEED[name]], neo4j_driver).errors == []
    (plan,) = documents_numbered(neo4j_driver, "88-KH/TU")
    assert sorted(plan["sources"]) == ["000_80787e15ab390cc6.txt", "002_1b3a01f0590b9bf1.txt"]
    best = json.loads(SEED["000"].read_text(encoding="utf-8"))
    assert plan_tasks(neo4j_driver) == expected_tasks(best)
    assert_one_resolution_05(neo4j_driver)


def test_a_reload_with_fewer_tasks_leaves_no_stale_task(clean_db, neo4j_driver, tmp_path):
    record = json.loads(SEED["000"].read_text(encoding="utf-8"))
    assert load([SEED["000"]], neo4j_driver).errors == []
    record["tasks"] = record["tasks"][1:]  # a better extraction merged the first task away
    assert load([write_record(tmp_path, record)], neo4j_driver).errors == []
    assert plan_tasks(neo4j_driver) == expected_tasks(record)


@pytest.mark.parametrize("order", list(itertools.permutations(COPIES)))
def test_seed_texts_through_the_cli_keep_000s_tasks_in_any_order(clean_db, neo4j_driver,
                                                                 neo4j_settings, order):
    runner = CliRunner(env=cli_env(neo4j_settings))
    for name in order:
        result = runner.invoke(app, ["load", str(SEED_TEXT[name])])
        assert result.exit_code == 0, result.output
    truncated = extract(read_path(SEED_TEXT["002"]))
    assert truncated["tasks"], "002 must have tasks of its own for this test to mean anything"
    assert plan_tasks(neo4j_driver) == expected_tasks(extract(read_path(SEED_TEXT["000"])))
    assert_one_resolution_05(neo4j_driver)
    before = graph_state(neo4j_driver)  # and loading all of them again changes nothing
    result = runner.invoke(app, ["load", *(str(SEED_TEXT[n]) for n in reversed(order))])
    assert result.exit_code == 0, result.output
    assert graph_state(neo4j_driver) == before


def test_the_seeds_folder_in_one_batch(clean_db, neo4j_driver, neo4j_settings):
    runner = CliRunner(env=cli_env(neo4j_settings))
    result = runner.invoke(app, ["load", str(REPO / "examples" / "seeds")])
    assert result.exit_code == 0, result.output
    assert plan_tasks(neo4j_driver) == expected_tasks(extract(read_path(SEED_TEXT["000"])))
    assert_one_resolution_05(neo4j_driver)
    result = runner.invoke(app, ["query", "who-implements", "05-NQ/TU", "--json"])
    assert result.exit_code == 0, result.output
    assert "88-KH/TU" in {r["soHieu"] for r in json.loads(result.output)}


# Two Nghị quyết 18-NQ/TW (khóa XII, 2017; khóa XIII, 2022), cited with their dates.
TWO_18 = {
    "source": "cites-both-18.txt", "same_as": [],
    "document": {"loai": "KeHoach", "so_hieu": "7-KH/TU", "ngay_ban_hanh": "2023-01-10",
                 "co_quan_ban_hanh": {"ten": "Ban Thường vụ Thành ủy",
                                      "dia_ban": "Thành phố Hồ Chí Minh"},
                 "trich_yeu": None, "nguoi_ky": None},
    "references": [{"relation": "can_cu", "loai": "NghiQuyet", "so_hieu": "18-NQ/TW",
                    "ngay_ban_hanh": day, "co_quan_ban_hanh": {"ten": "Ban Chấp hành Trung ương",
                                                               "dia_ban": "Trung ương"}}
                   for day in ("2017-10-25", "2022-06-16")],
    "tasks": [],
}


@pytest.mark.parametrize("first", ["004", "cites"])
def test_an_undated_stub_with_two_candidates_stays_apart(clean_db, neo4j_driver, tmp_path,
                                                         first):
    files = {"004": SEED["004"], "cites": write_record(tmp_path, TWO_18)}
    for name in (first, *(n for n in files if n != first)):
        assert load([files[name]], neo4j_driver, validate=False).errors == []
    keys = sorted(d["key"] for d in run_read(  # 004 cites it as "Nghị quyết số 18" (no số hiệu)
        neo4j_driver, "MATCH (d:VanBan {khoaMotPhan: $pk}) RETURN d.key AS key",
        {"pk": "P|Trung ương|TW|NQ|18"}))
    assert [k.rsplit("|", 1)[1] for k in keys] == ["?", "XII", "XIII"]


def test_second_load_changes_nothing(clean_db, neo4j_driver):
    paths = input_files([str(GOLD)])
    load(paths, neo4j_driver)
    before = graph_state(neo4j_driver)
    report = load(paths, neo4j_driver, batch_size=2)
    assert report.errors == []
    assert graph_state(neo4j_driver) == before


def test_schema_exists_before_the_first_write(clean_db, neo4j_driver):
    writer.ensure_schema(neo4j_driver)
    constraints = {r["labelsOrTypes"][0] for r in run_read(
        neo4j_driver, "SHOW CONSTRAINTS YIELD labelsOrTypes, type WHERE type = 'UNIQUENESS' "
                      "RETURN labelsOrTypes")}
    assert constraints >= set(ROOT_LABELS)
    (fulltext,) = run_read(neo4j_driver, "SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, "
                                         "properties RETURN name, labelsOrTypes, properties")
    assert set(fulltext["labelsOrTypes"]) == {"VanBan", "NhiemVu"}
    assert {"trichYeu", "noiDung"} <= set(fulltext["properties"])


def test_a_failing_batch_leaves_nothing_and_is_reported(clean_db, neo4j_driver):
    record = json.loads(SEED["000"].read_text(encoding="utf-8"))
    good = map_graph(rdf.record_to_graph(record))
    bad = copy.deepcopy(good)
    task = next(n for n in bad.nodes.values() if n.labels[0] == "NhiemVu")
    task.props["noiDung"] = {"a map": "is not a property value"}
    writer.ensure_schema(neo4j_driver)
    report = writer.write_batches(neo4j_driver, [bad])
    assert report.batches == 0
    assert report.failures and report.failures[0].documents == ["000_80787e15ab390cc6.txt"]
    assert run_read(neo4j_driver, "MATCH (n) RETURN count(n) AS n") == [{"n": 0}]
    assert writer.write_batches(neo4j_driver, [good]).batches == 1


def test_bodies_resolve_by_name_and_jurisdiction_with_their_committee(clean_db, neo4j_driver):
    load([SEED["000"], SEED["001"]], neo4j_driver)
    # the seeds' tasks name it in two cities (the succession of bodies names it in every city)
    rows = run_read(neo4j_driver,
                    "MATCH (b:ToChuc {ten: 'Ban Tổ chức Thành ủy'})-[:TRUC_THUOC]->(p) "
                    "WHERE EXISTS { (b)-[:CHU_TRI|PHOI_HOP]->() } "
                    "RETURN b.diaBan AS diaBan, p.ten AS parent ORDER BY diaBan")
    assert rows == [{"diaBan": "Thành phố Hà Nội", "parent": "Thành ủy"},
                    {"diaBan": "Thành phố Hồ Chí Minh", "parent": "Thành ủy"}]


def test_cli_load_reads_paths_from_stdin_and_query_answers(clean_db, neo4j_settings):
    runner = CliRunner(env=cli_env(neo4j_settings))
    stdin = f"{SEED['000']}\n{SEED['004']}\n"
    result = runner.invoke(app, ["load", "-", "--progress"], input=stdin)
    assert result.exit_code == 0, result.output
    assert "2 documents from 2 files" in result.output
    result = runner.invoke(app, ["query", "who-implements", "05-NQ/TU", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert "88-KH/TU" in {r["soHieu"] for r in rows}


def test_cli_load_names_a_missing_file(clean_db, neo4j_settings):
    result = CliRunner(env=cli_env(neo4j_settings)).invoke(app, ["load", "/no/such/file.txt"])
    assert result.exit_code == 2
    assert "/no/such/file.txt" in result.output
