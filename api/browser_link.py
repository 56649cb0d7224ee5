"""Links that open Neo4j Browser with a page's Cypher filled in.

The Browser URL parameters (`cmd=edit&arg=<cypher>`) cannot carry query
parameters, so the Cypher holds literal values. They are written with
`cypher_string`, which escapes every character that could end or bend a
Cypher string literal. The link is only offered to the user; the app never
runs this text.
"""
from __future__ import annotations

import os
from urllib.parse import quote, urlencode

DEFAULT_BROWSER_URL = "http://localhost:7474/browser/"

_ESCAPES = {
    "\\": "\\\\",
    "'": "\\'",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}


def cypher_string(value: str) -> str:
    """Return `value` as a single-quoted Cypher string literal."""
    out = []
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def browser_url() -> str:
    """The Neo4j Browser to link to: `VBKG_BROWSER_URL`, else the local default."""
    return os.environ.get("VBKG_BROWSER_URL", DEFAULT_BROWSER_URL)


def browser_link(cypher: str, base: str | None = None) -> str:
    """URL that opens the Browser with `cypher` in its editor (not run)."""
    # %20, not "+", for spaces: the Browser reads the query with decodeURIComponent.
    query = urlencode({"cmd": "edit", "arg": cypher}, quote_via=quote)
    return (base or browser_url()) + "?" + query


def document_cypher(key: str) -> str:
    """The document, what it implements upward and what implements it downward."""
    k = cypher_string(key)
    return (
        f"MATCH (d:VanBan {{key: {k}}})\n"
        "OPTIONAL MATCH up = (d)-[:THUC_HIEN*1..]->(:VanBan)\n"
        "OPTIONAL MATCH down = (d)<-[:THUC_HIEN*1..]-(:VanBan)\n"
        "OPTIONAL MATCH tasks = (d)-[:GIAO]->(:NhiemVu)<-[:CHU_TRI|PHOI_HOP]-(:ToChuc)\n"
        "RETURN d, up, down, tasks"
    )


def body_cypher(key: str) -> str:
    """A body with what it issued, its tasks and whom it reports to."""
    k = cypher_string(key)
    return (
        f"MATCH (b:ToChuc {{key: {k}}})\n"
        "OPTIONAL MATCH issued = (b)-[:BAN_HANH]->(:VanBan)\n"
        "OPTIONAL MATCH tasks = (b)-[:CHU_TRI|PHOI_HOP]->(:NhiemVu)<-[:GIAO]-(:VanBan)\n"
        "OPTIONAL MATCH reports = (b)-[:CHU_TRI]->(:NhiemVu)-[:BAO_CAO_CHO]->(:ToChuc)\n"
        "RETURN b, issued, tasks, reports"
    )


def obligation_cypher(key: str) -> str:
    """One obligation with its document, assignees and report-to bodies."""
    k = cypher_string(key)
    return (
        f"MATCH (t:NhiemVu {{key: {k}}})\n"
        "OPTIONAL MATCH p = (t)-[:GIAO|CHU_TRI|PHOI_HOP|BAO_CAO_CHO|VE_VAN_BAN]-()\n"
        "RETURN t, p"
    )


def search_cypher(q: str) -> str:
    """Documents whose trích yếu or số hiệu contains the search text."""
    s = cypher_string(q)
    return (
        "MATCH (d:VanBan)\n"
        f"WHERE toLower(coalesce(d.trichYeu, '')) CONTAINS toLower({s})\n"
        f"   OR toLower(coalesce(d.soHieu, '')) CONTAINS toLower({s})\n"
        "OPTIONAL MATCH p = (d)-[:THUC_HIEN]-(:VanBan)\n"
        "RETURN d, p LIMIT 100"
    )


def gaps_cypher(dia_ban: str | None) -> str:
    """Obligations to issue an implementing document, with the document issued or not."""
    where = f"WHERE b.diaBan = {cypher_string(dia_ban)}\n" if dia_ban else ""
    return (
        "MATCH p = (b:ToChuc)-[:CHU_TRI]->(t:NhiemVu)-[:VE_VAN_BAN]->(x:VanBan)\n"
        + where
        + "RETURN p"
    )


HOME_CYPHER = (
    "MATCH p = (:VanBan)-[:THUC_HIEN]->(:VanBan)\n"
    "RETURN p LIMIT 200"
)
