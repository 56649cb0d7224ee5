"""`bulk_load`: an offline neo4j-admin import builds the very graph the incremental writer
does, refuses a graph that holds anything, and leaves the schema and the stubs as the
writer would. It stops and restarts its server, so this module runs its own Neo4j."""
import importlib.util
import json
import sys
from contextlib import contextmanager
from pathlib import Path

import neo4j
import pytest
from shared_paths import CORPUS, GOLD, REPO, required
from typer.testing import CliRunner
from vbkg.loaders.cli.app import app
from vbkg.loaders.graph.rows import GraphRows, NodeRow, RelRow
from vbkg.loaders.load import bulk_load, load
from vbkg.loaders.store import queries, server
from vbkg.loaders.store.bulk import BulkImportError, rebuild
from vbkg.loaders.store.queries import run_read

pytestmark = pytest.mark.integration

SCRIPT = REPO / "benchmarks" / "gen_corpus.py"
spec = importlib.util.spec_from_file_location("gen_corpus", SCRIPT)
gen_corpus = importlib.util.module_from_spec(spec)
sys.modules.setdefault("gen_corpus", gen_corpus)
spec.loader.exec_module(gen_corpus)


@pytest.fixture(scope="module")
def own_server(tmp_path_factory, free_ports):
    """A managed Neo4j of this module's own (bulk_load stops and restarts it)."""
    home = server.default_dirs().home
    dirs = server.InstallDirs(home=home, data_dir=tmp_path_factory.mktemp("neo4j-bulk"))
    try:
        server.install(dirs)
        bolt_port, http_port = free_ports(2)
        server.start(dirs, bolt_port=bolt_port, http_port=http_port,
                           memory=server.SMALL_MEMORY)
    except server.ServerError as exc:
        pytest.fail(f"cannot start the bulk-load test Neo4j: {exc}", pytrace=False)
    try:
        yield dirs
    finally:
        server.stop(dirs)


@contextmanager
def fresh_driver(dirs):
    """A new driver each time: one opened before a bulk load holds stale bookmarks."""
    uri = f"bolt://127.0.0.1:{server.configured_ports(dirs)[0]}"
    auth = (server.USER, server.read_password(dirs))
    with neo4j.GraphDatabase.driver(uri, auth=auth) as driver:
        yield driver


@pytest.fixture
def empty(own_server):
    """The module's server with nothing in its graph."""
    with fresh_driver(own_server) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
    return own_server


def graph_state(driver) -> tuple:
    """Every node with its labels and properties, every relationship with its ends and
    properties, canonical (labels are a set: the order Neo4j lists them in is its own)."""
    nodes = run_read(driver, "MATCH (n) RETURN labels(n) AS l, properties(n) AS p")
    rels = run_read(driver, "MATCH (a)-[r]->(b) RETURN a.key AS a, type(r) AS t, b.key AS b, "
                            "properties(r) AS p")
    for row in nodes + rels:
        if "l" in row:
            row["l"] = sorted(row["l"])
    canon = sorted(json.dumps(x, ensure_ascii=False, sort_keys=True, default=str)
                   for x in nodes + rels)
    return len(nodes), len(rels), canon


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[Path]:
    """Gold records, the seed texts, the real corpus texts and 300 synthetic records in one
    .jsonl (two chunks of work)."""
    synthetic = tmp_path_factory.mktemp("synthetic") / "synthetic.jsonl"
    with synthetic.open("w", encoding="utf-8") as out:
        for record in gen_corpus.records(300, seed=11, with_text=False):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    gold = sorted(required(GOLD).glob("*.json"))
    seeds = sorted((REPO / "examples" / "seeds").glob("*.txt"))
    corpus = sorted(required(CORPUS).glob("*.txt"))
    assert gold and seeds and corpus
    return [*gold, *seeds, *corpus, synthetic]


