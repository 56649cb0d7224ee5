"""Throughput of `read_bytes` on ~20 MB inputs of each shape, against a bare-decode baseline.

The extractor's bar is >= 2 MB/s per core overall, so reading must be far above it.
Inputs are the seeds repeated to SIZE bytes: plain UTF-8 text (seeds 002, 004),
Markdown residue (all seeds), an HTML page (paragraphs and tables), the seeds
re-encoded to TCVN3 / VNI / Windows-1258, and UTF-8 garbled through Windows-1252.
Baseline: the least any reader must do — `bytes.decode` (+ NFC) for UTF-8, the bare
decoder with the encoding known for TCVN3 / VNI / Windows-1258 — with no detection,
markup or tone folding; the ratio is what the rest costs. Best of --repeat.

    python benchmarks/read.py --mb 20 --out benchmarks/results/read.md
"""
from __future__ import annotations

import argparse
import html
import os
import platform
import sys
import time
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "unit"))  # the test-only legacy encoders

from read_fixtures import encode_cp1258, encode_tcvn3, encode_vni, legacy_safe  # noqa: E402
from vbkg.loaders.read.encodings import cp1252_text, decode  # noqa: E402
from vbkg.loaders.read.source import read_bytes  # noqa: E402

SEEDS = sorted((ROOT / "examples" / "seeds").glob("*.txt"))


def _repeat(text: str, size: int) -> str:
    return text * (size // len(text.encode()) + 1)


def _html_page(text: str) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(a)}</td><td>{html.escape(b)}</td></tr>"
        for a, b in (("Số hiệu", "88-KH/TU"), ("Ngày ban hành", "24/12/2021"))
    )
    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.split("\n") if line)
    return f"<table>{rows}</table>\n{paragraphs}"


def inputs(size: int) -> list[tuple[str, bytes, object]]:
    """(case, bytes, baseline function) for each input shape."""
    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in SEEDS}
    plain = _repeat(texts["002"] + texts["004"], size)
    marked = _repeat("".join(texts.values()), size)
    safe = legacy_safe(marked)
    page = "<!DOCTYPE html><html><body>" + _repeat(_html_page(safe), size) + "</body></html>"
    utf8_nfc = lambda data: unicodedata.normalize("NFC", data.decode("utf-8"))  # noqa: E731
    tcvn3, vni = (lambda d: decode(d, "tcvn3")), (lambda d: decode(d, "vni"))  # encoding known
    return [
        ("UTF-8 text", plain.encode(), utf8_nfc),
        ("UTF-8 Markdown residue", marked.encode(), utf8_nfc),
        ("UTF-8 HTML page", page.encode(), utf8_nfc),
        ("TCVN3", encode_tcvn3(safe), tcvn3),
        ("VNI", encode_vni(safe), vni),
        ("Windows-1258", encode_cp1258(safe), lambda d: decode(d, "cp1258")),
        ("UTF-8 read as cp1252", cp1252_text(marked.encode()[: size // 4]).encode(), utf8_nfc),
        # one seed-sized document (the usual case): fixed costs of detection show here
        ("one seed (000), UTF-8", texts["000"].encode(), utf8_nfc),
        ("one seed (000), TCVN3", encode_tcvn3(legacy_safe(texts["000"])), tcvn3),
        ("one seed (000), VNI", encode_vni(legacy_safe(texts["000"])), vni),
    ]


def _cpu() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    for line in cpuinfo.read_text().splitlines() if cpuinfo.exists() else []:
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def best_of(repeat: int, function, *args) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    rows = []
    for case, data, baseline in inputs(int(args.mb * 1e6)):
        source = read_bytes(data, "bench")
        repeat = args.repeat if len(data) > 1e6 else args.repeat * 20  # small: more runs
        ours = best_of(repeat, read_bytes, data, "bench")
        base = best_of(repeat, baseline, data)
        mb = len(data) / 1e6
        rows.append(f"| {case} | {mb:.3g} | {source.encoding} / {source.format} | {ours:.3g} | "
                    f"{mb / ours:.1f} | {base:.3g} | {ours / base:.0f}× |")
        print(rows[-1], flush=True)
    report = "\n".join([
        "# Reading throughput (`vbkg.loaders.read.read_bytes`)",
        "",
        f"Machine: {_cpu()}, {platform.system()}, Python {platform.python_version()}, one core. "
        f"Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Load average at the end: "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (a shared machine: absolute times "
        "vary with it, the ratios less).",
        f"Command: `python benchmarks/read.py --mb {args.mb:g} --repeat {args.repeat}`; best of "
        f"{args.repeat} (x20 for inputs under 1 MB). Baseline: bare decoding of the same bytes "
        "(UTF-8 + NFC, or the legacy decoder told the encoding).",
        "Bar: the extractor as a whole must do >= 2 MB/s per core.",
        "",
        "| input | MB | detected | read s | MB/s | baseline s | ratio |",
        "|---|---|---|---|---|---|---|",
        *rows,
        "",
    ])
    if args.out:
        args.out.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
