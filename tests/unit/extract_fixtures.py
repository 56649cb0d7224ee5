"""Shared inputs for the extractor tests: the seeds, the real corpus, small documents."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from shared_paths import CORPUS
from vbkg.loaders.parse.layout import parse
from vbkg.loaders.parse.model import Layout
from vbkg.loaders.read.source import SourceText, read_bytes, read_path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "examples" / "seeds"


def seed(prefix: str) -> Path:
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    return path


def corpus(prefix: str) -> Path:
    [path] = CORPUS.glob(f"{prefix}*.txt")
    return path


@cache
def layout_of(path: Path) -> Layout:
    return parse(read_path(path))


def source(text: str, name: str = "doc.txt") -> SourceText:
    return read_bytes(text.encode("utf-8"), name)


# A Hà Nội Party header (seed 003's) to put real sentences under.
HANOI_HEADER = """THÀNH ỦY HÀ NỘI
*
Số 15 - NQ/TU

Hà Nội, ngày 04 tháng 7 năm 2017

NGHỊ QUYẾT

Về việc xây dựng tổ chức cơ sở đảng trong sạch vững mạnh

"""


def hanoi_document(body: str) -> SourceText:
    return source(HANOI_HEADER + body)
