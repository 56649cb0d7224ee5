"""The app's one door to the graph: named library queries in, response models out.

Routes (JSON and HTML alike) call this class and never see Cypher; every
value reaches Neo4j as a query parameter through `store/queries.py`.
"""
from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache

import neo4j
from vbkg.loaders.store import queries

from .deadlines import SOON_DAYS, due, today
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
    NumberMatch,
    Obligation,
    ObligationDetail,
    Page,
    ReportOwed,
    SearchHit,
)
from .search_text import accent_matches, coverage, did_you_mean, lucene_literal, parse_number

DEFAULT_CACHE_SECONDS = 10.0  # VBKG_CACHE_SECONDS overrides; 0 turns caching off
SEARCH_CAP = 500  # full-text hits fetched at most, then paged here
OBLIGATION_CAP = 5000  # a body's obligations (or reports owed) fetched at most, then sorted


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
    """No node with the key (or name) asked for: `detail` says which (the JSON API's
    English line), `vi` says it to a reader of the pages, `hint` is what to search."""

    def __init__(self, detail: str, vi: str = "Không có trang này.", hint: str = "") -> None:
        super().__init__(detail)
        self.vi = vi
        self.hint = hint


@cache
def _query(name: str) -> queries.Query:
    return queries.load(name)


def cache_seconds() -> float:
    """How long answers are kept: VBKG_CACHE_SECONDS, else 10 s; 0 turns caching off."""
    try:
        return max(0.0, float(os.environ.get("VBKG_CACHE_SECONDS", DEFAULT_CACHE_SECONDS)))
    except ValueError:
        raise ValueError("VBKG_CACHE_SECONDS must be a number of seconds") from None


@dataclass(frozen=True)
class SearchFilters:
    """Only hits whose document has this type, issuer, jurisdiction, year (None: any)."""

    loai: str | None = None
    coQuan: str | None = None
    diaBan: str | None = None
    nam: str | None = None


def key_hint(key: str) -> str:
    """What to search for when a document key leads nowhere: its type and number
    (`P|?|TU|NQ|999|?` → `NQ 999`), else nothing."""
    parts = key.split("|")
    if len(parts) == 6 and parts[0] in ("P", "S") and parts[4].isdigit():
        return f"{parts[3]} {parts[4]}"
    return ""


def _page(items: list, limit: int, offset: int) -> Page:
    return Page(items=items[offset:offset + limit], total=len(items), limit=limit, offset=offset)


class GraphService:
    """Read-only answers from the graph, shaped as `api.models`."""

    def __init__(self, driver: neo4j.Driver, database: str | None = None,
                 seconds: float | None = None, clock: Callable[[], date] = today) -> None:
        self.driver = driver
        self.database = database
        self.cache = ResultCache(cache_seconds() if seconds is None else seconds)
        self.clock = clock  # what "today" is for deadlines (tests set it)

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
            raise NotFound(f"no document with key {key!r}",
                           "Không có văn bản này trong đồ thị.", key_hint(key))
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
        return [Citation(**r) for r in self._rows("cited_by", key=doc.key)]

    def implementation_graph(self, key: str) -> list[dict]:
        return self._rows("implementation_graph", key=key)

    # obligations ---------------------------------------------------------------
    def obligation(self, key: str) -> ObligationDetail:
        rows = self._rows("obligation", key=key)
        if not rows:
            raise NotFound(f"no obligation with key {key!r}",
                           "Không có nhiệm vụ này trong đồ thị.", key_hint(key.split("/")[0]))
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
            raise NotFound(f"no body named {ten!r} in {dia_ban!r}",
                           f"Không có cơ quan “{ten}” ({dia_ban}) trong đồ thị.", ten)
        return BodyProfile(**{k: v for k, v in rows[0].items() if v is not None})

    def body_obligations(self, dia_ban: str, ten: str, limit: int, offset: int,
                         soon_days: int = SOON_DAYS,
                         ke_thua: bool = False) -> Page[BodyObligation]:
        """What the body must do, most urgent first (overdue, then soonest due); with
        `ke_thua`, its predecessors' tasks too."""
        self.body_profile(dia_ban, ten)
        rows = self._rows("body_obligations", ten=ten, diaBan=dia_ban, keThua=ke_thua,
                          limit=OBLIGATION_CAP)
        return _page(self._by_urgency(BodyObligation, rows, soon_days), limit, offset)

    def reports_owed(self, dia_ban: str, ten: str, limit: int, offset: int,
                     soon_days: int = SOON_DAYS) -> Page[ReportOwed]:
        """Reports other bodies owe this one, the next due first."""
        self.body_profile(dia_ban, ten)
        rows = self._rows("reports_owed", ten=ten, diaBan=dia_ban, limit=OBLIGATION_CAP)
        return _page(self._by_urgency(ReportOwed, rows, soon_days), limit, offset)

    def _by_urgency(self, model, rows: list[dict], soon_days: int) -> list:
        on = self.clock()
        states = [(due(r["han"], r["dinhKy"], on, soon_days), r) for r in rows]
        states.sort(key=lambda sr: sr[0].urgency)
        return [model(**r, status=d.status, statusLabel=d.label, daysLeft=d.days,
                      dueDate=d.due.isoformat() if d.due else None, periodMonths=d.months)
                for d, r in states]

    # gaps, missing, search -----------------------------------------------------
    def gaps(self, dia_ban: str | None, limit: int, offset: int,
             ke_thua: bool = False) -> Page[Gap]:
        rows = self._rows("implementation_gaps", diaBan=dia_ban, keThua=ke_thua,
                          limit=SEARCH_CAP)
        return _page([Gap(**r) for r in rows], limit, offset)

    def missing(self, dia_ban: str | None, limit: int, offset: int) -> Page[MissingDocument]:
        rows = self._rows("missing_documents", diaBan=dia_ban, limit=SEARCH_CAP)
        return _page([MissingDocument(**r) for r in rows], limit, offset)

    def by_number(self, q: str) -> list[NumberMatch] | None:
        """The documents `q` names when it is a số hiệu in any spelling, else None."""
        number = parse_number(q)
        if number is None:
            return None
        rows = self._rows("documents_by_number", fragment=number.key_fragment)
        if number.year:  # a state số hiệu's year is the key's last field
            rows = sorted(rows, key=lambda r: not r["document"]["key"].endswith(number.year))
        return [NumberMatch(**r) for r in rows]

    def search(self, q: str, limit: int, offset: int,
               filters: SearchFilters = SearchFilters()) -> Page[SearchHit]:
        """Word hits: those with the query's diacritics as typed first, then those with
        more of its words, documents before tasks, then Lucene's score."""
        words = lucene_literal(q)
        rows = self._rows("search", q=words, limit=SEARCH_CAP,
                          **vars(filters)) if words else []
        ranked = sorted(rows, key=lambda r: (-accent_matches(q, r["text"]),
                                             -coverage(q, r["text"]), r["kind"] != "VanBan",
                                             -r["score"]))
        return _page([SearchHit(**r) for r in ranked], limit, offset)

    def suggestion(self, q: str) -> str | None:
        """A "did you mean" for words that match nothing: each word replaced by the
        closest one (one or two edits away) in the texts a fuzzy search finds."""
        words = lucene_literal(q, fuzzy=True)
        rows = self._rows("search", q=words, limit=20) if words else []
        return did_you_mean(q, [r["text"] for r in rows if r["text"]])
