"""Load throughput: our loader against rdflib-neo4j on the same RDF graph, side by side.

For each size, the generated corpus (benchmarks/gen_corpus.py, records without text) is
mapped to RDF by loaders/rdf.py one document at a time; both loaders then take exactly
those triples into an emptied database. RDF building is timed apart and left out of both
loaders' figures. Ours: graph/rows.py + store/writer.py (batched UNWIND … MERGE, one transaction
per batch). Theirs: rdflib-neo4j's Neo4jStore (Neo4j Labs), batching on. Then a re-load of
the unchanged corpus with ours. rdflib-neo4j is capped at --rdflib-cap documents and its
time extrapolated linearly beyond that (said so in the table).

`--pipeline` loads records → Neo4j through the MERGE writer; `--bulk` times `vbkg load
--bulk` (loaders/load.bulk_load: records → rows in worker processes, settled in memory,
CSV, neo4j-admin import, restart, schema) on a fresh managed Neo4j of its own, from a
.jsonl of records written beforehand (not timed), SHACL off as in the other runs.

It EMPTIES the database it is given: point it at a Neo4j of its own.

    NEO4J_URI=bolt://127.0.0.1:7697 NEO4J_PASSWORD=… \\
      python benchmarks/load.py --sizes 1000 10000 100000 --out benchmarks/results/load.md
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import neo4j
from rdflib import Graph

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_corpus  # noqa: E402
from vbkg.loaders.graph import rdf
from vbkg.loaders.graph.rows import GraphRows, map_graph  # noqa: E402
from vbkg.loaders.store import writer


def connect() -> neo4j.Driver:
    uri = os.environ.get("NEO4J_URI")
    if uri:
        return neo4j.GraphDatabase.driver(
            uri, auth=(os.environ.get("NEO4J_USER", "neo4j"), os.environ["NEO4J_PASSWORD"]))
    from vbkg.loaders.store.config import get_driver

    return get_driver()


def empty(driver: neo4j.Driver) -> None:
    """Delete everything, in chunks, and drop rdflib-neo4j's constraint."""
    with driver.session() as session:
        # Relationships first: a body with 50k relationships would not fit one transaction.
        session.run("MATCH ()-[r]->() CALL (r) { DELETE r } "
                    "IN TRANSACTIONS OF 20000 ROWS").consume()
        session.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 20000 ROWS").consume()
        session.run("DROP CONSTRAINT n10s_unique_uri IF EXISTS").consume()


def counts(driver: neo4j.Driver) -> tuple[int, int]:
    rows, _, _ = driver.execute_query(
        "RETURN COUNT { MATCH (n) } AS nodes, COUNT { MATCH ()-[r]->() } AS rels")
    return rows[0]["nodes"], rows[0]["rels"]


def chunks(n_docs: int, seed: int, clock: dict, size: int = 2000):
    """The corpus as lists of per-document RDF graphs, built before any timing starts
    (`clock['rdf']` adds up the build time), so only loading is timed."""
    chunk = []
    start = time.perf_counter()
    for record in gen_corpus.records(n_docs, seed, with_text=False):
        chunk.append(rdf.record_to_graph(record))
        if len(chunk) == size:
            clock["rdf"] += time.perf_counter() - start
            yield chunk
            chunk, start = [], time.perf_counter()
    if chunk:
        clock["rdf"] += time.perf_counter() - start
        yield chunk


def load_ours(driver, n_docs: int, seed: int, batch_size: int) -> dict:
    clock = {"rdf": 0.0, "map": 0.0, "load": 0.0}

    def batches(graphs):
        for first in range(0, len(graphs), batch_size):
            start = time.perf_counter()
            batch = GraphRows()
            for graph in graphs[first:first + batch_size]:
                batch.extend(map_graph(graph))
            clock["map"] += time.perf_counter() - start
            yield batch

    writer.ensure_schema(driver)
    for graphs in chunks(n_docs, seed, clock):
        start = time.perf_counter()
        report = writer.write_batches(driver, batches(graphs))
        clock["load"] += time.perf_counter() - start
        if report.failures:
            raise SystemExit(f"ours: {len(report.failures)} batches failed: {report.failures[0]}")
    return {"seconds": clock["load"], "rdf": clock["rdf"], "map": clock["map"]}


