"""Latency of every library query on a big generated graph: p50 / p95 over many runs.

Loads the generated corpus with our loader unless the database already holds it
(--reuse), then runs each query of queries/ with parameters drawn from the graph itself
(documents with the most implementers, busy and quiet bodies, random keys), after a
warm-up, through the same `queries.run` the CLI and the web app use.

It EMPTIES the database it is given unless --reuse: point it at a Neo4j of its own.

    NEO4J_URI=bolt://127.0.0.1:7697 NEO4J_PASSWORD=… \\
      python benchmarks/queries.py --docs 100000 --out benchmarks/results/queries.md
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load as load_bench  # noqa: E402
from vbkg.loaders.store import queries  # noqa: E402
from vbkg.loaders.store.queries import run_read  # noqa: E402

BAR_MS = 50.0


def samples(driver, rng: random.Random, n: int) -> dict[str, list[dict]]:
    """Parameters for each query, drawn from the loaded graph."""
    docs = [r["d"] for r in run_read(driver, """
        MATCH (d:VanBan) WHERE d.soHieu IS NOT NULL AND d.stub = false
        RETURN d {.key, .soHieu, .diaBan} AS d LIMIT 20000""")]
    busy = [r["d"] for r in run_read(driver, """
        MATCH (d:VanBan) WHERE d.soHieu IS NOT NULL
        WITH d, COUNT { (d)<-[:THUC_HIEN]-() } AS n ORDER BY n DESC LIMIT 200
        RETURN d {.key, .soHieu, .diaBan} AS d""")]
    bodies = [r["b"] for r in run_read(driver, """
        MATCH (b:ToChuc) WHERE b.diaBan IS NOT NULL RETURN b {.ten, .diaBan} AS b LIMIT 20000""")]
    tasked = [r["d"] for r in run_read(driver, """
        MATCH (d:VanBan)-[:GIAO]->() RETURN DISTINCT d.key AS d LIMIT 20000""")]
    places = sorted({b["diaBan"] for b in bodies})
    words = ["chuyển đổi số", "kiện toàn hệ thống chính trị", "tư tưởng đạo đức",
             "phòng chống tham nhũng", "nông thôn mới", "cải cách hành chính"]

    def pick(pool, k=n):
        return [rng.choice(pool) for _ in range(k)]

    mixed = pick(busy, n // 2) + pick(docs, n - n // 2)
    return {
        "who_implements": [{"soHieu": d["soHieu"], "diaBan": d["diaBan"]} for d in mixed],
        "implements_chain": [{"key": d["key"]} for d in pick(docs)],
        "implementation_tree": [{"key": d["key"]} for d in mixed],
        "body_obligations": pick(bodies),
        "implementation_gaps": [{"diaBan": p} for p in pick(places)],
        "reports_owed": pick(bodies),
        "citing_documents": [{"soHieu": d["soHieu"], "diaBan": d["diaBan"]} for d in mixed],
        "missing_documents": [{"diaBan": p} for p in pick(places)],
        "body_profile": pick(bodies),
        "document": [{"key": d["key"]} for d in pick(docs)],
        "document_obligations": [{"key": k} for k in pick(tasked)],
        "search": [{"q": w} for w in pick(words)],
        "counts": [{} for _ in range(n)],
        "document_list": [{"soHieu": d["soHieu"]} for d in pick(docs)],
        "implementation_graph": [{"key": d["key"]} for d in mixed],
        "obligation": [{"key": r["k"]} for r in run_read(driver, """
            MATCH (t:NhiemVu) RETURN t.key AS k LIMIT $n""", {"n": n})],
    }


def measure(driver, name: str, params: list[dict], warmup: int) -> list[float]:
    query = queries.load(name)
    bound = [query.bind(p) for p in params]
    for p in bound[:warmup]:
        queries.run(driver, query, p)
    times = []
    for p in bound:
        start = time.perf_counter()
        queries.run(driver, query, p)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Library query latency on a big graph.")
    parser.add_argument("--docs", type=int, default=100000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=200, help="runs per query")
    parser.add_argument("--reuse", action="store_true", help="query the graph already loaded")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    driver = load_bench.connect()
    if not args.reuse:
        load_bench.empty(driver)
        load_bench.load_ours(driver, args.docs, args.seed, 500)
    driver.execute_query("CALL db.awaitIndexes(600)")
    nodes, rels = load_bench.counts(driver)
    params = samples(driver, random.Random(args.seed), args.runs)
    lines = []
    for name in queries.names():
        if name not in params:
            lines.append(f"| {name} | (no parameter sampler) | | | |")
            continue
        times = sorted(measure(driver, name, params[name], warmup=min(20, args.runs)))
        p50 = statistics.median(times)
        p95 = times[int(0.95 * (len(times) - 1))]
        verdict = "yes" if p95 < BAR_MS else "**no**"
        lines.append(f"| {name} | {p50:.1f} | {p95:.1f} | {times[-1]:.1f} | {verdict} |")
        print(lines[-1], flush=True)
    table = "\n".join([
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, Neo4j {load_bench.server_version()}; "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC.",
        f"Graph: {args.docs:,} generated documents (seed {args.seed}): {nodes:,} nodes, "
        f"{rels:,} relationships. {args.runs} runs per query after a warm-up, through "
        "`queries.run` (read transaction, one round trip, client-side time).",
        "",
        f"| query | p50 ms | p95 ms | max ms | p95 < {BAR_MS:.0f} ms |",
        "|---|---|---|---|---|",
        *lines,
    ])
    print(table)
    if args.out:
        args.out.write_text(table + "\n", encoding="utf-8")
    driver.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
