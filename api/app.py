"""The vbkg web app: JSON API under /api, Vietnamese pages at /, guide for Neo4j Browser.

`create_app(driver)` serves any driver (tests pass the session's); with none it
opens the configured Neo4j (`vbkg.loaders.config`) for its lifetime.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import asynccontextmanager
from dataclasses import asdict
from datetime import date
from importlib.resources import files
from pathlib import Path

import neo4j
from fastapi import FastAPI, Request
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from fastapi_offline import FastAPIOffline
from neo4j.exceptions import ServiceUnavailable, SessionExpired
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import present
from .deadlines import today
from .json_routes import router as json_router
from .pages import router as page_router
from .response_cache import ResponseCache
from .service import GraphService, NotFound, cache_seconds

PACKAGE_DIR = Path(str(files("vbkg.api")))
BROWSER_DIR = PACKAGE_DIR.parent / "neo4j-browser"  # the repository's neo4j-browser/
log = logging.getLogger("vbkg.api")
BROWSER_FILES = {"guide.html": "text/html; charset=utf-8", "vbkg.grass": "text/css; charset=utf-8"}

DESCRIPTION = """Read-only answers from the vbkg graph of Vietnamese Party and state
directives: documents, who implements what (THUC_HIEN up and down), obligations with
their evidence, bodies, implementation gaps and full-text search. Every list is paged
with `limit` and `offset`; unknown keys are a 404 with a one-line `detail`."""



def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(PACKAGE_DIR / "templates"))
    env = templates.env
    env.filters.update(date_vi=present.date_vi, loai_vi=present.loai_vi)
    env.tests.update(overdue=present.overdue)
    env.globals.update(
        assignees=present.assignees, doc_url=present.doc_url, body_url=present.body_url,
        todo_url=present.todo_url, doc_label=present.doc_label,
        obligation_url=present.obligation_url, search_url=present.search_url,
        ROLES=present.ROLES, RELATIONS=present.RELATIONS, FACETS=present.FACETS,
        filters_dict=asdict,
    )
    return templates


def create_app(driver: neo4j.Driver | None = None, database: str | None = None,
               clock: Callable[[], date] = today) -> FastAPI:
    """The app over `driver`, or over the configured Neo4j when none is given; `clock`
    says what day it is for deadlines (VBKG_TODAY, else the system date)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if driver is not None:
            yield
            return
        from vbkg.loaders.store.config import FAIL_FAST, get_driver

        owned = get_driver(**FAIL_FAST)
        app.state.service = GraphService(owned, database, clock=clock)
        try:
            yield
        finally:
            owned.close()

    # /docs and /redoc from assets in the fastapi-offline package, not a CDN: they work
    # on a machine without internet.
    app = FastAPIOffline(title="vbkg", version="0.1.0", description=DESCRIPTION,
                         lifespan=lifespan)
    if driver is not None:
        app.state.service = GraphService(driver, database, clock=clock)
    app.state.templates = _templates()
    app.include_router(json_router)
    app.include_router(page_router)
    app.mount("/static", StaticFiles(directory=str(PACKAGE_DIR / "static")), name="static")
    app.add_middleware(ResponseCache, seconds=cache_seconds())
    # Outermost, so cached answers still get the CORS headers of each request:
    # Neo4j Browser fetches `:play` guides and `:style` sheets cross-origin, with
    # `cache-control` and `pragma` headers that its preflight asks for.
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET"],
                       allow_headers=["*"])

    @app.get("/browser/{name}", include_in_schema=False)
    def browser_file(name: str):
        if name not in BROWSER_FILES or not (BROWSER_DIR / name).is_file():
            raise NotFound(f"no Neo4j Browser file {name!r}",
                           "Không có tệp này cho Neo4j Browser.")
        return FileResponse(BROWSER_DIR / name, media_type=BROWSER_FILES[name])

    @app.exception_handler(NotFound)
    def not_found(request: Request, exc: NotFound):
        return _problem(request, 404, str(exc), exc.vi, exc.hint)

    # The JSON API keeps FastAPI's answers; a page gets a Vietnamese one with a way on.
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if _is_api(request):
            return await http_exception_handler(request, exc)
        vi = "Không có trang này." if exc.status_code == 404 else "Không thể trả lời yêu cầu này."
        return _page_problem(request, exc.status_code, vi)

    @app.exception_handler(RequestValidationError)
    async def bad_input(request: Request, exc: RequestValidationError):
        if _is_api(request):
            return await request_validation_exception_handler(request, exc)
        return _page_problem(request, 422, "Địa chỉ có tham số không hợp lệ; hãy tìm lại "
                             "từ ô tìm kiếm.")

    @app.exception_handler(ServiceUnavailable)
    @app.exception_handler(SessionExpired)
    def unavailable(request: Request, exc: Exception):
        log.warning("%s: Neo4j not reachable: %s", request.url.path, exc)
        return _problem(request, 503, "Neo4j is not reachable right now; retry later",
                        "Không kết nối được cơ sở dữ liệu Neo4j; hãy thử lại sau ít phút.",
                        headers={"Retry-After": "10"})

    return app


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _problem(request: Request, status: int, detail: str, vi: str, hint: str = "",
             headers: dict | None = None):
    """The JSON API's one-line English `detail`, or a Vietnamese page with a way on."""
    if _is_api(request):
        return JSONResponse({"detail": detail}, status_code=status, headers=headers)
    page = _page_problem(request, status, vi, hint)
    page.headers.update(headers or {})
    return page


def _page_problem(request: Request, status: int, vi: str, hint: str = "") -> HTMLResponse:
    """The error page: what happened in Vietnamese, a search box (with `hint`), links on."""
    page = request.app.state.templates.get_template("error.html").render(
        request=request, status=status, message=vi, q=hint, browser_href=None)
    return HTMLResponse(page, status_code=status)
