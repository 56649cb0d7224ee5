"""The load pipeline: read → extract → rdf → SHACL filter → graph rows → store writer.

Each stage stays in its own module; this one only takes the inputs (`read.inputs`), runs
the stages per document (in a process pool when asked: extraction is per document, and a
.jsonl is cut into chunks of records so that one big file still spreads over the
processes), groups documents into write batches, and keeps the report. Inputs are source
texts (.txt/.html/.md), or records (contract 1) as .json / .jsonl, which skip reading and
extraction. `bulk_load` builds an empty managed database in one import instead.
"""
from __future__ import annotations

import copy
import gc
import itertools
import json
import logging
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import neo4j
from vbkg.loaders.graph import changes, rdf
from vbkg.loaders.graph.rows import GraphRows, map_graph
from vbkg.loaders.read.inputs import InputError, input_files
from vbkg.loaders.store import bulk, server, settle, writer

CHUNK = 256  # records of a .jsonl per unit of work
log = logging.getLogger("vbkg.validate")


@dataclass
class Unit:
    """One piece of work for a process: a whole input, or a chunk of a .jsonl's lines."""

    path: Path
    lines: list[tuple[int, str]] | None = None  # (line number, text) of a .jsonl chunk
    last: bool = True  # the last piece of its input
    error: str | None = None  # the input could not be read into chunks


@dataclass
class LoadReport:
    files: int = 0
    documents: int = 0
    batches: int = 0
    stubs_merged: int = 0
    errors: list[str] = field(default_factory=list)  # one line each, naming the file
    refused: list[str] = field(default_factory=list)  # facts SHACL refused, with evidence
    seconds: dict[str, float] = field(default_factory=dict)  # bulk load: time per step


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
        from vbkg.loaders.extract import extract
        from vbkg.loaders.read.source import read_path

        yield extract(read_path(path))


def units(paths: list[Path]) -> Iterator[Unit]:
    """The inputs as units of work: a .jsonl in chunks of CHUNK lines, any other whole."""
    for path in paths:
        if path.suffix.lower() != ".jsonl":
            yield Unit(path)
            continue
        try:
            with path.open(encoding="utf-8") as text:
                numbered = ((n, line) for n, line in enumerate(text, start=1) if line.strip())
                chunk = list(itertools.islice(numbered, CHUNK))
                while chunk:
                    following = list(itertools.islice(numbered, CHUNK))
                    yield Unit(path, chunk, last=not following)
                    chunk = following
        except (OSError, UnicodeDecodeError) as exc:
            yield Unit(path, error=_one_line(exc, path))


def rows_of(record: dict, validate: bool = True) -> tuple[GraphRows, list[str]]:
    """One record → the rows of its facts that pass SHACL, and the refused facts."""
    if not validate:  # no store needed: map the triples as they are made
        return map_graph(rdf.record_triples(record)), []
    from vbkg.loaders.graph.shacl import split_facts

    split = split_facts(rdf.record_to_graph(record))
    refused = [_refusal_line(record, r.violation) for r in split.refused]
    return map_graph(split.accepted), refused


def write_succession(driver: neo4j.Driver, validate: bool = True,
                     database: str | None = None) -> bool:
    """Write the succession of bodies unless the graph holds it already (its source's
    sha256 is the digest of the data it is made from); True when it was written."""
    if writer.source_digest(driver, changes.SOURCE, database) == changes.digest():
        return False
    writer.write_batch(driver, succession_rows(validate), database)
    return True


def succession_rows(validate: bool = True) -> GraphRows:
    """The change events of data/succession.toml (KE_THUA, their bodies and TRUC_THUOC) as
    rows, SHACL-filtered like a document: the same for every load (MERGE: writing them
    again changes nothing). A fresh copy each call: rows are merged in place."""
    return copy.deepcopy(_succession_rows(validate))


@cache
def _succession_rows(validate: bool) -> GraphRows:
    triples = changes.change_triples()
    if not validate:
        return map_graph(triples)
    from vbkg.loaders.graph.shacl import split_facts

    graph = rdf.new_graph()
    graph.addN((s, p, o, graph) for s, p, o in triples)
    split = split_facts(graph)
    for refusal in split.refused:  # none today (tests/unit/test_shapes.py): said if any
        log.warning("%s: not loaded (%s): %s", changes.SOURCE, refusal.violation.shape,
                    refusal.violation.message.get("en", ""))
    return map_graph(split.accepted)


def prepare(unit: Unit, validate: bool = True) -> tuple[list[GraphRows], list[str], list[str]]:
    """All the stages before Neo4j for one unit: (rows per document, errors, refusals)."""
    rows, errors, refused = [], [], []
    if unit.error:
        return rows, [unit.error], refused
    with gc_paused():
        try:
            for record in _records(unit):
                if isinstance(record, InputError):  # one bad line of a .jsonl
                    errors.append(str(record))
                    continue
                try:
                    document, refusals = rows_of(record, validate)
                except ValueError as exc:
                    errors.append(_one_line(exc, unit.path))
                    continue
                rows.append(document)
                refused += refusals
        except (OSError, ValueError) as exc:
            errors.append(_one_line(exc, unit.path))
    return rows, errors, refused


