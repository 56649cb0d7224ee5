"""Extraction throughput (read + parse + document + references + tasks), per core and pooled.

Times are CPU seconds of this process (`time.process_time`), so that "MB/s
per core" holds on a shared, loaded machine; the process-pool rows are wall
time. Inputs: the real documents (seeds and ../shared/corpus, repeated to --mb), the
synthetic corpus of gen_corpus.py (--docs documents), and one long document
(the real ones concatenated, to catch cost that grows faster than the text).
Baseline: reading alone (`read_bytes`, the stage before extraction) over the
same bytes; the ratio is what extraction adds. Best of --repeat. The bar is
>= 2 MB/s per core (issue 3).

    python benchmarks/extract.py --mb 5 --docs 500 --out benchmarks/results/extract.md
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from gen_corpus import file_name, generate, render  # noqa: E402
from vbkg.loaders.extract import extract  # noqa: E402
from vbkg.loaders.extract.context import build_context  # noqa: E402
from vbkg.loaders.extract.document import extract_document  # noqa: E402
from vbkg.loaders.extract.references import extract_references  # noqa: E402
from vbkg.loaders.extract.tasks import extract_tasks  # noqa: E402
from vbkg.loaders.parse.layout import parse  # noqa: E402
from vbkg.loaders.read.source import read_bytes  # noqa: E402

REAL = sorted((ROOT / "examples" / "seeds").glob("*.txt")) + sorted(
    (ROOT.parent / "shared" / "corpus").glob("*.txt")
)


def _extract_one(item: tuple[str, bytes]) -> int:
    name, data = item
    record = extract(read_bytes(data, name))
    return len(record["references"]) + len(record["tasks"])


def _read_one(item: tuple[str, bytes]) -> int:
    name, data = item
    return len(read_bytes(data, name).text)


def real_documents(size: int) -> list[tuple[str, bytes]]:
    docs = [(p.name, p.read_bytes()) for p in REAL]
    out, total, i = [], 0, 0
    while total < size:
        name, data = docs[i % len(docs)]
        out.append((f"{i:05d}_{name}", data))
        total += len(data)
        i += 1
    return out


def synthetic_documents(n: int) -> list[tuple[str, bytes]]:
    return [(file_name(d), render(d)[0].encode("utf-8")) for d in generate(n, seed=7)]


def long_document(size: int) -> list[tuple[str, bytes]]:
    text = b"\n\n".join(p.read_bytes() for p in REAL)
    return [("long.txt", text * max(1, size // len(text)))]


def timed(fn, items, repeat: int, workers: int = 1) -> float:
    """Best of `repeat`: CPU seconds in this process, or wall seconds with a process pool."""
    best = float("inf")
    clock = time.perf_counter if workers > 1 else time.process_time
    for _ in range(repeat):
        start = clock()
        if workers > 1:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                list(pool.map(fn, items, chunksize=8))
        else:
            for item in items:
                fn(item)
        best = min(best, clock() - start)
    return best


STAGES = ("read", "layout", "context + document + references", "tasks")


def stages(items) -> dict[str, float]:
    """CPU seconds per stage of one pass: reading (B1), layout (`parse`), context, document
    and references (B2a), tasks (B2b)."""
    spent = dict.fromkeys(STAGES, 0.0)
    for name, data in items:
        t0 = time.process_time()
        source = read_bytes(data, name)
        t1 = time.process_time()
        layout = parse(source)
        t2 = time.process_time()
        ctx = build_context(layout)
        document = extract_document(layout, ctx)
        ctx.issuer = document.get("co_quan_ban_hanh")
        references = extract_references(layout, ctx)
        t3 = time.process_time()
        extract_tasks(layout, ctx, references, document)
        t4 = time.process_time()
        for stage, seconds in zip(STAGES, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
            spent[stage] += seconds
    return spent


def previous_rates(path: Path | None) -> dict[str, float]:
    """MB/s of each 1-worker row of an earlier results file (the run to compare with)."""
    if path is None or not path.exists():
        return {}
    rates = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 9 and cells[-1] == "1" and cells[4].replace(".", "", 1).isdigit():
            rates[cells[0]] = float(cells[4])
    return rates


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="MB of real documents")
    parser.add_argument("--docs", type=int, default=500, help="synthetic documents")
    parser.add_argument("--long-mb", type=float, default=1.0, help="size of the long document")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--previous", type=Path,
                        help="earlier results to compare with (default: --out before it is "
                             "overwritten)")
    args = parser.parse_args(argv)
    cores = os.cpu_count() or 1
    before = previous_rates(args.previous or args.out)
    load_start = os.getloadavg()[0]
    cases = [
        ("real documents (seeds + corpus)", real_documents(int(args.mb * 1e6))),
        (f"synthetic ({args.docs} docs)", synthetic_documents(args.docs)),
        ("one long document", long_document(int(args.long_mb * 1e6))),
    ]
    rows, split = [], []
    for label, items in cases:
        mb = sum(len(d) for _, d in items) / 1e6
        base = timed(_read_one, items, args.repeat)
        one = timed(_extract_one, items, args.repeat)
        spent = stages(items)
        split.append(
            f"| {label} | "
            + " | ".join(f"{s:.2f} s, {mb / s:.1f} MB/s" if s else "0 s" for s in spent.values())
            + " |"
        )
        rate = mb / one
        earlier = f"{before[label]:.2f} ({rate / before[label]:.2f}×)" if label in before else "–"
        rows.append(
            f"| {label} | {len(items)} | {mb:.1f} | {one:.2f} | {rate:.2f} | "
            f"{len(items) / one:.0f} | {base:.2f} | {one / base:.1f}× | {earlier} | 1 |"
        )
        if len(items) > 1 and cores > 1:
            pooled = timed(_extract_one, items, args.repeat, workers=cores)
            rows.append(
                f"| {label}, process pool | {len(items)} | {mb:.1f} | {pooled:.2f} | "
                f"{mb / pooled:.2f} | {len(items) / pooled:.0f} | {base:.2f} | "
                f"{pooled / base:.1f}× | – | {cores} |"
            )
        print(rows[-1], flush=True)
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    report = "\n".join(
        [
            "# Extraction throughput (`vbkg.loaders.extract.extract` after `read_bytes`)",
            "",
            f"Machine: {platform.processor() or platform.machine()}, {platform.system()}, "
            f"Python {platform.python_version()}, {cores} cores, load average "
            f"{load_start:.1f} at the start and {os.getloadavg()[0]:.1f} at the end (shared "
            f"machine). Date: {when}.",
            f"Command: `python benchmarks/extract.py --mb {args.mb:g} --docs {args.docs} "
            f"--long-mb {args.long_mb:g} --repeat {args.repeat}`; best of {args.repeat}.",
            "Baseline: reading alone (`read_bytes`) of the same bytes; ratio = extract s / read s.",
            "Bar: >= 2 MB/s per core (MB/s of the 1-worker rows). Previous: MB/s of the same "
            "row in the results this run replaced (speed-up in brackets).",
            "",
            "| input | docs | MB | extract s | MB/s | docs/s | read s (baseline) | ratio "
            "| previous MB/s | workers |",
            "|---|---|---|---|---|---|---|---|---|---|",
            *rows,
            "",
            "Where the time goes (CPU seconds of one pass, and the MB/s each stage alone "
            "would allow):",
            "",
            "| input | " + " | ".join(STAGES) + " |",
            "|---" * (len(STAGES) + 1) + "|",
            *split,
            "",
        ]
    )
    if args.out:
        args.out.write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
