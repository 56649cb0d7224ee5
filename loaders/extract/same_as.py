"""Records of one document from different sources name each other (DOMAIN.md §1.6).

Two records are the same document when their identity keys (identity.py) and
issue dates are equal, or when the sources are byte-identical.
"""

from __future__ import annotations

from collections import defaultdict

from vbkg.loaders.graph.identity import document_key


def _key(record: dict) -> tuple | None:
    doc = record.get("document") or {}
    if not (doc.get("so_hieu") and doc.get("ngay_ban_hanh")):
        return None
    issuer = doc.get("co_quan_ban_hanh") or {}
    try:
        key = document_key(doc, issuer.get("dia_ban"))
    except ValueError:
        return None
    return ("doc", key, doc["ngay_ban_hanh"])


def link_same_as(records: list[dict]) -> None:
    """Fill every record's `same_as` with the other sources of its document, in place."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for record in records:
        sha = (record.get("meta") or {}).get("sha256")
        keys = {_key(record), ("sha256", sha) if sha else None} - {None}
        for key in keys:
            groups[key].append(record)
    for record in records:
        others = set()
        for members in groups.values():
            if any(m is record for m in members):
                others.update(m["source"] for m in members if m is not record)
        record["same_as"] = sorted(others - {record["source"]})
