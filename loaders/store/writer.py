"""Property-graph rows → Neo4j: schema first, then one transaction per batch of documents.

Each batch is written by `session.execute_write` (the driver retries transient errors)
as `UNWIND $rows … MERGE` statements, one per label set and per relationship type, then
merges the stubs the batch can resolve, all in the same transaction: Neo4j never holds
half a document, and writing the same rows again changes nothing. Labels and types are
spliced into the statements only from the ontology's names (checked by graph/rows.py);
everything else is a parameter.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import neo4j
from vbkg.loaders.graph.rows import ROOT_LABELS, GraphRows
from vbkg.loaders.store.settle import MOVED_TYPES, UNDATED

FULLTEXT_INDEX = "vbkg_search"
SCHEMA = [
    # vbkg_text (the standard analyzer) is replaced by vbkg_search: Neo4j holds one
    # full-text index per schema, and users type without diacritics.
    "DROP INDEX vbkg_text IF EXISTS",
    *(
        f"CREATE CONSTRAINT {label.lower()}_key IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.key IS UNIQUE"
        for label in ROOT_LABELS
    ),
    "CREATE INDEX vanban_sohieu IF NOT EXISTS FOR (n:VanBan) ON (n.soHieu)",
    "CREATE INDEX vanban_partial IF NOT EXISTS FOR (n:VanBan) ON (n.khoaMotPhan)",
    "CREATE INDEX vanban_stub IF NOT EXISTS FOR (n:VanBan) ON (n.stub)",
    # `key CONTAINS '|TU|NQ|5|'`: a số hiệu however typed (queries/documents_by_number)
    "CREATE TEXT INDEX vanban_key_text IF NOT EXISTS FOR (n:VanBan) ON (n.key)",
    "CREATE INDEX tochuc_ten IF NOT EXISTS FOR (n:ToChuc) ON (n.ten, n.diaBan)",
    "CREATE INDEX nhiemvu_phai IF NOT EXISTS FOR (n:NhiemVu) ON (n.vanBanPhaiBanHanh)",
    f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (n:VanBan|NhiemVu) "
    "ON EACH [n.trichYeu, n.noiDung, n.tenGoi] "
    # folds diacritics and đ: "cung co" finds "củng cố"; the app ranks exact accents first
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}",
]

# A stub row never overwrites a loaded document; a document row turns a stub into it. Of
# two copies of one document (same key, two sources), the preferred one (graph/rows.
# preferred_copy) sets the properties and keeps its tasks: when it arrives after a worse
# copy, that copy's tasks go, in this transaction; a worse copy arriving later only adds
# its source. The preferred copy's row lists its tasks (`r.tasks`): any other task of the
# document (another copy's, or one a re-extraction no longer finds) goes.
_DOCUMENT_NODES = """
UNWIND $rows AS r
MERGE (n:VanBan {{key: r.key}})
ON CREATE SET n.stub = true, n.sources = []
WITH n, r
WHERE NOT r.stub OR n.stub
WITH n, r, r.stub OR n.stub OR r.props.diemNguon > coalesce(n.diemNguon, -1)
     OR (r.props.diemNguon = n.diemNguon AND r.props.nguonChinh <= n.nguonChinh) AS preferred
SET n.sources = n.sources + [s IN r.sources WHERE NOT s IN n.sources]{labels}
FOREACH (_ IN CASE WHEN preferred THEN [1] ELSE [] END |
  SET n += r.props, n.stub = n.stub AND r.stub)
WITH n, r WHERE NOT r.stub AND n.nguonChinh = r.props.nguonChinh
CALL (n, r) {{
  MATCH (n)-[:GIAO]->(t:NhiemVu)
  WHERE NOT t.key IN r.tasks
  DETACH DELETE t
}}
"""
# A task is written only when it comes from its document's preferred copy.
_TASK_NODES = """
UNWIND $rows AS r
WITH r WHERE r.doc IS NULL
  OR EXISTS {{ MATCH (d:VanBan {{key: r.doc}}) WHERE d.nguonChinh = r.props.source }}
