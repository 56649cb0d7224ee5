"""The app's one door to the graph: named library queries in, response models out.

Routes (JSON and HTML alike) call this class and never see Cypher; every
value reaches Neo4j as a query parameter through `store/queries.py`.
"""
from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import neo4j
from vbkg.loaders.store import queries

from .models import (
    BodyObligation,
    BodyProfile,
    BodyRef,
    Citation,
    Count,
    Document,
    DocumentRef,
    Evidence,
    Gap,
    LinkedDocument,
    MissingDocument,
    Obligation,
    ObligationDetail,
    Page,
    SearchHit,
)

DEFAULT_CACHE_SECONDS = 10.0  # VBKG_CACHE_SECONDS overrides; 0 turns caching off
SEARCH_CAP = 500  # full-text hits fetched at most, then paged here
_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|])')


@dataclass(frozen=True)
class DocumentPage:
    """A document with its THUC_HIEN neighbourhood, obligations and citations."""

    doc: Document
    graph: list[dict]
    chain: list[LinkedDocument]
    tree: list[LinkedDocument]
    obligations: list[Obligation]
    citations: list[Citation]


class ResultCache:
    """Query results kept for a few seconds: the graph changes only when someone loads,
    and a page asks the same questions many times a second under load. Thread-safe;
    concurrent misses of one key run the query once. `seconds` 0 turns it off."""

    def __init__(self, seconds: float, max_entries: int = 4096) -> None:
        self.seconds = seconds
        self.max_entries = max_entries
        self._entries: dict[tuple, tuple[float, list[dict]]] = {}
        self._computing: dict[tuple, threading.Lock] = {}
        self._lock = threading.Lock()

    def _fresh(self, ident: tuple) -> list[dict] | None:
        hit = self._entries.get(ident)
        return hit[1] if hit is not None and hit[0] >= time.monotonic() else None

    def get_or_run(self, ident: tuple, run: Callable[[], list[dict]]) -> list[dict]:
        if self.seconds <= 0:
            return run()
        rows = self._fresh(ident)
        if rows is not None:
            return rows
        with self._lock:
            key_lock = self._computing.setdefault(ident, threading.Lock())
        with key_lock:
            rows = self._fresh(ident)
            if rows is None:
                rows = run()
                with self._lock:
                    if len(self._entries) >= self.max_entries:
                        self._entries.clear()
                        self._computing.clear()
                    self._entries[ident] = (time.monotonic() + self.seconds, rows)
        return rows


class NotFound(LookupError):
    """No node with the key (or name) asked for; the message says which."""


@cache
def _query(name: str) -> queries.Query:
    return queries.load(name)


def cache_seconds() -> float:
    """How long answers are kept: VBKG_CACHE_SECONDS, else 10 s; 0 turns caching off."""
    try:
        return max(0.0, float(os.environ.get("VBKG_CACHE_SECONDS", DEFAULT_CACHE_SECONDS)))
    except ValueError:
        raise ValueError("VBKG_CACHE_SECONDS must be a number of seconds") from None


def lucene_literal(text: str) -> str:
    """Escape Lucene syntax so user text is searched as words, never parsed as a query."""
    words = _LUCENE_SPECIAL.sub(r"\\\1", text).split()
    return " ".join(w for w in words if w.upper() not in ("AND", "OR", "NOT"))


def _page(items: list, limit: int, offset: int) -> Page:
    return Page(items=items[offset:offset + limit], total=len(items), limit=limit, offset=offset)


