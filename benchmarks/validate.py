"""How SHACL validation scales: batches in a process pool vs one whole-graph run.

For each size, a synthetic corpus (benchmarks/gen_corpus.py, records without
text) is validated two ways, both including the record → RDF mapping, both
without inference:

- per batch: `vbkg.loaders.validate.validate_records`: batches of `--batch`
  records, each with the thực hiện closure its cycle/date shapes need, on a
  pool of `--workers` processes;
- whole graph (the baseline): every record mapped into one graph and one
  pySHACL run over it, in one process, stopped at `--cap` seconds. Above
  `--whole-max` documents it is not run (an rdflib graph of ~24M triples does
  not fit in memory).

Each side is timed in wall time and in CPU time (its own processes and the
pool's workers): on a shared machine wall time measures the other users' load
as much as the code, CPU time does not. The 1-minute load average is recorded
before and after each row. With `--sample N`, sizes above N validate their
first N documents (with the link index of the whole corpus, as a full run
would) and the table says so.

    python benchmarks/validate.py --sizes 1000 10000 100000
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import platform
import resource
import sys
import time
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import gen_corpus  # noqa: E402
from vbkg.loaders.graph.rdf import new_graph, record_to_graph  # noqa: E402
from vbkg.loaders.graph.shacl import link_index, validate_graph, validate_records  # noqa: E402

RESULTS = Path(__file__).parent / "results" / "validate.md"


def corpus(n: int) -> list[dict]:
    return list(gen_corpus.records(n, seed=0, with_text=False))


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the pool's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def per_batch(records: list[dict], workers: int, batch: int,
              sample: int) -> tuple[float, float, int, int]:
    """(wall s, CPU s, violations, documents validated): all records, or the first `sample`
    of them checked against the link index of all (what a full run would build)."""
    start, cpu = time.perf_counter(), cpu_seconds()
    index = link_index(records)
    subset = records[:sample]
    reports = validate_records(subset, workers=workers, batch_size=batch, index=index)
    return (time.perf_counter() - start, cpu_seconds() - cpu,
            sum(len(r.violations) for r in reports), len(subset))


def _whole(n: int, out) -> None:
    records = corpus(n)
    start, cpu = time.perf_counter(), time.process_time()
    graph = new_graph()
    for record in records:
        record_to_graph(record, graph)
    mapped, mapped_cpu = time.perf_counter(), time.process_time()
    violations = validate_graph(graph)
    out.send((mapped - start, time.perf_counter() - mapped, mapped_cpu - cpu,
              time.process_time() - mapped_cpu, len(graph), len(violations)))


def whole_graph(n: int, cap: float) -> tuple | None:
    """(map wall, validate wall, map CPU, validate CPU, triples, violations) of one run over
    the whole graph, None if capped."""
    receive, send = mp.Pipe(duplex=False)
    process = mp.Process(target=_whole, args=(n, send))
    process.start()
    ready = receive.poll(cap)
    result = receive.recv() if ready else None
    process.kill()
    process.join()
    return result


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text()
                .splitlines() if line.startswith("model name")), platform.processor())
    memory = next(int(line.split()[1]) // 1024 // 1024 for line in Path("/proc/meminfo")
                  .read_text().splitlines() if line.startswith("MemTotal"))
    return (f"{cpu}, {os.cpu_count()} cores, {memory} GB RAM; Python {platform.python_version()}, "
            f"rdflib {version('rdflib')}, pySHACL {version('pyshacl')}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--batch", type=int, default=200, help="documents per batch")
    parser.add_argument("--cap", type=float, default=600.0, help="whole-graph run limit (s)")
    parser.add_argument("--whole-max", type=int, default=10000)
    parser.add_argument("--sample", type=int, default=0, help="validate at most N per size")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    header = [
        "# SHACL validation: batches in parallel vs one whole-graph run",
        "",
        f"Machine: {machine()}.  ",
        f"Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Command: "
        f"`python benchmarks/validate.py --sizes {' '.join(map(str, args.sizes))} "
        f"--workers {args.workers} --batch {args.batch} --whole-max {args.whole_max} "
        f"--cap {args.cap:.0f}" + (f" --sample {args.sample}" if args.sample else "") + "`.",
        "",
        "Both sides include mapping records to RDF; no inference. Per batch: "
        f"`validate_records`, batches of {args.batch} documents with the thực hiện closure the "
        f"cycle and date shapes need, {args.workers} worker processes. Whole graph: one "
        "process, one pySHACL run. CPU = user + system time of all processes involved; "
        "load = 1-minute load average before → after the row (the machine is shared).",
        "",
        "| documents | triples (whole graph) | per batch: wall (s) | per batch: CPU (s) "
        "| CPU ms / document | whole graph: wall (s) | whole graph: CPU, map + validate (s) "
        "| whole / per batch, CPU | whole / per batch, wall | violations (batches / whole) "
        "| load |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    rows: list[str] = []
    for n in args.sizes:
        load_before = os.getloadavg()[0]
        records = corpus(n)
        wall, cpu, violations, done = per_batch(records, args.workers, args.batch,
                                                args.sample or n)
        del records
        wall_cell, cpu_cell = f"{wall:.1f}", f"{cpu:.1f}"
        if done < n:  # a sample: the full run's time at the sample's rate
            wall_cell += f" for the first {done:,} (sample); ≈ {wall * n / done:.0f} for all"
            cpu_cell += f" for the first {done:,}; ≈ {cpu * n / done:.0f} for all"
            wall, cpu = wall * n / done, cpu * n / done
        whole = whole_graph(n, args.cap) if n <= args.whole_max else None
        if whole is not None:
            map_wall, val_wall, map_cpu, val_cpu, triples, whole_violations = whole
            whole_wall, whole_cpu = map_wall + val_wall, map_cpu + val_cpu
            whole_cells = [f"{whole_wall:.1f}", f"{map_cpu:.1f} + {val_cpu:.1f} = {whole_cpu:.1f}",
                           f"{whole_cpu / cpu:.2f}", f"{whole_wall / wall:.2f}"]
            triples_cell, violations_cell = f"{triples:,}", f"{violations} / {whole_violations}"
        else:
            reason = "not run (memory)" if n > args.whole_max else f"> {args.cap:.0f} (capped)"
            whole_cells = [reason, "—", "—", "—"]
            triples_cell, violations_cell = "—", f"{violations} / —"
        rows.append(" | ".join([f"| {n:,}", triples_cell, wall_cell, cpu_cell,
                                f"{1000 * cpu / n:.1f}", *whole_cells, violations_cell,
                                f"{load_before:.1f} → {os.getloadavg()[0]:.1f} |"]))
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
        print(rows[-1], flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
