"""How SHACL validation time scales: per document in a process pool vs one whole-graph run.

For each size, a synthetic corpus (benchmarks/gen_corpus.py, records without
text) is validated two ways, both including the record → RDF mapping:

- per document: `vbkg.loaders.validate.validate_records`: each record's graph
  plus the thực hiện closure its cycle/date shapes need, no inference, on a
  pool of `--workers` processes;
- whole graph (the baseline): every record mapped into one graph and one
  pySHACL run over it, in one process, stopped at `--cap` seconds. Above
  `--whole-max` documents it is not run (an rdflib graph of 30M triples does
  not fit in memory) but extrapolated from the two largest measured sizes.

On a busy machine the per-document run of the largest size can take hours; with
`--sample N`, sizes above N validate their first N documents (with the link
index of the whole corpus, as a full run would) and the table says so.

    python benchmarks/validate.py --sizes 1000 10000 100000
"""
from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import os
import platform
import sys
import time
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import gen_corpus  # noqa: E402
from vbkg.loaders.rdf import new_graph, record_to_graph  # noqa: E402
from vbkg.loaders.validate import link_index, validate_graph, validate_records  # noqa: E402

RESULTS = Path(__file__).parent / "results" / "validate.md"


def corpus(n: int) -> list[dict]:
    return list(gen_corpus.records(n, seed=0, with_text=False))


def per_document(records: list[dict], workers: int, sample: int) -> tuple[float, int, int]:
    """(seconds, violations, documents validated): all records, or the first `sample` of
    them checked against the link index of all (what a full run would build)."""
    start = time.perf_counter()
    index = link_index(records)
    subset = records[:sample]
    reports = validate_records(subset, workers=workers, index=index)
    return time.perf_counter() - start, sum(len(r.violations) for r in reports), len(subset)


def _whole(n: int, out) -> None:
    records = corpus(n)
    start = time.perf_counter()
    graph = new_graph()
    for record in records:
        record_to_graph(record, graph)
    mapped = time.perf_counter()
    violations = validate_graph(graph)
    out.send((mapped - start, time.perf_counter() - mapped, len(graph), len(violations)))


def whole_graph(n: int, cap: float) -> tuple[float, float, int, int] | None:
    """(map s, validate s, triples, violations) of one run over the whole graph, None if capped."""
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
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cap", type=float, default=900.0, help="whole-graph run limit (s)")
    parser.add_argument("--whole-max", type=int, default=10000)
    parser.add_argument("--sample", type=int, default=0, help="validate at most N per size")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    header = [
        "# SHACL validation: per document in parallel vs one whole-graph run",
        "",
        f"Machine: {machine()}.  ",
        f"Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Command: "
        f"`python benchmarks/validate.py --sizes {' '.join(map(str, args.sizes))} "
        f"--workers {args.workers} --whole-max {args.whole_max} --cap {args.cap:.0f}"
        + (f" --sample {args.sample}" if args.sample else "") + "`.  ",
        f"Load average at start: {os.getloadavg()[0]:.1f} (the machine is shared; "
        "absolute times vary with it, ratios less).",
        "",
        "Both columns include mapping records to RDF; no inference. Per document: "
        f"`validate_records`, {args.workers} processes, each record with the thực hiện "
        "closure the cycle and date shapes need. Whole graph: one process, one pySHACL run.",
        "",
        "| documents | triples (whole graph) | per document, parallel (s) | ms / document "
        "| whole graph: map + validate (s) | whole / per-document | violations |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    rows: list[str] = []
    measured: list[tuple[int, float]] = []
    for n in args.sizes:
        records = corpus(n)
        elapsed, violations, done = per_document(records, args.workers, args.sample or n)
        del records
        if done < n:  # a sample: the full run's time at the sample's rate
            per_doc_cell = f"{elapsed:.1f} for the first {done:,} (sample)"
            elapsed = elapsed * n / done
            per_doc_cell += f"; ≈ {elapsed:.0f} for all"
        else:
            per_doc_cell = f"{elapsed:.1f}"
        if n <= args.whole_max:
            whole = whole_graph(n, args.cap)
        else:
            whole = None
        if whole is not None:
            mapped, validated, triples, _ = whole
            total = mapped + validated
            measured.append((n, total))
            whole_cell = f"{mapped:.1f} + {validated:.1f} = {total:.1f}"
            ratio = f"{total / elapsed:.2f}"
            triples_cell = f"{triples:,}"
        elif len(measured) >= 2:
            (n1, t1), (n2, t2) = measured[-2:]
            exponent = math.log(t2 / t1) / math.log(n2 / n1)
            total = t2 * (n / n2) ** exponent
            reason = "not run (memory)" if n > args.whole_max else f"capped at {args.cap:.0f} s"
            whole_cell = f"≈ {total:.0f} (estimated, n^{exponent:.2f}; {reason})"
            ratio = f"≈ {total / elapsed:.2f}"
            triples_cell = "—"
        else:
            reason = "not run (memory)" if n > args.whole_max else f"> {args.cap:.0f} (capped)"
            whole_cell, ratio, triples_cell = reason, "—", "—"
        rows.append(f"| {n:,} | {triples_cell} | {per_doc_cell} | {1000 * elapsed / n:.1f} "
                    f"| {whole_cell} | {ratio} | {violations} |")
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
        print(rows[-1], flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