def _rows(record: dict) -> GraphRows:
    return map_graph(rdf.record_triples(record))


def load_pipeline(driver, n_docs: int, seed: int, batch_size: int, jobs: int) -> dict:
    """Records → Neo4j with RDF building and mapping in `jobs` worker processes while
    this process writes: the wall time of the whole load, RDF building included."""
    clock = {"load": 0.0}

    def batches(pool):
        batch, size = GraphRows(), 0
        records = gen_corpus.records(n_docs, seed, with_text=False)
        for rows in pool.imap(_rows, records, chunksize=64):
            batch.extend(rows)
            size += 1
            if size == batch_size:
                yield batch
                batch, size = GraphRows(), 0
        if size:
            yield batch

    writer.ensure_schema(driver)
    start = time.perf_counter()
    with multiprocessing.Pool(jobs) as pool:
        report = writer.write_batches(driver, batches(pool))
    clock["load"] = time.perf_counter() - start
    if report.failures:
        raise SystemExit(f"ours: {len(report.failures)} batches failed: {report.failures[0]}")
    return {"seconds": clock["load"]}


def load_bulk(n_docs: int, seed: int, jobs: int, workdir: Path) -> dict:
    """`bulk_load` of n_docs generated records into a fresh managed Neo4j (ports from
    VBKG_BULK_BOLT_PORT / VBKG_BULK_HTTP_PORT, default 7697 / 7484)."""
    import json

    from vbkg.loaders.load import bulk_load
    from vbkg.loaders.store import server

    records = workdir / f"records-{n_docs}.jsonl"
    with records.open("w", encoding="utf-8") as out:
        for record in gen_corpus.records(n_docs, seed, with_text=False):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    dirs = server.InstallDirs(server.default_dirs().home, workdir / f"neo4j-{n_docs}")
    ports = (int(os.environ.get("VBKG_BULK_BOLT_PORT", 7697)),
             int(os.environ.get("VBKG_BULK_HTTP_PORT", 7484)))
    server.start(dirs, *ports, memory=server.Memory("2g", "3g", "2g"))
    try:
        start = time.perf_counter()
        report = bulk_load([records], dirs, jobs=jobs, validate=False)
        seconds = time.perf_counter() - start
        if report.errors:
            raise SystemExit(f"bulk: {report.errors[0]}")
        with neo4j.GraphDatabase.driver(
                f"bolt://127.0.0.1:{ports[0]}",
                auth=(server.USER, server.read_password(dirs))) as driver:
            loaded = counts(driver)
    finally:
        server.stop(dirs)
    return {"seconds": seconds, "steps": report.seconds, "counts": loaded}


