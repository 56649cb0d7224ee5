"""Throughput and latency of the web app under 20 concurrent clients on loopback.

Measures the document page (HTML: 6 library queries, SVG, template) and the search
endpoint (JSON, full-text index), each with a bounded number of requests and a time
cap, against `vbkg serve` started here in a subprocess. The graph: a fresh temporary
managed Neo4j holding the seeds plus a generated corpus (benchmarks/gen_corpus.py),
stopped at the end. Baseline: the same library queries called directly from 20
threads with no HTTP, no rendering and no cache. The app is measured twice: with its
result cache (VBKG_CACHE_SECONDS=10, the default) and without (0).

    python benchmarks/api.py --corpus 2000 --requests 2000 --max-seconds 60 \
        --out benchmarks/results/api.md
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import httpx
from gen_corpus import records
from neo4j import GraphDatabase
from vbkg.api.service import GraphService
from vbkg.loaders.load import load
from vbkg.loaders.read.inputs import input_files
from vbkg.loaders.store import server
from vbkg.loaders.store.queries import run_read

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"
CLIENTS = 20
SEARCH_WORDS = "kiện toàn hệ thống chính trị"
BAR_P95_MS = 100.0
BASELINE = "same library queries called directly from 20 threads, no HTTP, no cache"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _busiest_document(driver) -> str:
    """A plan in the middle of a chain (implements something, is implemented) with the
    most tasks: a heavy but typical page."""
    rows = run_read(driver, "MATCH (d:VanBan) WHERE NOT coalesce(d.stub, false) "
                            "RETURN d.key AS key, EXISTS { (d)-[:THUC_HIEN]->() } "
                            "AND EXISTS { (d)<-[:THUC_HIEN]-() } AS middle, "
                            "COUNT { (d)-[:GIAO]->() } AS tasks "
                            "ORDER BY middle DESC, tasks DESC LIMIT 1")
    if not rows:
        sys.exit("benchmarks/api.py: the graph is empty; run `vbkg load …` first")
    return rows[0]["key"]


def _stats(latencies: list[float], wall: float) -> dict:
    ordered = sorted(latencies)
    return {"n": len(ordered), "rps": len(ordered) / wall,
            "p50": statistics.median(ordered) * 1000,
            "p95": ordered[int(0.95 * (len(ordered) - 1))] * 1000,
            "max": ordered[-1] * 1000}


async def _get(reader, writer, request: bytes) -> int:
    """One GET on a kept-alive connection; returns the status. A bare HTTP/1.1 client
    keeps the load generator's own CPU small next to the server it shares the cores with."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    length = next(int(line.split(":", 1)[1]) for line in lines
                  if line.lower().startswith("content-length:"))
    await reader.readexactly(length)
    return int(lines[0].split()[1])


async def _hammer(base: str, path: str, total: int, max_seconds: float) -> dict:
    """`CLIENTS` concurrent keep-alive connections share `total` GETs of `path`,
    stopping at `max_seconds`."""
    host, port = base.removeprefix("http://").split(":")
    request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
    latencies: list[float] = []
    remaining = total
    connections = []

    async def connect() -> None:
        reader, writer = await asyncio.open_connection(host, int(port))
        await _get(reader, writer, request)  # warm-up: connection, templates, query plans
        connections.append((reader, writer))

    async def client(reader, writer) -> None:
        nonlocal remaining
        while remaining > 0 and time.perf_counter() < deadline:
            remaining -= 1
            t0 = time.perf_counter()
            status = await _get(reader, writer, request)
            latencies.append(time.perf_counter() - t0)
            if status != 200:
                raise SystemExit(f"benchmarks/api.py: {path} answered {status}")
        writer.close()

    await asyncio.gather(*(connect() for _ in range(CLIENTS)))
    start = time.perf_counter()
    deadline = start + max_seconds
    await asyncio.gather(*(client(r, w) for r, w in connections))
    return _stats(latencies, time.perf_counter() - start)


def _direct(work, total: int, max_seconds: float) -> dict:
    """The baseline: `work()` from `CLIENTS` threads, no HTTP."""
    work()
    deadline = time.perf_counter() + max_seconds
    latencies: list[float] = []

    def one(_):
        if time.perf_counter() > deadline:
            return
        t0 = time.perf_counter()
        work()
        latencies.append(time.perf_counter() - t0)

    start = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(one, range(total)))
    return _stats(latencies, time.perf_counter() - start)


