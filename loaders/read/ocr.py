"""Scanned pages → text with Tesseract 5 and its Vietnamese model, cached by file hash.

Pages are rendered by pypdfium2 at 300 dpi (one at a time: PDFium is not thread-safe)
and OCR'd by `tesseract` processes in parallel, one per core. Tesseract's TSV gives
each word's box, so read/lines.py puts the two-column header and closing in the same
order as a text layer. The text of every page is kept in `.vbkg/ocr/<sha256>.json`
(VBKG_OCR_CACHE elsewhere): a file is never OCR'd twice.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import subprocess
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from vbkg.loaders.read.lines import Word, page_lines
from vbkg.loaders.read.source import ReadError

DPI = 300
LANGUAGE = "vie"
MIN_CONFIDENCE = 30  # less sure words are noise: a stamp, a signature, a stray mark
# the cache of another engine (or threshold) is redone
ENGINE = f"tesseract {LANGUAGE} {DPI} dpi, TSV words by line, confidence {MIN_CONFIDENCE}"
INSTALL = "apt-get install tesseract-ocr tesseract-ocr-vie"
CONSOLE = Console(stderr=True, soft_wrap=True)  # the CLI's bars share it, so they nest


def cache_dir() -> Path:
    return Path(os.environ.get("VBKG_OCR_CACHE") or Path.cwd() / ".vbkg" / "ocr")


def ocr_pages(document: pdfium.PdfDocument, pages: list[int], name: str,
              sha256: str) -> dict[int, str]:
    """The text of each of `pages` (0-based), from the cache or from Tesseract.

    The cache keeps Tesseract's words with their boxes, not the laid-out text, so a
    better layout (read/lines.py) needs no new OCR.
    """
    cached = _cached(sha256)
    missing = [k for k in pages if str(k) not in cached]
    if missing:
        _check_tesseract(name, missing[0])
        workers = os.cpu_count() or 1
        with _progress(name, len(missing)) as advance, ThreadPoolExecutor(workers) as pool:
            running: deque[tuple[int, Future[dict]]] = deque()
            for k in missing:  # render while earlier pages are OCR'd; 2 per core in memory
                running.append((k, pool.submit(_tesseract, _render(document[k]), name, k)))
                while len(running) > 2 * workers or (k == missing[-1] and running):
                    done, future = running.popleft()
                    cached[str(done)] = future.result()
                    advance()
        _store(sha256, cached)
    return {k: _laid_out(cached[str(k)]) for k in pages}


def _laid_out(page: dict) -> str:
    text = "\n".join(page_lines([Word(*word) for word in page["words"]], page["width"]))
    return text.replace("\u2044", "/")  # Tesseract reads the slash of "1105/KH-ĐKT" as "⁄"


def _render(page: pdfium.PdfPage) -> bytes:
    """The page as a grayscale PGM image at DPI."""
    bitmap = page.render(scale=DPI / 72, grayscale=True)
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    pixels = bytes(bitmap.buffer)
    bitmap.close()
    page.close()
    if stride != width:
        pixels = b"".join(pixels[r * stride:r * stride + width] for r in range(height))
    return b"P5\n%d %d\n255\n" % (width, height) + pixels


def _tesseract(image: bytes, name: str, page: int) -> dict:
    """OCR one page image: {"width": pixels, "words": [[text, x0, y0, x1, y1, line], …]}."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one core per process: pages run in parallel
    done = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", LANGUAGE, "--dpi", str(DPI), "--psm", "3", "tsv"],
        input=image, capture_output=True, env=env, check=False)
    if done.returncode:
        why = " ".join(done.stderr.decode("utf-8", "replace").split())[-200:]
        raise ReadError(f"{name}: OCR of page {page + 1} failed ({why})")
    width = int(image.split(b"\n", 2)[1].split()[0])
    words = tsv_words(done.stdout.decode("utf-8"))
    return {"width": width, "words": [[w.text, w.x0, w.y0, w.x1, w.y1, w.line] for w in words]}


def tsv_words(tsv: str) -> list[Word]:
    """Tesseract TSV → its words (level 5) with their boxes, numbered by Tesseract's line;
    words under MIN_CONFIDENCE are left out (a handwritten number reads as null, not a guess)."""
    words: list[Word] = []
    lines: dict[tuple[str, ...], int] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if (len(cells) < 12 or cells[0] != "5" or not cells[11].strip()
                or float(cells[10]) < MIN_CONFIDENCE):
            continue
        left, top, width, height = map(int, cells[6:10])
        line = lines.setdefault(tuple(cells[1:5]), len(lines))  # page, block, paragraph, line
        words.append(Word(cells[11], left, top, left + width, top + height, line))
    return words


def _check_tesseract(name: str, page: int) -> None:
    if shutil.which("tesseract") is None:
        raise ReadError(f"{name}: page {page + 1} needs OCR but Tesseract is not installed "
                        f"({INSTALL})")
    if LANGUAGE not in _languages():
        raise ReadError(f"{name}: page {page + 1} needs OCR but Tesseract has no Vietnamese "
                        f"model ({INSTALL})")


@cache
def _languages() -> frozenset[str]:
    done = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True,
                          check=False)
    return frozenset(done.stdout.split()[1:]) if done.returncode == 0 else frozenset()


def _cached(sha256: str) -> dict[str, dict]:
    try:
        stored = json.loads((cache_dir() / f"{sha256}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return dict(stored.get("pages", {})) if stored.get("engine") == ENGINE else {}


def _store(sha256: str, pages: dict[str, dict]) -> None:
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".{sha256}.{os.getpid()}.tmp"
    temporary.write_text(json.dumps({"engine": ENGINE, "pages": pages}, ensure_ascii=False),
                         encoding="utf-8")
    temporary.replace(folder / f"{sha256}.json")  # atomic: parallel readers see whole files


@contextmanager
def _progress(name: str, total: int) -> Iterator[Callable[[], None]]:
    """A transient bar of pages on a terminal, in the main process only (workers stay quiet)."""
    quiet = not CONSOLE.is_terminal or multiprocessing.parent_process() is not None
    with Progress(TextColumn(f"OCR {name}"), BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=CONSOLE, transient=True,
                  disable=quiet or total < 2) as bar:
        task = bar.add_task("pages", total=total)
        yield lambda: bar.advance(task)
