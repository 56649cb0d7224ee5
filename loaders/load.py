"""The load pipeline: read → extract → rdf → SHACL filter → graph_map → neo4j_writer.

Each stage stays in its own module; this one only finds the inputs, runs the stages per
document (in a process pool when asked: extraction is per document), groups documents
into write batches, and keeps the report. Inputs are source texts (.txt/.html/.md), or
records (contract 1) as .json / .jsonl, which skip reading and extraction.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import neo4j

from . import graph_map, neo4j_writer, rdf
from .graph_map import GraphRows

SOURCE_SUFFIXES = {".txt", ".html", ".htm", ".md", ".markdown"}
RECORD_SUFFIXES = {".json", ".jsonl"}


class InputError(ValueError):
    """An input path that cannot be loaded (one line naming it)."""


@dataclass
class LoadReport:
    files: int = 0
    documents: int = 0
    batches: int = 0
    stubs_merged: int = 0
    errors: list[str] = field(default_factory=list)  # one line each, naming the file
    refused: list[str] = field(default_factory=list)  # facts SHACL refused, with evidence


def input_files(args: Iterable[str], stdin: TextIO | None = None) -> list[Path]:
    """Files, folders (searched recursively) and `-` (a list of paths on stdin) → files."""
    found: list[Path] = []
    for arg in args:
        if arg == "-":
            lines = (stdin or sys.stdin).read().splitlines()
            found += input_files([line.strip() for line in lines if line.strip()])
            continue
        path = Path(arg)
        if path.is_dir():
            wanted = SOURCE_SUFFIXES | RECORD_SUFFIXES
            found += sorted(p for p in path.rglob("*")
                            if p.is_file() and p.suffix.lower() in wanted)
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(f"{arg}: no such file or folder")
    return found


def records_of(path: Path) -> Iterator[dict]:
    """The records one input holds: a .json record, a .jsonl of records, or a source text."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if line.strip():
                    yield _json(line, f"{path}:{number}")
    elif suffix == ".json":
        yield _json(path.read_text(encoding="utf-8"), str(path))
    else:
        from .extract import extract
        from .read import read_path

        yield extract(read_path(path))


def rows_of(record: dict, validate: bool = True) -> tuple[GraphRows, list[str]]:
    """One record → the rows of its facts that pass SHACL, and the refused facts."""
    graph = rdf.record_to_graph(record)
    refused = []
    if validate:
        from .validate import split_facts

        split = split_facts(graph)
        graph = split.accepted
        refused = [_refusal_line(record, r.violation) for r in split.refused]
    return graph_map.map_graph(graph), refused


def prepare(path: Path, validate: bool = True) -> tuple[list[GraphRows], list[str], list[str]]:
    """All the stages before Neo4j for one input: (rows per document, errors, refusals)."""
    rows, errors, refused = [], [], []
    try:
        for record in records_of(path):
            try:
                document, refusals = rows_of(record, validate)
            except ValueError as exc:
                errors.append(_one_line(exc, path))
                continue
            rows.append(document)
            refused += refusals
    except (OSError, ValueError) as exc:
        errors.append(_one_line(exc, path))
    return rows, errors, refused


def load(paths: list[Path], driver: neo4j.Driver, *, batch_size: int = 200, jobs: int = 1,
         validate: bool = True, database: str | None = None,
         on_file: Callable[[Path], None] | None = None) -> LoadReport:
    """Load every input; each batch of `batch_size` documents is one transaction."""
    report = LoadReport(files=len(paths))
    neo4j_writer.ensure_schema(driver, database)

    def batches() -> Iterator[GraphRows]:
        batch, size = GraphRows(), 0
        for path, (rows, errors, refused) in zip(paths, _prepared(paths, jobs, validate),
                                                 strict=True):
            report.errors += errors
            report.refused += refused
            for document in rows:
                batch.extend(document)
                size += 1
                if size >= batch_size:
                    yield batch
                    batch, size = GraphRows(), 0
            if on_file is not None:
                on_file(path)
        if size:
            yield batch

    written = neo4j_writer.write_batches(driver, batches(), database)
    report.documents = written.documents
    report.batches = written.batches
    report.stubs_merged = written.stubs_merged
    report.errors += [f"batch of {', '.join(f.documents) or '?'} not written: {f.error}"
                      for f in written.failures]
    return report


def _prepared(paths: list[Path], jobs: int, validate: bool):
    if jobs <= 1:
        return (prepare(p, validate) for p in paths)
    pool = ProcessPoolExecutor(max_workers=jobs)
    results = pool.map(prepare, paths, [validate] * len(paths), chunksize=16)

    def drain():
        try:
            yield from results
        finally:
            pool.shutdown()

    return drain()


def _json(text: str, name: str) -> dict:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: not a JSON record ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(record, dict) or "document" not in record:
        raise InputError(f"{name}: not a record (needs a 'document' object)")
    return record


def _refusal_line(record: dict, violation) -> str:
    message = violation.message.get("en") or next(iter(violation.message.values()), "")
    quote = violation.evidence.quote if violation.evidence and violation.evidence.quote else ""
    where = f' at "{quote[:80]}"' if quote else ""
    return f"{record.get('source', '?')}: not loaded ({violation.shape}): {message}{where}"


def _one_line(exc: Exception, path: Path) -> str:
    message = " ".join(str(exc).split())
    return message if str(path.name) in message else f"{path}: {message}"