def load_rdflib_neo4j(driver, n_docs: int, seed: int, batch_size: int) -> dict:
    from rdflib_neo4j import HANDLE_VOCAB_URI_STRATEGY, Neo4jStore, Neo4jStoreConfig

    config = Neo4jStoreConfig(
        custom_prefixes={"vbkg": str(rdf.VBKG)}, batching=True, batch_size=batch_size,
        handle_vocab_uri_strategy=HANDLE_VOCAB_URI_STRATEGY.IGNORE)
    store = Graph(store=Neo4jStore(config=config, neo4j_driver=driver))
    store.open(config, create=True)
    clock = {"rdf": 0.0, "load": 0.0}
    for graphs in chunks(n_docs, seed, clock):
        start = time.perf_counter()
        for graph in graphs:
            for triple in graph:
                store.add(triple)
        clock["load"] += time.perf_counter() - start
    start = time.perf_counter()
    store.close(True)
    clock["load"] += time.perf_counter() - start
    return {"seconds": clock["load"], "rdf": clock["rdf"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Load throughput, ours vs rdflib-neo4j.")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch-size", type=int, default=500, help="documents per transaction")
    parser.add_argument("--rdflib-cap", type=int, default=2000,
                        help="documents rdflib-neo4j loads at most; larger sizes extrapolate")
    parser.add_argument("--pipeline", type=int, nargs="*", default=[100000],
                        help="sizes loaded records → Neo4j in a process pool (ours only)")
    parser.add_argument("--bulk", type=int, nargs="*", default=[100000],
                        help="sizes built with `vbkg load --bulk` (a fresh Neo4j each)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="leave the last graph loaded")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    bulk = []
    for n in args.bulk:
        with tempfile.TemporaryDirectory(prefix="vbkg-bench-") as work:
            ours = load_bulk(n, args.seed, args.jobs, Path(work))
        steps = " / ".join(f"{ours['steps'][k]:.0f}" for k in BULK_STEPS)
        bulk.append(f"| {n:,} | {ours['counts'][0]:,} / {ours['counts'][1]:,} | "
                    f"{ours['seconds']:.1f} | {n / ours['seconds']:,.0f} | {steps} | "
                    f"{os.getloadavg()[0]:.1f} |")
        print(bulk[-1], flush=True)
    if not args.sizes and not args.pipeline:
        print("\n".join(bulk))
        return 0
    driver = connect()
    side_by_side, pipeline = [], []
    for n in args.sizes:
        empty(driver)
        capped = min(n, args.rdflib_cap)
        theirs = load_rdflib_neo4j(driver, capped, args.seed, 5000)
        empty(driver)
        ours = load_ours(driver, n, args.seed, args.batch_size)
        loaded = counts(driver)
        again = load_ours(driver, n, args.seed, args.batch_size)
        unchanged = counts(driver) == loaded
        theirs_rate = capped / theirs["seconds"]
        ours_rate = n / ours["seconds"]
        side_by_side.append(
            f"| {n:,} | {loaded[0]:,} / {loaded[1]:,} | {ours['seconds']:.1f} "
            f"(map {ours['map']:.1f}) | {ours_rate:,.0f} | {again['seconds']:.1f} "
            f"{'(counts unchanged)' if unchanged else '(COUNTS CHANGED)'} | "
            f"{theirs['seconds'] * n / capped:.1f}"
            f"{'' if capped == n else f' (extrapolated from {capped:,})'} | "
            f"{theirs_rate:,.1f} | {ours_rate / theirs_rate:.1f}x | {ours['rdf']:.1f} |")
        print(side_by_side[-1], flush=True)
    for n in args.pipeline:
        empty(driver)
        ours = load_pipeline(driver, n, args.seed, args.batch_size, args.jobs)
        loaded = counts(driver)
        pipeline.append(f"| {n:,} | {loaded[0]:,} / {loaded[1]:,} | {ours['seconds']:.1f} | "
                        f"{n / ours['seconds']:,.0f} |")
        print(pipeline[-1], flush=True)
    if not args.keep:
        empty(driver)
    driver.close()
    table = "\n".join([
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, Neo4j {server_version()}; "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; seed {args.seed}, "
        f"batch {args.batch_size} documents; load average at the end "
        f"{os.getloadavg()[0]:.1f}.",
        "",
        "From the same per-document RDF graphs (built beforehand, not timed):",
        "",
        "| documents | nodes / relationships | ours s (of which mapping) | ours docs/s | "
        "re-load s | rdflib-neo4j s | rdflib-neo4j docs/s | ratio | RDF build s (not counted) |",
        "|---|---|---|---|---|---|---|---|---|",
        *side_by_side,
        "",
        f"Whole load from records (RDF building and mapping in {args.jobs} worker processes, "
        "writing in the main one), ours only:",
        "",
        "| documents | nodes / relationships | seconds | docs/s |",
        "|---|---|---|---|",
        *pipeline,
        "",
        f"`vbkg load --bulk` from a .jsonl of records ({args.jobs} worker processes), "
        "a fresh managed Neo4j each:",
        "",
        "| documents | nodes / relationships | seconds | docs/s | "
        f"{' / '.join(BULK_STEPS)} s | load average after |",
        "|---|---|---|---|---|---|",
        *bulk,
    ])
    print(table)
    if args.out:
        args.out.write_text(table + "\n", encoding="utf-8")
    return 0


BULK_STEPS = ("prepare", "settle", "csv", "import", "start", "schema")


def server_version() -> str:
    with connect() as driver:
        return driver.get_server_info().agent


if __name__ == "__main__":
    sys.exit(main())