@contextmanager
def gc_paused():
    """Pause the cycle collector while rows pile up: rows hold no reference cycles, and
    collecting over and over while millions of small objects are alive cost a third of
    a bulk load's Python time (benchmarks/results/load.md)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_records(paths: list[str]) -> tuple[list[dict], list[str]]:
    """Every record that files and folders hold (`.json`/`.jsonl` as they are, texts
    extracted) that maps to RDF, and one line per input (or .jsonl line) that holds none:
    a bad file never stops the batch of any command. Raises InputError for a missing path."""
    records, errors = [], []
    for unit in units(input_files(paths)):
        if unit.error:
            errors.append(unit.error)
            continue
        for record in _records(unit):
            if isinstance(record, InputError):
                errors.append(str(record))
                continue
            try:
                rdf.record_triples(record)
            except rdf.RecordError as exc:
                errors.append(str(exc))
                continue
            records.append(record)
    return records, errors


def _records(unit: Unit) -> Iterator[dict | InputError]:
    """The unit's records; an input or a .jsonl line that is no record comes as its error."""
    if unit.lines is None:
        from vbkg.loaders.read.source import ReadError

        try:
            yield from records_of(unit.path)
        except (OSError, ValueError, ReadError) as exc:
            yield InputError(_one_line(exc, unit.path))
        except Exception as exc:  # a bug must not stop the batch; report it on one line
            message = " ".join(str(exc).split()) or "no message"
            yield InputError(f"{unit.path}: extraction failed ({type(exc).__name__}: {message})")
        return
    for number, line in unit.lines:
        try:
            yield _json(line, f"{unit.path}:{number}")
        except InputError as exc:
            yield exc


def load(paths: list[Path], driver: neo4j.Driver, *, batch_size: int = 200, jobs: int = 1,
         validate: bool = True, database: str | None = None,
         on_file: Callable[[Path], None] | None = None) -> LoadReport:
    """Load every input; each batch of `batch_size` documents is one transaction, after
    the succession of bodies (`succession_rows`) in one of its own."""
    report = LoadReport(files=len(paths))
    writer.ensure_schema(driver, database)
    try:  # first: the documents' bodies then merge into the succession's
        write_succession(driver, validate, database)
    except neo4j.exceptions.Neo4jError as exc:
        report.errors.append(f"{changes.SOURCE}: not written: "
                             f"{exc.code}: {exc.message}")

    def batches() -> Iterator[GraphRows]:
        batch = GraphRows()
        for size, document in enumerate(documents(paths, report, jobs, validate, on_file), 1):
            batch.extend(document)
            if size % batch_size == 0:
                yield batch
                batch = GraphRows()
        if batch.nodes:
            yield batch

    written = writer.write_batches(driver, batches(), database)
    report.documents = written.documents
    report.batches = written.batches
    report.stubs_merged = written.stubs_merged
    report.errors += [f"batch of {', '.join(f.documents) or '?'} not written: {f.error}"
                      for f in written.failures]
    return report


def bulk_load(paths: list[Path], dirs: server.InstallDirs, *, jobs: int = 1,
              validate: bool = True,
              on_file: Callable[[Path], None] | None = None) -> LoadReport:
    """Build the managed server's empty database from every input in one offline import.

    The rows of all documents are merged and settled in memory as one writer batch would
    leave them, then imported (store/bulk.py); the graph equals what `load` builds with a
    single batch. Refuses a database that holds anything: the import replaces it. Drivers
    opened before hold bookmarks of the replaced database: open new ones afterwards."""
    with bulk.connect(dirs) as driver:
        held = bulk.node_count(driver)
    if held:
        raise bulk.BulkImportError(
            f"the graph already holds {held:,} nodes; a bulk load builds an empty database "
            "(load into it without --bulk, or bulk load into a new data dir: VBKG_DATA_DIR)")
    report = LoadReport(files=len(paths))
    rows = succession_rows(validate)
    clock = time.perf_counter()
    with gc_paused():
        with ThreadPoolExecutor(max_workers=1) as stopper:
            # the database is replaced: the server stops (10 s, mostly Bolt's shutdown)
            # while the rows are prepared, and comes back as it ran if preparing fails
            stopped = stopper.submit(server.stop, dirs)
            try:
                for document in documents(paths, report, jobs, validate, on_file):
                    rows.extend(document)
            except BaseException:
                stopped.result()
                server.restart(dirs)
                raise
            stopped.result()
        report.documents = len({s for d in rows.documents() for s in d.sources})
        report.seconds["prepare"], clock = time.perf_counter() - clock, time.perf_counter()
        report.stubs_merged = settle.settle(rows)
        report.seconds["settle"] = time.perf_counter() - clock
        report.seconds.update(bulk.rebuild(dirs, rows, jobs))
    report.batches = 1
    return report


def documents(paths: list[Path], report: LoadReport, jobs: int = 1, validate: bool = True,
              on_file: Callable[[Path], None] | None = None) -> Iterator[GraphRows]:
    """Each document's rows, in input order; errors and refusals go to `report`, and
    `on_file` hears of each input once all of it is done."""
    for unit, (rows, errors, refused) in _prepared(list(units(paths)), jobs, validate):
        report.errors += errors
        report.refused += refused
        yield from rows
        if unit.last and on_file is not None:
            on_file(unit.path)


def _prepared(work: list[Unit], jobs: int, validate: bool):
    if jobs <= 1:
        return ((unit, prepare(unit, validate)) for unit in work)
    pool = ProcessPoolExecutor(max_workers=jobs)
    results = pool.map(prepare, work, [validate] * len(work), chunksize=4)

    def drain():
        try:
            yield from zip(work, results, strict=True)
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