MERGE (n:NhiemVu {{key: r.key}})
SET n += r.props{labels}
"""
_NODES = """
UNWIND $rows AS r
MERGE (n:{root} {{key: r.key}})
SET n += r.props{labels}
"""
# A relationship read from several copies keeps the evidence of the preferred copy of the
# document at either end (whatever the load order); a new one takes its first row's.
_RELS = """
UNWIND $rows AS r
MATCH (a:{start} {{key: r.start}})
MATCH (b:{end} {{key: r.end}})
MERGE (a)-[x:{type}]->(b)
WITH x, r, coalesce(x.sources, []) AS had,
     x.sources IS NULL
     OR coalesce(any(s IN r.sources WHERE s = a.nguonChinh OR s = b.nguonChinh), false) AS evidence
FOREACH (_ IN CASE WHEN evidence THEN [1] ELSE [] END | SET x = r.props)
FOREACH (_ IN CASE WHEN size(had) + size(r.sources) > 0 THEN [1] ELSE [] END |
  SET x.sources = had + [s IN r.sources WHERE NOT s IN had])
"""
# The rules of store/settle.py (its `merge_stubs` does the same on rows): a stub whose
# partial key (identity.py: the key without its term/year) names exactly one loaded
# document becomes that document; a stub whose term is unknown (`$undated`, cited without a
# date) also merges into the one other node of its partial key when that is a dated stub.
# Its relationships of the MOVED_TYPES move over, the stub goes. With two or more
# candidates it stays.
_RESOLVE_STUBS = """
UNWIND $partials AS pk
MATCH (s:VanBan {khoaMotPhan: pk})
WHERE s.stub = true
WITH s, pk, COLLECT { MATCH (d:VanBan {khoaMotPhan: pk})
                      WHERE d <> s AND (d.stub = false OR s.key ENDS WITH $undated)
                      RETURN d } AS docs
