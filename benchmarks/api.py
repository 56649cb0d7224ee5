"""Throughput and latency of the web app under 20 concurrent clients on loopback.

Measures the document page (HTML: ~8 library queries, SVG, template) and the search
endpoint (JSON, full-text index), each with a bounded number of requests and a time
cap, against `vbkg serve` started here in a subprocess over the configured Neo4j
(NEO4J_URI… or the managed one). Baseline: the same library queries called directly
from 20 threads with no HTTP, no rendering — the ratio is what the web layer costs.
Load a graph first (e.g. `vbkg load examples/seeds` or a generated corpus).

    python benchmarks/api.py --requests 2000 --max-seconds 60 --out benchmarks/results/api.md
"""
from __future__ import annotations

import argparse
import asyncio
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import httpx
from vbkg.api.service import GraphService
from vbkg.loaders.config import get_driver
from vbkg.loaders.query_library import run_read

CLIENTS = 20
SEARCH_WORDS = "kiện toàn hệ thống chính trị"
BAR_P95_MS = 100.0


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


async def _hammer(url: str, total: int, max_seconds: float) -> dict:
    """`CLIENTS` concurrent clients share `total` GETs of `url`, stopping at `max_seconds`."""
    latencies: list[float] = []
    remaining = total
    deadline = time.perf_counter() + max_seconds

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal remaining
        while remaining > 0 and time.perf_counter() < deadline:
            remaining -= 1
            t0 = time.perf_counter()
            response = await http.get(url)
            latencies.append(time.perf_counter() - t0)
            if response.status_code != 200:
                raise SystemExit(f"benchmarks/api.py: {url} answered {response.status_code}")

    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    async with httpx.AsyncClient(limits=limits, timeout=30) as http:
        await http.get(url)  # warm-up: templates, query plans
        start = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(CLIENTS)))
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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=2000, help="requests per endpoint")
    ap.add_argument("--max-seconds", type=float, default=60.0, help="time cap per endpoint")
    ap.add_argument("--workers", type=int, default=1, help="`vbkg serve --workers`")
    ap.add_argument("--out", type=Path, help="write the markdown table here")
    args = ap.parse_args(argv)

    driver = get_driver()
    key = _busiest_document(driver)
    (counts,) = run_read(driver, "RETURN COUNT { (:VanBan) } AS VanBan, "
                                 "COUNT { (:NhiemVu) } AS NhiemVu")
    svc = GraphService(driver)

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    vbkg = Path(sys.executable).with_name("vbkg")
    proc = subprocess.Popen([str(vbkg), "serve", "--port", str(port),
                             "--workers", str(args.workers)], env=os.environ.copy())
    try:
        _wait_for(base, proc)
        search_url = base + "/api/search?" + str(httpx.QueryParams(q=SEARCH_WORDS, limit=20))
        rows = [
            ("document page `/documents/{key}`",
             asyncio.run(_hammer(base + "/documents/" + quote(key, safe=""), args.requests,
                                 args.max_seconds)),
             _direct(lambda: svc.document_page(key), args.requests, args.max_seconds)),
            ("search `/api/search`",
             asyncio.run(_hammer(search_url, args.requests, args.max_seconds)),
             _direct(lambda: svc.search(SEARCH_WORDS, 20, 0), args.requests, args.max_seconds)),
        ]
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        driver.close()

    table = _markdown(rows, key, counts, args)
    print(table)
    if args.out:
        args.out.write_text(table, encoding="utf-8")
    return 0 if all(http["p95"] < BAR_P95_MS for _, http, _ in rows) else 1


def _markdown(rows, key: str, counts: dict, args) -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    lines = [
        "# API benchmark",
        "",
        f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- machine: {os.cpu_count()} cores, {cpu}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}",
        f"- graph: {counts.get('VanBan', 0)} documents, {counts.get('NhiemVu', 0)} obligations; "
        f"page of `{key}`",
        f"- load: {CLIENTS} concurrent clients on loopback, at most {args.requests} requests "
        f"or {args.max_seconds:.0f} s per endpoint, `vbkg serve --workers {args.workers}`",
        "- baseline: the same library queries called directly from 20 threads (no HTTP, "
        "no rendering)",
        f"- bar: p95 under {BAR_P95_MS:.0f} ms",
        "",
        "| endpoint | requests | req/s | p50 ms | p95 ms | max ms | baseline req/s | "
        "baseline p95 ms | req/s ratio (HTTP / baseline) | p95 under bar |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, http, base in rows:
        lines.append(
            f"| {name} | {http['n']} | {http['rps']:.0f} | {http['p50']:.1f} | {http['p95']:.1f} "
            f"| {http['max']:.1f} | {base['rps']:.0f} | {base['p95']:.1f} "
            f"| {http['rps'] / base['rps']:.2f} | {'yes' if http['p95'] < BAR_P95_MS else 'NO'} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