def _wait_for(base: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit("benchmarks/api.py: `vbkg serve` exited early")
        try:
            if httpx.get(base + "/api/counts", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    sys.exit("benchmarks/api.py: `vbkg serve` did not answer in 60 s")


def _temporary_graph(corpus: int, workdir: Path):
    """Start a managed Neo4j in `workdir` on free ports and load seeds + `corpus` docs."""
    dirs = server.InstallDirs(home=server.default_dirs().home, data_dir=workdir)
    server.install(dirs)
    status = server.start(dirs, bolt_port=_free_port(), http_port=_free_port())
    env = {"NEO4J_URI": status.bolt_uri, "NEO4J_USER": server.USER,
           "NEO4J_PASSWORD": server.read_password(dirs)}
    driver = GraphDatabase.driver(env["NEO4J_URI"], auth=(env["NEO4J_USER"],
                                                          env["NEO4J_PASSWORD"]))
    jsonl = workdir / "corpus.jsonl"
    with jsonl.open("w", encoding="utf-8") as sink:
        for record in records(corpus, seed=7):
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
    report = load(input_files([str(SEEDS), str(jsonl)]), driver, batch_size=500)
    if report.errors:
        print("\n".join(report.errors[:5]), file=sys.stderr)
    driver.execute_query("CALL db.awaitIndexes(300)")
    return dirs, env, driver


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=int, default=2000, help="generated documents to load")
    ap.add_argument("--requests", type=int, default=2000, help="requests per endpoint")
    ap.add_argument("--max-seconds", type=float, default=60.0, help="time cap per endpoint")
    ap.add_argument("--workers", type=int, default=1, help="`vbkg serve --workers`")
    ap.add_argument("--out", type=Path, help="write the markdown table here")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="vbkg-bench-") as tmp:
        dirs, env, driver = _temporary_graph(args.corpus, Path(tmp))
        try:
            rows, key, counts = _measure(driver, env, args)
        finally:
            driver.close()
            server.stop(dirs)

    table = _markdown(rows, key, counts, args)
    print(table)
    if args.out:
        args.out.write_text(table, encoding="utf-8")
    cached = [st for _, mode, st in rows if "caches 10" in mode]
    return 0 if all(st["p95"] < BAR_P95_MS for st in cached) else 1


def _serve(env: dict, args, cache_seconds: float):
    """`vbkg serve` in a subprocess over the temporary graph; returns (process, base URL)."""
    port = _free_port()
    vbkg = Path(sys.executable).with_name("vbkg")
    proc = subprocess.Popen(
        [str(vbkg), "serve", "--port", str(port), "--workers", str(args.workers)],
        env={**os.environ, **env, "VBKG_CACHE_SECONDS": str(cache_seconds)})
    base = f"http://127.0.0.1:{port}"
    _wait_for(base, proc)
    return proc, base


def _measure(driver, env: dict, args):
    """Rows (endpoint, mode, stats): HTTP with the result cache, HTTP without, direct."""
    key = _busiest_document(driver)
    (counts,) = run_read(driver, "RETURN COUNT { (:VanBan) } AS VanBan, "
                                 "COUNT { (:NhiemVu) } AS NhiemVu")
    page = "/documents/" + quote(key, safe="")
    search = "/api/search?" + str(httpx.QueryParams(q=SEARCH_WORDS, limit=20))
    svc = GraphService(driver, seconds=0)
    rows = []
    for mode, seconds in (("HTTP, caches 10 s", 10.0), ("HTTP, no cache", 0.0)):
        proc, base = _serve(env, args, seconds)
        try:
            for name, path in (("document page", page), ("search API", search)):
                rows.append((name, mode, asyncio.run(
                    _hammer(base, path, args.requests, args.max_seconds))))
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    rows.append(("document page", BASELINE,
                 _direct(lambda: svc.document_page(key), args.requests, args.max_seconds)))
    rows.append(("search API", BASELINE,
                 _direct(lambda: svc.search(SEARCH_WORDS, 20, 0), args.requests,
                         args.max_seconds)))
    return rows, key, counts


def _markdown(rows, key: str, counts: dict, args) -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    base = {name: stats["rps"] for name, mode, stats in rows if mode == BASELINE}
    lines = [
        "# API benchmark",
        "",
        f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- machine: {os.cpu_count()} cores, {cpu}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}; load average at the end "
        f"{os.getloadavg()[0]:.1f} (the machine is shared with other jobs)",
        f"- graph: seeds + {args.corpus} generated (gen_corpus.py, seed 7): "
        f"{counts.get('VanBan', 0)} documents, {counts.get('NhiemVu', 0)} obligations; "
        f"document page of `{key}`; search for \"{SEARCH_WORDS}\"",
        f"- load: {CLIENTS} concurrent clients on loopback, at most {args.requests} requests "
        f"or {args.max_seconds:.0f} s per row, `vbkg serve --workers {args.workers}`",
        f"- baseline: {BASELINE}",
        f"- bar: p95 under {BAR_P95_MS:.0f} ms",
        "",
        "| endpoint | mode | requests | req/s | p50 ms | p95 ms | max ms | req/s vs baseline "
        "| p95 under bar |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, mode, st in rows:
        lines.append(
            f"| {name} | {mode} | {st['n']} | {st['rps']:.0f} | {st['p50']:.1f} "
            f"| {st['p95']:.1f} | {st['max']:.1f} | {st['rps'] / base[name]:.2f} "
            f"| {'yes' if st['p95'] < BAR_P95_MS else 'no'} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