class GraphService:
    """Read-only answers from the graph, shaped as `api.models`."""

    def __init__(self, driver: neo4j.Driver, database: str | None = None,
                 seconds: float | None = None) -> None:
        self.driver = driver
        self.database = database
        self.cache = ResultCache(cache_seconds() if seconds is None else seconds)

    def _rows(self, name: str, **values) -> list[dict]:
        """Rows of a library query; callers must not change them (they may be cached)."""
        query = _query(name)
        params = query.bind(values)
        return self.cache.get_or_run(
            (name, tuple(sorted(params.items()))),
            lambda: queries.run(self.driver, query, params, database=self.database))

    # documents -----------------------------------------------------------------
    def counts(self) -> list[Count]:
        return [Count(**r) for r in self._rows("counts")]

    def documents(self, so_hieu: str | None, limit: int, offset: int) -> Page[DocumentRef]:
        (row,) = self._rows("document_list", soHieu=so_hieu, skip=offset, limit=limit)
        return Page(items=[DocumentRef(**d) for d in row["items"]], total=row["total"],
                    limit=limit, offset=offset)

    def document(self, key: str) -> Document:
        rows = self._rows("document", key=key)
        if not rows:
            raise NotFound(f"no document with key {key!r}")
        row = {k: v for k, v in rows[0].items() if v is not None}
        row["coQuanBanHanh"] = [b for b in row.get("coQuanBanHanh", []) if b.get("ten")]
        return Document(**row)

    def implements_chain(self, key: str) -> list[LinkedDocument]:
        self.document(key)
        return self._chain(key)

    def implementation_tree(self, key: str) -> list[LinkedDocument]:
        self.document(key)
        return self._tree(key)

    def who_implements(self, so_hieu: str, dia_ban: str | None) -> list[LinkedDocument]:
        return [LinkedDocument(**r) for r in self._rows("who_implements", soHieu=so_hieu,
                                                        diaBan=dia_ban)]

    def obligations(self, key: str, limit: int, offset: int) -> Page[Obligation]:
        self.document(key)
        return _page(self._obligations(key), limit, offset)

    def citations(self, key: str, limit: int, offset: int) -> Page[Citation]:
        return _page(self._citations(self.document(key)), limit, offset)

    def document_page(self, key: str) -> DocumentPage:
        """Everything the document page shows, checking the key once."""
        doc = self.document(key)
        return DocumentPage(doc, self.implementation_graph(key), self._chain(key),
                            self._tree(key), self._obligations(key), self._citations(doc))

    def _chain(self, key: str) -> list[LinkedDocument]:
        return [LinkedDocument(**r) for r in self._rows("implements_chain", key=key)]

    def _tree(self, key: str) -> list[LinkedDocument]:
        return [LinkedDocument(**r) for r in self._rows("implementation_tree", key=key)]

    def _obligations(self, key: str) -> list[Obligation]:
        return [
            Obligation(**r, evidence=Evidence(source=r["source"], start=r["evidenceStart"],
                                              end=r["evidenceEnd"], quote=r["evidenceQuote"]))
            for r in self._rows("document_obligations", key=key)
        ]

    def _citations(self, doc: Document) -> list[Citation]:
        if not doc.soHieu:
            return []
        rows = self._rows("citing_documents", soHieu=doc.soHieu, diaBan=doc.diaBan)
        return [Citation(**r) for r in rows if r["citedKey"] == doc.key]

    def implementation_graph(self, key: str) -> list[dict]:
        return self._rows("implementation_graph", key=key)

    # obligations ---------------------------------------------------------------
    def obligation(self, key: str) -> ObligationDetail:
        rows = self._rows("obligation", key=key)
        if not rows:
            raise NotFound(f"no obligation with key {key!r}")
        row = rows[0]
        task = row["task"]
        return ObligationDetail(
            key=task["key"], section=task.get("section"), noiDung=task.get("noiDung"),
            dinhKy=task.get("dinhKy"), han=task.get("han"),
            vanBanPhaiBanHanh=task.get("vanBanPhaiBanHanh"),
            document=DocumentRef(**row["document"]) if row["document"] else None,
            chuTri=[BodyRef(**b) for b in row["chuTri"]],
            phoiHop=[BodyRef(**b) for b in row["phoiHop"]],
            baoCaoCho=[BodyRef(**b) for b in row["baoCaoCho"]],
            evidence=Evidence(source=task.get("source"), start=task.get("evidenceStart"),
                              end=task.get("evidenceEnd"), quote=task.get("evidenceQuote"),
                              page=task.get("evidencePage")),
            sourceFile=row["sourceFile"], sourceText=row["sourceText"],
        )

    # bodies --------------------------------------------------------------------
    def body_profile(self, dia_ban: str, ten: str, ke_thua: bool = False) -> BodyProfile:
        rows = self._rows("body_profile", ten=ten, diaBan=dia_ban, keThua=ke_thua)
        if not rows:
            raise NotFound(f"no body named {ten!r} in {dia_ban!r}")
        return BodyProfile(**{k: v for k, v in rows[0].items() if v is not None})

    def body_obligations(self, dia_ban: str, ten: str, limit: int, offset: int,
                         ke_thua: bool = False) -> Page[BodyObligation]:
        self.body_profile(dia_ban, ten)
        rows = self._rows("body_obligations", ten=ten, diaBan=dia_ban, keThua=ke_thua)
        return _page([BodyObligation(**r) for r in rows], limit, offset)

    # gaps, missing, search -----------------------------------------------------
    def gaps(self, dia_ban: str | None, limit: int, offset: int,
             ke_thua: bool = False) -> Page[Gap]:
        rows = self._rows("implementation_gaps", diaBan=dia_ban, keThua=ke_thua,
                          limit=SEARCH_CAP)
        return _page([Gap(**r) for r in rows], limit, offset)

    def missing(self, dia_ban: str | None, limit: int, offset: int) -> Page[MissingDocument]:
        rows = self._rows("missing_documents", diaBan=dia_ban, limit=SEARCH_CAP)
        return _page([MissingDocument(**r) for r in rows], limit, offset)

    def search(self, q: str, limit: int, offset: int) -> Page[SearchHit]:
        words = lucene_literal(q)
        rows = self._rows("search", q=words, limit=SEARCH_CAP) if words else []
        return _page([SearchHit(**r) for r in rows], limit, offset)