@pytest.mark.parametrize("order", ["forward", "reversed"])
def test_bulk_load_builds_the_graph_the_writer_builds(empty, inputs, order):
    paths = inputs if order == "forward" else list(reversed(inputs))
    bulk = bulk_load(paths, empty, jobs=2, validate=False)
    assert bulk.errors == []
    assert bulk.documents > 300 and bulk.stubs_merged > 0
    with fresh_driver(empty) as driver:
        built = graph_state(driver)
        driver.execute_query("MATCH (n) DETACH DELETE n")
    with fresh_driver(empty) as driver:
        written = load(paths, driver, batch_size=10**6, validate=False)
        assert written.errors == []
        assert (written.documents, written.stubs_merged) == (bulk.documents, bulk.stubs_merged)
        expected = graph_state(driver)
    assert built[:2] == expected[:2]
    missing = [x for x in expected[2] if x not in set(built[2])][:5]
    extra = [x for x in built[2] if x not in set(expected[2])][:5]
    assert (missing, extra) == ([], [])
    assert built == expected


def test_bulk_load_refuses_a_graph_that_holds_anything(empty):
    with fresh_driver(empty) as driver:
        assert load([GOLD / "000_80787e15ab390cc6.json"], driver).errors == []
        before = graph_state(driver)
    assert before[0] > 0
    with pytest.raises(BulkImportError, match=f"holds {before[0]:,} nodes"):
        bulk_load(sorted(GOLD.glob("*.json")), empty, validate=False)
    with fresh_driver(empty) as driver:
        assert graph_state(driver) == before


def test_after_bulk_load_the_schema_queries_and_stubs_are_the_writers(empty):
    paths = [*sorted(GOLD.glob("*.json")), *sorted((REPO / "examples" / "seeds").glob("*.txt"))]
    assert bulk_load(paths, empty, validate=False).errors == []
    with fresh_driver(empty) as driver:
        constraints = {r["name"] for r in run_read(driver, "SHOW CONSTRAINTS YIELD name")}
        assert {"vanban_key", "tochuc_key", "nhiemvu_key"} <= constraints
        driver.execute_query("CALL db.awaitIndexes(120)")
        (text,) = run_read(driver, "SHOW INDEXES YIELD name, type, state "
                                   "WHERE name = 'vbkg_search' RETURN type, state")
        assert text == {"type": "FULLTEXT", "state": "ONLINE"}
        query = queries.load("who_implements")
        rows = queries.run(driver, query, query.bind({}, "05-NQ/TU"))
        assert ("88-KH/TU", 1) in {(r["soHieu"], r["depth"]) for r in rows}
        stubs = run_read(driver, "MATCH (n:VanBan {stub: true}) RETURN n.sources AS s")
        assert stubs and all(r["s"] == [] for r in stubs)
        hits = run_read(driver, "CALL db.index.fulltext.queryNodes('vbkg_search', 'COVID') "
                                "YIELD node RETURN count(node) AS n")
        assert hits[0]["n"] > 0


def test_cli_bulk_needs_the_managed_neo4j(empty):
    with fresh_driver(empty) as driver:
        password = server.read_password(empty)
        uri = f"bolt://127.0.0.1:{server.configured_ports(empty)[0]}"
        env = {"NEO4J_URI": uri, "NEO4J_USER": server.USER, "NEO4J_PASSWORD": password}
        result = CliRunner(env=env).invoke(app, ["load", "--bulk", str(GOLD)])
        assert result.exit_code == 1, result.output
        said = " ".join(result.output.split())  # rich wraps the line at the console width
        assert said.startswith("error: --bulk") and "managed Neo4j" in said
        assert "NEO4J_URI" in said and said.count("error:") == 1
        assert run_read(driver, "MATCH (n) RETURN count(n) AS n") == [{"n": 0}]


HCM = "Thành phố Hồ Chí Minh"


