"""From-scratch builds: settled rows → CSV → `neo4j-admin database import` → schema.

The incremental writer MERGEs a few hundred documents a second; Neo4j's offline importer
fills an empty database at hundreds of thousands of records a second (docs/neo4j.md).
So a graph built from nothing is merged and settled in memory (graph/rows.py, store/settle.py),
written as CSV files, one per label and property-type signature (a column has one type),
and imported while the managed server is stopped; the server is started again on the
same ports and the writer's schema is created on the imported data.
"""
from __future__ import annotations

import multiprocessing
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import neo4j
from vbkg.loaders.graph.rows import GraphRows, RelRow
from vbkg.loaders.store import server
from vbkg.loaders.store.writer import ensure_schema

ARRAY_DELIMITER = "\x1f"  # between the items of a list property and between labels


class BulkImportError(RuntimeError):
    """Why a from-scratch build cannot run (one line, saying what to do)."""


def write_csv(rows: GraphRows, folder: Path, jobs: int = 1) -> tuple[list[Path], list[Path]]:
    """Write the rows as neo4j-admin CSV files in `folder`: (node files, relationship files).

    With jobs > 1, forked processes each write a share of the relationships (three in
    four rows) while this one writes the nodes."""
    if jobs <= 1:
        return _write_nodes(rows, folder), _write_rels(list(rows.rels.values()), folder, 0)
    rels = list(rows.rels.values())
    fork = multiprocessing.get_context("fork")
    writers = [fork.Process(target=_write_share, args=(rels[part::jobs], folder, part))
               for part in range(jobs)]
    for writer in writers:
        writer.start()
    nodes = _write_nodes(rows, folder)
    for part, writer in enumerate(writers):
        writer.join()
        if writer.exitcode != 0:
            failure = folder / f"error-{part}.txt"
            raise BulkImportError(failure.read_text(encoding="utf-8") if failure.exists()
                                  else f"a CSV writer process exited with {writer.exitcode}")
    return nodes, sorted(folder.glob("relationships-*.csv"))


def _write_nodes(rows: GraphRows, folder: Path) -> list[Path]:
    groups: dict[tuple, list[list[str]]] = defaultdict(list)
    for node in rows.nodes.values():
        props = dict(node.props)
        if node.labels[0] == "VanBan":
            props["stub"] = node.stub
            if node.sources:  # a stub's empty list is set after the import (`rebuild`)
                props["sources"] = node.sources
        names, fields = _columns(props)
        groups[(node.labels[0], names)].append(
            [_quoted(node.key), _quoted(ARRAY_DELIMITER.join(node.labels)), *fields])
    return [_write(folder / f"nodes-{n}.csv", [f"key:ID({root})", ":LABEL", *names], lines)
            for n, ((root, names), lines) in enumerate(sorted(groups.items()))]


def _write_rels(rels: list[RelRow], folder: Path, part: int) -> list[Path]:
    groups: dict[tuple, list[list[str]]] = defaultdict(list)
    for rel in rels:
        props = dict(rel.props, sources=rel.sources) if rel.sources else rel.props
        names, fields = _columns(props)
        groups[(rel.start[0], rel.end[0], names)].append(
            [_quoted(rel.start[1]), _quoted(rel.end[1]), rel.type, *fields])
    return [_write(folder / f"relationships-{part}-{n}.csv",
                   [f":START_ID({start})", f":END_ID({end})", ":TYPE", *names], lines)
            for n, ((start, end, names), lines) in enumerate(sorted(groups.items()))]


def _write_share(rels: list[RelRow], folder: Path, part: int) -> None:
    """A forked writer: its error goes to a file for the parent to raise."""
    try:
        _write_rels(rels, folder, part)
    except BulkImportError as exc:
        (folder / f"error-{part}.txt").write_text(str(exc), encoding="utf-8")
        raise SystemExit(1) from None


def connect(dirs: server.InstallDirs) -> neo4j.Driver:
    """A driver for the managed server of `dirs`, started if it is not running."""
    status = server.start(dirs)
    return neo4j.GraphDatabase.driver(
        status.bolt_uri, auth=(server.USER, server.read_password(dirs)))


def rebuild(dirs: server.InstallDirs, rows: GraphRows, jobs: int = 1) -> dict[str, float]:
    """Replace the managed server's database with `rows` (already settled), start it again
    as it last ran (ports, memory), and create the schema.

    If the import fails, an empty database is imported instead (Neo4j never holds part of
    the rows) and the error is raised. Returns the seconds each step took."""
    clock = time.perf_counter()
    seconds = {}
    with tempfile.TemporaryDirectory(prefix="vbkg-import-", dir=dirs.data_dir) as work:
        folder = Path(work)
        nodes, rels = write_csv(rows, folder, jobs)
        report = folder / "import.report"
        seconds["csv"], clock = time.perf_counter() - clock, time.perf_counter()
        server.stop(dirs)  # bulk_load has stopped it already, while preparing
        try:
            server.import_database(dirs, nodes, rels, report, ARRAY_DELIMITER)
        except server.ServerError:
            empty = _write(folder / "empty.csv", ["key:ID(VanBan)"], [])
            server.import_database(dirs, [empty], [], report, ARRAY_DELIMITER)
            raise
        finally:
            seconds["import"], clock = time.perf_counter() - clock, time.perf_counter()
            server.restart(dirs)
    seconds["start"], clock = time.perf_counter() - clock, time.perf_counter()
    with connect(dirs) as driver:
        ensure_schema(driver)
        # what CSV cannot say: a stub's empty list of sources
        driver.execute_query("MATCH (n:VanBan) WHERE n.sources IS NULL SET n.sources = []")
    seconds["schema"] = time.perf_counter() - clock
    return seconds


def node_count(driver: neo4j.Driver) -> int:
    records, _, _ = driver.execute_query("RETURN COUNT { MATCH (n) } AS n",
                                         routing_=neo4j.RoutingControl.READ)
    return records[0]["n"]


_TYPES = {bool: "boolean", int: "long", float: "double", str: "string", list: "string[]"}


def _columns(props: dict) -> tuple[tuple[str, ...], list[str]]:
    """The typed column names (`diemNguon:long`) and the fields of one row's properties."""
    names, fields = [], []
    for name in sorted(props):
        value = props[name]
        kind = _TYPES.get(type(value))
        if kind is None or (kind == "string[]" and not all(type(v) is str for v in value)):
            raise BulkImportError(f"property {name}={value!r} has no Neo4j CSV type")
        if kind == "string[]":
            if any(ARRAY_DELIMITER in v for v in value):
                raise BulkImportError(f"property {name}={value!r} holds the array delimiter")
            value = ARRAY_DELIMITER.join(value)
        names.append(f"{name}:{kind}")
        fields.append(_field(value))
    return tuple(names), fields


def _field(value) -> str:
    if type(value) is bool:
        return "true" if value else "false"
    if type(value) in (int, float):
        return repr(value)
    return _quoted(value)


def _quoted(text: str) -> str:
    """A quoted CSV field: an empty string stays a property (only an empty field is absent)."""
    return '"' + text.replace('"', '""') + '"'


def _write(path: Path, header: list[str], lines: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(header) + "\n")
        out.writelines(",".join(line) + "\n" for line in lines)
    return path
