"""The extraction record (SCHEMA.md + docs/architecture.md Contract 1) and its JSON I/O.

One record per source file. `source`, `same_as`, `document`, `references` and
`tasks` are the gold shape the scorer reads; `meta` and `text` are the
extensions later stages use (evidence offsets index into `text`).
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypedDict

from vbkg.loaders.read.source import SourceText


class Record(TypedDict):
    source: str
    same_as: list[str]
    document: dict[str, Any]
    references: list[dict[str, Any]]
    tasks: list[dict[str, Any]]
    meta: dict[str, Any]
    text: str


def build(
    source: SourceText,
    document: dict,
    references: list[dict],
    tasks: list[dict],
    publisher: str | None = None,
) -> Record:
    """A record for one source; `same_as` is filled later, across the batch.

    A paged source (PDF) adds `meta.pages` (the offset where each page starts) and
    the page number on every evidence, for "trang N" next to a quote.
    """
    if source.pages:
        _number_pages([document, document.get("nguoi_ky"), *references, *tasks], source.pages)
    meta = {
        "encoding": source.encoding,
        "sha256": source.sha256,
        "publisher": publisher,
        "format": source.format,
        "warnings": list(source.warnings),
    }
    if source.pages:
        meta["pages"] = list(source.pages)
    return {
        "source": source.name,
        "same_as": [],
        "document": document,
        "references": references,
        "tasks": tasks,
        "meta": meta,
        "text": source.text,
    }


def page_of(offset: int, pages: Iterable[int]) -> int:
    """The 1-based page holding text offset `offset`, given each page's start offset."""
    return max(bisect.bisect_right(list(pages), offset), 1)


def _number_pages(facts: list[dict | None], pages: tuple[int, ...]) -> None:
    for fact in facts:
        evidence = (fact or {}).get("evidence")
        if evidence and evidence.get("start") is not None:
            evidence["page"] = page_of(evidence["start"], pages)


def dumps(record: Record, indent: int | None = 2) -> str:
    """JSON text of a record: UTF-8 characters as written (no \\u escapes)."""
    return json.dumps(record, ensure_ascii=False, indent=indent)


def output_name(source: str) -> str:
    """`DIR/<source base name without extension>.json` (000_x.txt -> 000_x.json)."""
    return f"{Path(source).stem}.json"


def write(record: Record, out_dir: Path) -> Path:
    """Write one record as `out_dir/<stem>.json`; returns the path written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / output_name(record["source"])
    path.write_text(dumps(record) + "\n", encoding="utf-8")
    return path


def write_jsonl(records: Iterable[Record], path: Path) -> Path:
    """Write records one per line (the scorer reads .jsonl too)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for record in records:
            f.write(dumps(record, indent=None) + "\n")
    return path
