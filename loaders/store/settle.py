"""The settling rules, and what the writer's statements leave in an empty database,
computed on rows in memory.

`store/writer.py` settles two things in the database as it MERGEs: only a document's
preferred copy keeps its tasks, and a stub whose partial key names exactly one other
document becomes that document. A from-scratch build (`store/bulk.py`) writes no
statement, so it settles its rows here first, by the same rules. The rules' constants
live here only: the writer's stub statement is generated from `MOVED_TYPES` and run with
`UNDATED` as a parameter (tests/unit/test_settle.py checks it), and the integration tests
compare the two graphs property by property.
"""
from __future__ import annotations

from collections import defaultdict

from vbkg.loaders.graph.identity import UNKNOWN
from vbkg.loaders.graph.rows import REFERENCE_TYPES, GraphRows, NodeRow, RelRow

# The relationship types that can end at a stub, which a merged stub hands over to its
# document: the references to it, its issuer, and the tasks that oblige to implement it.
# (KY also ends at a document, but a signer is only read from a loaded document's own text.)
MOVED_TYPES = (*REFERENCE_TYPES, "BAN_HANH", "VE_VAN_BAN")
# How the key of a stub cited without a date ends (graph/identity.py: term or year unknown);
# such a stub also merges into the one dated stub of its partial key.
UNDATED = "|" + UNKNOWN


def settle(rows: GraphRows) -> int:
    """Settle `rows` in place as one writer batch into an empty database would; returns how
    many stubs were merged into their documents."""
    drop_other_copies_tasks(rows)
    merged = 0
    # again until nothing moves: an undated stub sees two candidates while a dated stub of
    # its document is still apart, and one once that stub has become the document
    while found := merge_stubs(rows):
        merged += found
    return merged


def drop_other_copies_tasks(rows: GraphRows) -> None:
    """A task is kept only when it was read from its document's preferred copy."""
    document_of = {r.end[1]: r.start[1] for r in rows.rels.values() if r.type == "GIAO"}
    gone = {
        key for key, node in rows.nodes.items()
        if node.labels[0] == "NhiemVu" and key in document_of
        and rows.nodes[document_of[key]].props.get("nguonChinh") != node.props.get("source")
    }
    _remove(rows, gone)


def merge_stubs(rows: GraphRows) -> int:
    """A stub whose partial key names exactly one loaded document (or, for a stub cited
    without a date, `…|?`, exactly one other node) becomes it: its incoming references
    move over, merging with the document's own; the stub goes."""
    by_partial: dict[str, list[NodeRow]] = defaultdict(list)
    for node in rows.nodes.values():
        if node.labels[0] == "VanBan" and node.props.get("khoaMotPhan"):
            by_partial[node.props["khoaMotPhan"]].append(node)
    target: dict[str, str] = {}  # stub key → document key, decided before anything moves
    for group in by_partial.values():
        for stub in group:
            if not stub.stub:
                continue
            undated = stub.key.endswith(UNDATED)
            docs = [d for d in group if d is not stub and (not d.stub or undated)]
            if len(docs) == 1:
                target[stub.key] = docs[0].key
    if not target:
        return 0
    moved: list[RelRow] = []
    for ident, rel in list(rows.rels.items()):
        if rel.end[0] == "VanBan" and rel.end[1] in target and rel.type in MOVED_TYPES:
            moved.append(rel)
            del rows.rels[ident]
    _remove(rows, set(target))
    for rel in moved:
        _move(rows, rel, ("VanBan", target[rel.end[1]]))
    return len(target)


def _move(rows: GraphRows, rel: RelRow, end: tuple[str, str]) -> None:
    """MERGE the relationship onto its new end: a new one keeps the stub's properties and
    sources; an existing one keeps its properties and gains the sources it lacked."""
    known = rows.rels.get((rel.type, rel.start, end))
    if known is None:
        rows.rels[(rel.type, rel.start, end)] = RelRow(rel.type, rel.start, end, rel.props,
                                                       rel.sources)
    else:
        known.sources = known.sources + [s for s in rel.sources if s not in known.sources]


def _remove(rows: GraphRows, keys: set[str]) -> None:
    """Delete the nodes `keys` and every relationship touching them (DETACH DELETE)."""
    if not keys:
        return
    for key in keys:
        del rows.nodes[key]
    for ident in [i for i, r in rows.rels.items() if r.start[1] in keys or r.end[1] in keys]:
        del rows.rels[ident]
