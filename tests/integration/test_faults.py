"""A load survives what a real machine does to it: junk files, a dying server, a killed
loader, a second loader. Neo4j never holds half a document, and loading again converges."""
import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from download_folder import assert_one_line_per_bad_file, download_folder
from neo4j import GraphDatabase
from shared_paths import REPO
from typer.testing import CliRunner
from vbkg.loaders.cli.app import app
from vbkg.loaders.store import server
from vbkg.loaders.store.config import Settings
from vbkg.loaders.store.queries import run_read

pytestmark = pytest.mark.integration

VBKG = [str(Path(sys.executable).parent / "vbkg")]
DOCS = 400  # synthetic documents, 10 per transaction: 40 commits, time to interrupt
spec = importlib.util.spec_from_file_location("gen_corpus", REPO / "benchmarks" / "gen_corpus.py")
gen_corpus = importlib.util.module_from_spec(spec)
sys.modules["gen_corpus"] = gen_corpus
spec.loader.exec_module(gen_corpus)


def cli_env(settings) -> dict:
    return {"NEO4J_URI": settings.uri, "NEO4J_USER": settings.user,
            "NEO4J_PASSWORD": settings.password}


@pytest.fixture(scope="module")
def records_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("records") / "records.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for record in gen_corpus.records(DOCS, seed=12, with_text=False):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def start_load(records: Path, settings, *extra: str) -> subprocess.Popen:
    # --no-validate: SHACL has no part in faults, and would make each load minutes long
    return subprocess.Popen([*VBKG, "load", str(records), "--batch-size", "10", "--no-validate",
                             *extra],
                            env={**os.environ, **cli_env(settings)}, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def loaded_documents(driver) -> int:
    return run_read(driver, "MATCH (d:VanBan) WHERE NOT d.stub RETURN count(d) AS n")[0]["n"]


def wait_for_documents(driver, count: int, loader: subprocess.Popen) -> None:
    deadline = time.monotonic() + 300
    while loaded_documents(driver) < count:
        assert loader.poll() is None, loader.communicate()
        assert time.monotonic() < deadline, "the load committed nothing in 5 minutes"
        time.sleep(0.2)


def tasks_per_document(driver) -> dict[str, int]:
    """Each loaded document's task count: a document is written whole or not at all."""
    rows = run_read(driver, "MATCH (d:VanBan) WHERE NOT d.stub "
                            "RETURN d.key AS key, COUNT { (d)-[:GIAO]->() } AS tasks")
    return {row["key"]: row["tasks"] for row in rows}


def graph_state(driver) -> list[str]:
    nodes = run_read(driver, "MATCH (n) RETURN labels(n) AS l, properties(n) AS p")
    rels = run_read(driver, "MATCH (a)-[r]->(b) RETURN a.key AS a, type(r) AS t, b.key AS b, "
                            "properties(r) AS p")
    return sorted(json.dumps(x, ensure_ascii=False, sort_keys=True, default=str)
                  for x in nodes + rels)


@pytest.fixture(scope="module")
def reference(neo4j_driver, neo4j_settings, records_file):
    """The graph one uninterrupted load of the records builds (and its task counts)."""
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    loader = start_load(records_file, neo4j_settings)
    out, err = loader.communicate(timeout=900)
    assert loader.returncode == 0, err
    return graph_state(neo4j_driver), tasks_per_document(neo4j_driver)


def test_a_download_folder_loads_the_seeds_and_names_each_bad_file(clean_db, neo4j_settings,
                                                                   tmp_path):
    folder = download_folder(tmp_path / "downloads")
    result = CliRunner(env=cli_env(neo4j_settings)).invoke(app, ["load", str(folder)])
    assert result.exit_code == 1
    assert_one_line_per_bad_file(result.output)
    assert "5 documents from 9 files" in result.output and "; 4 errors" in result.output
    sources = run_read(clean_db, "MATCH (d:VanBan) WHERE NOT d.stub UNWIND d.sources AS s "
                                 "RETURN DISTINCT s")
    assert len(sources) == 5


def test_kill_9_of_the_loader_leaves_whole_documents_and_a_reload_converges(
        reference, clean_db, neo4j_settings, records_file):
    graph, tasks = reference
    loader = start_load(records_file, neo4j_settings)
    wait_for_documents(clean_db, 30, loader)
    loader.send_signal(signal.SIGKILL)
    loader.wait()
    partial = tasks_per_document(clean_db)
    assert 30 <= len(partial) < len(tasks)
    assert partial == {key: tasks[key] for key in partial}
    again = start_load(records_file, neo4j_settings)
    _, err = again.communicate(timeout=900)
    assert again.returncode == 0, err
    assert graph_state(clean_db) == graph


def drop_schema(driver) -> None:
    """Back to a fresh database: no constraints, no indexes (the lookup indexes kept)."""
    for row in run_read(driver, "SHOW CONSTRAINTS YIELD name"):
        driver.execute_query(f"DROP CONSTRAINT `{row['name']}`")
    for row in run_read(driver, "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'"):
        driver.execute_query(f"DROP INDEX `{row['name']}`")


def test_two_loaders_at_once_on_a_fresh_database_both_succeed_without_duplicates(
        reference, clean_db, neo4j_settings, records_file):
    graph, _ = reference
    drop_schema(clean_db)
    loaders = [start_load(records_file, neo4j_settings) for _ in range(2)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        errors = list(pool.map(lambda loader: loader.communicate(timeout=900)[1], loaders))
    assert [loader.returncode for loader in loaders] == [0, 0], errors
    assert graph_state(clean_db) == graph


@pytest.fixture
def own_server(tmp_path, free_ports):
    """A managed Neo4j of this test's own, to kill."""
    dirs = server.InstallDirs(home=server.default_dirs().home, data_dir=tmp_path / "db")
    server.install(dirs)
    ports = free_ports(2)
    status = server.start(dirs, *ports, memory=server.SMALL_MEMORY)
    settings = Settings(uri=status.bolt_uri, user=server.USER,
                        password=server.read_password(dirs), managed=True)
    yield dirs, ports, settings
    server.stop(dirs)


def test_kill_9_of_neo4j_mid_load_says_how_far_it_got_and_a_reload_converges(
        reference, own_server, records_file):
    graph, tasks = reference
    dirs, ports, settings = own_server
    with GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password)) as driver:
        loader = start_load(records_file, settings)
        wait_for_documents(driver, 30, loader)
        os.kill(server.running_pid(dirs), signal.SIGKILL)
    out, err = loader.communicate(timeout=180)
    assert loader.returncode == 1
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert "Neo4j stopped answering" in err and "documents committed" in err
    server.start(dirs, *ports, memory=server.SMALL_MEMORY)
    with GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password)) as driver:
        partial = tasks_per_document(driver)
        assert 30 <= len(partial) < len(tasks)
        assert partial == {key: tasks[key] for key in partial}
        again = start_load(records_file, settings)
        _, err = again.communicate(timeout=900)
        assert again.returncode == 0, err
        assert graph_state(driver) == graph
