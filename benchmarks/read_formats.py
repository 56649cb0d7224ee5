"""Reading PDF, DOCX and DOC files: pages/s per reader, OCR cold vs cached, and the same
document's .txt side by side.

Times per core: CPU seconds of this process plus its children (`tesseract`, `antiword`),
so that they hold on a shared, loaded machine; OCR also gives wall seconds (pages run
in parallel, one Tesseract per core). Inputs: the ten real files of ../shared/formats
and the text-layer PDF the tests typeset (tests/pdf_fixtures.py). Bars (issue 11):
>= 50 text-layer pages/s per core, <= 2 s per scanned page per core at 300 dpi, a
reload of an OCR'd folder taking no OCR time.

    python benchmarks/read_formats.py --repeat 5 --out benchmarks/results/read_formats.md
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ROOT.parent / "shared" / "formats"
TWIN = ROOT.parent / "shared" / "corpus2" / "kh-1105-kh-dkt-2026-so-cong-thuong-lao-cai.txt"
sys.path.insert(0, str(ROOT / "tests"))

from pdf_fixtures import text_pdf  # noqa: E402
from vbkg.loaders.extract import extract  # noqa: E402
from vbkg.loaders.read.source import read_bytes  # noqa: E402

TEXT_LAYER = ["QD-1074-QD-BXD-29-6-2026.pdf", "CV-7432-UBND-XD-21-7-2026-trien-khai-QD-1074.pdf"]
SCANS = ["CV-2265-BCT-ATMT-trien-khai.pdf", "CV-813-CucHoaChat.pdf",
         "KH-1105-DKT-ke-hoach-kiem-tra.pdf"]


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(inputs: list[tuple[str, bytes]], repeat: int) -> tuple[float, float, int]:
    """(best CPU s, best wall s, pages) of reading every input once."""
    best_cpu = best_wall = float("inf")
    pages = 0
    for _ in range(repeat):
        c, w = cpu(), time.perf_counter()
        pages = sum(max(len(read_bytes(data, name).pages), 1) for name, data in inputs)
        best_cpu, best_wall = min(best_cpu, cpu() - c), min(best_wall, time.perf_counter() - w)
    return best_cpu, best_wall, pages


def files(names: list[str]) -> list[tuple[str, bytes]]:
    return [(name, (FORMATS / name).read_bytes()) for name in names]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    rows = []

    def row(what: str, inputs, repeat: int = args.repeat, unit: str = "pages") -> tuple:
        seconds, wall, pages = timed(inputs, repeat)
        rows.append((what, len(inputs), pages, seconds, wall, unit))
        return seconds, wall, pages

    generated = [("kh-987.pdf", text_pdf())] * 20
    row("PDF text layer (real: QĐ 1074, CV 7432)", files(TEXT_LAYER) * 5)
    row("PDF text layer (typeset by the tests)", generated)
    row("DOCX (4 real files)", files(sorted(p.name for p in FORMATS.glob("*.docx"))),
        unit="files")
    row("DOC with antiword (TT 15, 235 kB)", files(["TT-15-2026-BCT-text.doc"]), unit="files")
    with tempfile.TemporaryDirectory() as cache:
        os.environ["VBKG_OCR_CACHE"] = cache
        cold = row("scanned PDF, OCR cold (3 files)", files(SCANS), repeat=1)
        warm = row("scanned PDF, OCR cached (same files again)", files(SCANS))
        twin_pdf = files(["KH-1105-DKT-ke-hoach-kiem-tra.pdf"])
        twin_txt = [(TWIN.name, TWIN.read_bytes())]
        side = [("KH 1105 as .pdf (OCR cached): read", twin_pdf),
                ("KH 1105 as .txt (its text twin): read", twin_txt)]
        for (what, inputs), unit in zip(side, ("pages", "files"), strict=True):
            row(what, inputs, unit=unit)
        extract_side = []
        for what, inputs in side:
            c = cpu()
            for _ in range(args.repeat):
                name, data = inputs[0]
                extract(read_bytes(data, name))
            extract_side.append((what.replace(": read", ": read + extract"),
                                 (cpu() - c) / args.repeat))
    lines = [
        "# Reading PDF, DOCX and DOC (`benchmarks/read_formats.py`)",
        "",
        f"Machine: {platform.machine()}, {platform.system()}, Python "
        f"{platform.python_version()}, {os.cpu_count()} cores, load average {load:.1f} at the "
        f"start and {os.getloadavg()[0]:.1f} at the end (shared machine). "
        f"Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.",
        f"Command: `python benchmarks/read_formats.py --repeat {args.repeat}`; best of "
        f"{args.repeat} (OCR cold: one run). CPU s include the child processes "
        "(tesseract, antiword); one core each.",
        "Bars: >= 50 text-layer pages/s per core; <= 2 s per scanned page per core at 300 dpi;"
        " a reload of OCR'd files spends no time in Tesseract.",
        "",
        "| input | files | pages | CPU s | wall s | per core |",
        "|---|---|---|---|---|---|",
    ]
    for what, count, pages, seconds, wall, unit in rows:
        if "OCR cold" in what:
            rate = f"{seconds / pages:.2f} s/page"
        elif unit == "files":
            rate = f"{count / seconds:.1f} files/s"
        else:
            rate = f"{pages / seconds:.0f} pages/s"
        shown = pages if unit == "pages" else "–"
        lines.append(f"| {what} | {count} | {shown} | {seconds:.3f} | {wall:.3f} | {rate} |")
    lines += [
        "",
        f"OCR cached vs cold: {cold[0] / warm[0]:.0f}× less CPU, {cold[1] / warm[1]:.0f}× less "
        f"wall time ({warm[0] / warm[2] * 1000:.1f} ms CPU a page: PDFium opens the file and "
        "checks each page's text layer, the cache gives Tesseract's words).",
        "",
        "Side by side, the same document (KH 1105/KH-ĐKT) as its scan-like PDF and as text:",
        "",
        "| what | CPU s |",
        "|---|---|",
        *[f"| {what} | {seconds:.3f} |" for what, seconds in extract_side],
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