def plan(source: str, so_hieu: str, cited: str | None) -> dict:
    """A plan implementing Nghị quyết 05-NQ/TU, cited with the date `cited` (or none)."""
    issuer = {"ten": "Thành ủy", "dia_ban": HCM}
    return {"source": source, "same_as": [],
            "document": {"loai": "KeHoach", "so_hieu": so_hieu, "ngay_ban_hanh": "2022-01-10",
                         "co_quan_ban_hanh": issuer, "trich_yeu": "Thực hiện Nghị quyết 05",
                         "nguoi_ky": None},
            "references": [{"relation": "thuc_hien", "loai": "NghiQuyet", "so_hieu": "05-NQ/TU",
                            "so": None, "ten_goi": None, "ngay_ban_hanh": cited,
                            "trich_yeu": None, "co_quan_ban_hanh": issuer}],
            "tasks": []}


def test_a_document_a_stub_of_another_term_and_an_undated_stub_settle_as_the_writer(
        empty, tmp_path):
    """05-NQ/TU loaded (term 2020-2025), cited with a date of the previous term (a dated
    stub: it becomes the document) and without a date (`|?`: two candidates at first)."""
    nq05 = plan("nq05.txt", "05-NQ/TU", None)
    nq05["document"].update(loai="NghiQuyet", ngay_ban_hanh="2021-09-15")
    nq05["references"] = []
    records = [nq05, plan("a.txt", "10-KH/TU", "2019-05-01"), plan("b.txt", "11-KH/TU", None)]
    paths = []
    for record in records:
        paths.append(tmp_path / f"{record['source']}.json")
        paths[-1].write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    with fresh_driver(empty) as driver:
        written = load(paths, driver, batch_size=10**6, validate=False)
        assert written.errors == []
        expected = graph_state(driver)
        driver.execute_query("MATCH (n) DETACH DELETE n")
    bulk = bulk_load(paths, empty, validate=False)
    assert bulk.errors == [] and bulk.stubs_merged == written.stubs_merged
    with fresh_driver(empty) as driver:
        assert graph_state(driver) == expected


def test_one_batch_settles_stubs_as_one_run_per_file_does(empty, tmp_path):
    """The writer (which bulk_load copies) must not depend on batching: three files loaded
    one per run leave one 05-NQ/TU that both plans implement; in one batch the undated
    stub `…|?` sees the dated stub of the other term as a second candidate and stays."""
    nq05 = plan("nq05.txt", "05-NQ/TU", None)
    nq05["document"].update(loai="NghiQuyet", ngay_ban_hanh="2021-09-15")
    nq05["references"] = []
    paths = []
    for record in (nq05, plan("a.txt", "10-KH/TU", "2019-05-01"), plan("b.txt", "11-KH/TU", None)):
        paths.append(tmp_path / f"{record['source']}.json")
        paths[-1].write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    with fresh_driver(empty) as driver:
        for path in paths:
            assert load([path], driver, validate=False).errors == []
        one_per_run = graph_state(driver)
        numbered = run_read(driver, "MATCH (d:VanBan {soHieu: '05-NQ/TU'}) RETURN d.stub AS stub, "
                                    "COUNT { (d)<-[:THUC_HIEN]-() } AS implementers")
        assert numbered == [{"stub": False, "implementers": 2}]
        driver.execute_query("MATCH (n) DETACH DELETE n")
        assert load(paths, driver, batch_size=10**6, validate=False).errors == []
        assert graph_state(driver) == one_per_run


def test_a_failed_import_leaves_an_empty_database_and_a_running_server(empty):
    """A relationship to a node the rows do not hold makes the strict import fail: the
    error is raised, and Neo4j runs again on its ports holding nothing: not part of the
    rows, not what the replaced database held."""
    with fresh_driver(empty) as driver:
        assert load([GOLD / "000_80787e15ab390cc6.json"], driver).errors == []
    rows = GraphRows()
    rows.add_node(NodeRow("P|X|TU|KH|1|?", ("VanBan",), {"soHieu": "1-KH/TU"},
                          sources=["a.txt"]))
    rows.add_rel(RelRow("THUC_HIEN", ("VanBan", "P|X|TU|KH|1|?"), ("VanBan", "not loaded")))
    with pytest.raises(server.ServerError, match="import"):
        rebuild(empty, rows)
    assert server.running_pid(empty) is not None
    with fresh_driver(empty) as driver:
        assert graph_state(driver)[:2] == (0, 0)