WHERE size(docs) = 1
WITH s, docs[0] AS d
""" + "".join(
    f"""CALL (s, d) {{
  MATCH (a)-[r:{rel}]->(s)
  MERGE (a)-[x:{rel}]->(d)
  ON CREATE SET x = properties(r)
  ON MATCH SET x.sources = CASE WHEN x.sources IS NULL AND r.sources IS NULL THEN null
    ELSE coalesce(x.sources, [])
         + [f IN coalesce(r.sources, []) WHERE NOT f IN coalesce(x.sources, [])]
    END
  DELETE r
}}
"""
    for rel in MOVED_TYPES
) + """DETACH DELETE s
RETURN count(*) AS merged
"""


@dataclass
class BatchFailure:
    documents: list[str]  # the source files of the batch
    error: str


@dataclass
class WriteReport:
    batches: int = 0
    documents: int = 0  # source files whose documents were written
    stubs_merged: int = 0
    failures: list[BatchFailure] = field(default_factory=list)


class ServerLost(RuntimeError):
    """Neo4j stopped answering mid-load; says how far the load got and how to resume."""


def ensure_schema(driver: neo4j.Driver, database: str | None = None) -> None:
    """Constraints and indexes, created before the first write and waited for.

    Two loaders may start at once on a fresh database: each statement is retried on
    transient errors (a deadlock between the two), and one that the other loader created
    first is already there, which is what was wanted."""
    try:
        with driver.session(database=database) as session:
            for statement in SCHEMA:
                try:
                    session.execute_write(lambda tx, text=statement: tx.run(text).consume())
                except neo4j.exceptions.ClientError as exc:
                    if not (exc.code or "").endswith("AlreadyExists"):
                        raise
            session.run("CALL db.awaitIndexes(300)").consume()
    except neo4j.exceptions.DriverError as exc:
        raise ServerLost(f"Neo4j stopped answering ({type(exc).__name__}) before the first "
                         "write; start it (`vbkg neo4j start`) and run the load again") from None


def statements(rows: GraphRows) -> list[tuple[str, dict]]:
    """The parameterised statements that write one batch, in dependency order."""
    document_of = {r.end[1]: r.start[1] for r in rows.rels.values() if r.type == "GIAO"}
    tasks_of: dict[tuple, list[str]] = defaultdict(list)  # (document, source) → its tasks
    for task, document in document_of.items():
        tasks_of[(document, rows.nodes[task].props.get("source"))].append(task)
    nodes: dict[tuple[str, ...], list[dict]] = defaultdict(list)
    for n in rows.nodes.values():
        row = {"key": n.key, "props": n.props}
        if n.labels[0] == "VanBan":
            row.update(stub=n.stub, sources=n.sources,
                       tasks=sorted(tasks_of.get((n.key, n.props.get("nguonChinh")), ())))
        elif n.labels[0] == "NhiemVu":
            row["doc"] = document_of.get(n.key)
        nodes[n.labels].append(row)
    out = []
    # documents first: which copy is preferred decides which tasks are written
    for labels, batch in sorted(nodes.items(), key=lambda item: (item[0][0] != "VanBan", item[0])):
        root, extra = labels[0], labels[1:]
        label_set = "\nSET n:" + ":".join(extra) if extra else ""
        template = {"VanBan": _DOCUMENT_NODES, "NhiemVu": _TASK_NODES}.get(root, _NODES)
        out.append((template.format(root=root, labels=label_set), {"rows": batch}))
    rels: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for r in rows.rels.values():
        rels[(r.type, r.start[0], r.end[0])].append(
            {"start": r.start[1], "end": r.end[1], "props": r.props, "sources": r.sources}
        )
    for (rel, start, end), batch in sorted(rels.items()):
        out.append((_RELS.format(type=rel, start=start, end=end), {"rows": batch}))
    partials = sorted({n.props["khoaMotPhan"] for n in rows.nodes.values()
                       if n.labels[0] == "VanBan" and n.props.get("khoaMotPhan")})
    if partials:
        out.append((_RESOLVE_STUBS, {"partials": partials, "undated": UNDATED}))
    return out


def source_digest(driver: neo4j.Driver, key: str, database: str | None = None) -> str | None:
    """The sha256 the graph holds for a source (`Nguon`), or None when it has none."""
    # properties(n), not n.sha256: an empty graph has no such key and the server says so
    records = driver.execute_query("MATCH (n:Nguon {key: $key}) RETURN properties(n) AS p",
                                   key=key, database_=database).records
    return records[0]["p"].get("sha256") if records else None


def write_batch(driver: neo4j.Driver, rows: GraphRows, database: str | None = None) -> int:
    """Write one batch in one managed transaction; returns how many stubs it merged."""
    work = statements(rows)

    def write(tx: neo4j.ManagedTransaction) -> int:
        merged = 0
        for text, params in work:
            if text is _RESOLVE_STUBS:
                # again until nothing merges (settle.settle says why)
                while found := tx.run(text, params).single()["merged"]:
                    merged += found
            else:
                tx.run(text, params).consume()
        return merged

    with driver.session(database=database) as session:
        return session.execute_write(write)


def write_batches(driver: neo4j.Driver, batches: Iterable[GraphRows],
                  database: str | None = None) -> WriteReport:
    """Write each GraphRows batch; a failed batch is rolled back, reported, and skipped.

    The next batch is prepared (read, extracted, mapped) while the server writes the
    previous one, on one writer thread: batches are still written one at a time, in order.
    When the server is lost (the driver's retries exhausted), writing stops with ServerLost:
    what was committed stays, the batch in flight was rolled back whole.
    """
    report = WriteReport()

    def write(rows: GraphRows) -> None:
        documents = sorted({s for d in rows.documents() for s in d.sources})
        try:
            report.stubs_merged += write_batch(driver, rows, database)
            report.batches += 1
            report.documents += len(documents)
        except neo4j.exceptions.Neo4jError as exc:
            report.failures.append(BatchFailure(documents, f"{exc.code}: {exc.message}"))
        except neo4j.exceptions.DriverError as exc:
            raise ServerLost(
                f"Neo4j stopped answering ({type(exc).__name__}) after {report.documents} "
                f"documents committed in {report.batches} batches; nothing half-written. Start "
                "it again (`vbkg neo4j start`) and run the same load: what is loaded stays "
                "as it is, the rest is added") from None

    with ThreadPoolExecutor(max_workers=1) as writer:
        pending = None
        for rows in batches:
            if pending is not None:
                pending.result()
            pending = writer.submit(write, rows)
        if pending is not None:
            pending.result()
    return report
