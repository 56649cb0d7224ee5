"""Server-rendered Vietnamese pages (Jinja2), usable without JavaScript."""
from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from . import browser_link as bl
from . import present
from .chain_svg import ChainNode, render_chain
from .deadlines import LABELS, SOON_DAYS
from .evidence import highlight
from .present import date_vi, loai_vi, short_label
from .search_text import clean
from .service import GraphService, SearchFilters

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
MAX_QUERY = 200  # characters of a search; longer ones get a message, not an error


def _svc(request: Request) -> GraphService:
    return request.app.state.service


def _render(request: Request, template: str, cypher: str, **context) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(
        request, template, {"browser_href": bl.browser_link(cypher), "cypher": cypher, **context}
    )


@router.get("/")
def home(request: Request):
    svc = _svc(request)
    return _render(request, "home.html", bl.HOME_CYPHER, counts=svc.counts(),
                   recent=svc.documents(None, 20, 0))


@router.get("/search")
def search(request: Request, q: str = "", loai: str | None = None, coQuan: str | None = None,
           diaBan: str | None = None, nam: str | None = None):
    svc = _svc(request)
    q = clean(q)
    if len(q) > MAX_QUERY:
        return _render(request, "search.html", bl.HOME_CYPHER, q=q[:MAX_QUERY], too_long=True,
                       numbers=None, hits=None, facets={}, filters=SearchFilters(),
                       suggestion=None)
    filters = SearchFilters(*(v or None for v in (loai, coQuan, diaBan, nam)))
    numbers = svc.by_number(q) if q else None
    hits = svc.search(q, 50, 0, filters) if q and numbers is None else None
    suggestion = None
    if q and not numbers and not (hits and hits.total):
        suggestion = svc.suggestion(q)
    return _render(request, "search.html", bl.search_cypher(q), q=q, numbers=numbers,
                   hits=hits, facets=present.facets(hits.items if hits else []),
                   filters=filters, suggestion=suggestion, too_long=False)


@router.get("/documents/{key:path}")
def document(request: Request, key: str):
    page = _svc(request).document_page(key)
    nodes = [ChainNode(r["key"], short_label(r),
                       f"{loai_vi(r['loai'])} {date_vi(r['ngayBanHanh'])}") for r in page.graph]
    edges = [(r["key"], up) for r in page.graph for up in r["implements"]]
    return _render(
        request, "document.html", bl.document_cypher(key), doc=page.doc,
        svg=render_chain(key, nodes, edges) if len(nodes) > 1 else None,
        chain=page.chain, tree=page.tree, obligations=page.obligations,
        citations=page.citations,
    )


@router.get("/obligations/{key:path}")
def obligation(request: Request, key: str):
    task = _svc(request).obligation(key)
    ev = task.evidence
    text = highlight(task.sourceText or "", ev.start if ev else None, ev.end if ev else None)
    return _render(request, "obligation.html", bl.obligation_cypher(key), task=task, text=text)


@router.get("/viec-phai-lam/{dia_ban}/{ten:path}")
def todo(request: Request, dia_ban: str, ten: str,
         trong: int = Query(SOON_DAYS, ge=0, le=366)):
    """A body's "việc phải làm": its obligations most urgent first, and the reports
    owed to it, with their status today and the files to take them away."""
    svc = _svc(request)
    profile = svc.body_profile(dia_ban, ten)
    tasks = svc.body_obligations(dia_ban, ten, 5000, 0, trong).items
    reports = svc.reports_owed(dia_ban, ten, 5000, 0, trong).items
    cypher = bl.body_cypher(profile.key) if profile.key else bl.HOME_CYPHER
    files = "/api" + present.body_url(dia_ban, ten)
    return _render(request, "todo.html", cypher, body=profile, tasks=tasks, reports=reports,
                   soon_days=trong, on=svc.clock().isoformat(), files_url=files,
                   STATUSES=list(LABELS.items()))


@router.get("/bodies/{dia_ban}/{ten:path}")
def body(request: Request, dia_ban: str, ten: str, keThua: bool = False):
    """The body, whom it succeeded and who succeeded it; `?keThua=true` lists the tasks of
    its predecessors with its own."""
    svc = _svc(request)
    profile = svc.body_profile(dia_ban, ten, keThua)
    tasks = svc.body_obligations(dia_ban, ten, 1000, 0, ke_thua=keThua).items
    cypher = bl.body_cypher(profile.key) if profile.key else bl.HOME_CYPHER
    return _render(request, "body.html", cypher, body=profile, tasks=tasks, ke_thua=keThua)


@router.get("/gaps")
def gaps(request: Request, diaBan: str | None = Query(None, max_length=200)):
    svc = _svc(request)
    return _render(request, "gaps.html", bl.gaps_cypher(diaBan), dia_ban=diaBan,
                   gaps=svc.gaps(diaBan, 500, 0).items, missing=svc.missing(diaBan, 100, 0).items)
