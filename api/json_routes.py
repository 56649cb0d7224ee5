"""The JSON API under /api: read-only answers from the query library, paginated."""
from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query, Request, Response
from fastapi.exceptions import RequestValidationError

from . import exports
from .deadlines import SOON_DAYS
from .models import (
    BodyObligation,
    BodyProfile,
    Citation,
    Count,
    Document,
    DocumentRef,
    Gap,
    LinkedDocument,
    MissingDocument,
    NumberMatch,
    Obligation,
    ObligationDetail,
    Page,
    Problem,
    ReportOwed,
    SearchHit,
)
from .service import GraphService, SearchFilters
from .validation import SoHieu

router = APIRouter(prefix="/api", tags=["api"])
EXPORT_CAP = 5000  # rows in one exported file

NOT_FOUND = {404: {"model": Problem, "description": "No node with that key or name",
                   "content": {"application/json": {"example": {
                       "detail": "no document with key 'P|?|TU|NQ|999|?'"}}}}}
Limit = Annotated[int, Query(ge=1, le=200, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=100_000, description="items to skip")]
KeThua = Annotated[bool, Query(description="include what the bodies it succeeded "
                                           "(KE_THUA) were told and issued")]
DiaBan = Annotated[str | None, Query(max_length=200, description="jurisdiction, e.g. "
                                     "Thành phố Hồ Chí Minh", examples=["Thành phố Hồ Chí Minh"])]


def _svc(request: Request) -> GraphService:
    return request.app.state.service


@router.get("/counts", response_model=list[Count], summary="Node and relationship counts")
def counts(request: Request):
    return _svc(request).counts()


@router.get("/documents", response_model=Page[DocumentRef], summary="List documents")
def documents(request: Request,
              soHieu: Annotated[SoHieu | None, Query(description="only this số hiệu",
                                                     examples=["05-NQ/TU"])] = None,
              limit: Limit = 50, offset: Offset = 0):
    """Documents, loaded ones first and newest first. A số hiệu is not an identity:
    several documents may share one, so filtering by it can return more than one."""
    return _svc(request).documents(soHieu, limit, offset)


@router.get("/implementers", response_model=list[LinkedDocument],
            summary="Who implements a document, by số hiệu")
def implementers(request: Request,
                 soHieu: Annotated[SoHieu, Query(description="số hiệu of the implemented "
                                                 "document", examples=["05-NQ/TU"])],
                 diaBan: DiaBan = None):
    """Documents that implement it (THUC_HIEN), directly (depth 1) and transitively.
    A malformed số hiệu is a 422 that says what shape was expected."""
    return _svc(request).who_implements(soHieu, diaBan)


# Sub-resources first: `{key:path}` would otherwise swallow their suffix.
@router.get("/documents/{key:path}/chain", response_model=list[LinkedDocument],
            responses=NOT_FOUND, summary="What a document implements, upward")
def chain(request: Request, key: str):
    """The THUC_HIEN chain upward to what the document ultimately implements."""
    return _svc(request).implements_chain(key)


@router.get("/documents/{key:path}/tree", response_model=list[LinkedDocument],
            responses=NOT_FOUND, summary="What implements a document, downward")
def tree(request: Request, key: str):
    """Every document implementing it directly or through others, with `parentKey`,
    the document each directly implements."""
    return _svc(request).implementation_tree(key)


@router.get("/documents/{key:path}/obligations", response_model=Page[Obligation],
            responses=NOT_FOUND, summary="A document's obligations")
def obligations(request: Request, key: str, limit: Limit = 50, offset: Offset = 0):
    """Tasks it assigns, with section, assignees, period, deadline and evidence offsets."""
    return _svc(request).obligations(key, limit, offset)


@router.get("/documents/{key:path}/citations", response_model=Page[Citation],
            responses=NOT_FOUND, summary="Documents that cite a document")
def citations(request: Request, key: str, limit: Limit = 50, offset: Offset = 0):
    """Documents referring to it by any relation, with the citing sentence."""
    return _svc(request).citations(key, limit, offset)


@router.get("/documents/{key:path}", response_model=Document, responses=NOT_FOUND,
            summary="One document")
def document(request: Request, key: str):
    """Metadata, sources, issuer, signer, recipients and references of one document."""
    return _svc(request).document(key)


@router.get("/obligations/{key:path}", response_model=ObligationDetail, responses=NOT_FOUND,
            summary="One obligation with its source text")
def obligation(request: Request, key: str):
    """The task, its bodies, and the normalized source text its evidence indexes into."""
    return _svc(request).obligation(key)


SoonDays = Annotated[int, Query(ge=0, le=366, description="due within this many days "
                                "counts as sắp đến hạn")]
FILES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "csv": "text/csv; charset=utf-8", "ics": "text/calendar; charset=utf-8"}
FILE_RESPONSES = {200: {"description": "the file", "content": {t: {} for t in FILES.values()}},
                  **NOT_FOUND}


@router.get("/bodies/{diaBan}/{ten:path}/obligations", response_model=Page[BodyObligation],
            responses=NOT_FOUND, summary="What a body must do")
def body_obligations(request: Request, diaBan: str, ten: str,
                     limit: Limit = 50, offset: Offset = 0, soonDays: SoonDays = SOON_DAYS,
                     keThua: KeThua = False):
    """Tasks of the body as chủ trì or phối hợp, most urgent first: overdue (longest
    first), then by the date due (a deadline, or the next date of a periodic task), then
    periodic tasks without a date, then tasks without any. Status is computed today. With
    `keThua`, also the tasks of the bodies it succeeded (`giaoCho` names who was told)."""
    return _svc(request).body_obligations(diaBan, ten, limit, offset, soonDays, keThua)


@router.get("/bodies/{diaBan}/{ten:path}/reports-owed", response_model=Page[ReportOwed],
            responses=NOT_FOUND, summary="Reports owed to a body")
def reports_owed(request: Request, diaBan: str, ten: str,
                 limit: Limit = 50, offset: Offset = 0, soonDays: SoonDays = SOON_DAYS):
    """Tasks of other bodies that must report to this one, by period or deadline, with
    their status today, the next due first."""
    return _svc(request).reports_owed(diaBan, ten, limit, offset, soonDays)


@router.get("/bodies/{diaBan}/{ten:path}/obligations.{fmt}", response_class=Response,
            responses=FILE_RESPONSES, summary="A body's obligations as a file")
def body_obligations_file(request: Request, diaBan: str, ten: str,
                          fmt: Literal["xlsx", "csv", "ics"]):
    """`xlsx` (a spreadsheet), `csv` (UTF-8 with BOM) or `ics` (a calendar to subscribe to:
    one event per due date, periodic ones repeating)."""
    rows = _svc(request).body_obligations(diaBan, ten, EXPORT_CAP, 0).items
    return _file(request, rows, exports.OBLIGATION_COLUMNS, f"Việc phải làm — {ten}", fmt)


@router.get("/bodies/{diaBan}/{ten:path}/reports-owed.{fmt}", response_class=Response,
            responses=FILE_RESPONSES, summary="Reports owed to a body as a file")
def reports_owed_file(request: Request, diaBan: str, ten: str,
                      fmt: Literal["xlsx", "csv", "ics"]):
    """The reports owed to the body as `xlsx`, `csv` or an `ics` calendar feed."""
    rows = _svc(request).reports_owed(diaBan, ten, EXPORT_CAP, 0).items
    return _file(request, rows, exports.REPORT_COLUMNS, f"Báo cáo phải nhận — {ten}", fmt)


def _file(request: Request, rows: list, columns, title: str, fmt: str) -> Response:
    base = str(request.base_url).rstrip("/")
    if fmt == "ics":
        body = exports.calendar_bytes(title, rows, base, _svc(request).clock())
    else:
        headers, values = exports.table(rows, columns, base)
        body = (exports.csv_bytes(headers, values) if fmt == "csv"
                else exports.xlsx_bytes("Việc phải làm", headers, values))
    name = quote(f"{title}.{fmt}")
    return Response(body, media_type=FILES[fmt],
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"})


@router.get("/bodies/{diaBan}/{ten:path}", response_model=BodyProfile, responses=NOT_FOUND,
            summary="A body's profile")
def body(request: Request, diaBan: str, ten: str, keThua: KeThua = False):
    """A body is its canonical name within a jurisdiction, e.g.
    `/api/bodies/Thành phố Hồ Chí Minh/Ban Thường vụ Thành ủy`. `tienThan` and `keThuaBoi`
    are the bodies it succeeded and that succeeded it; with `keThua` the counts include
    its predecessors' documents and tasks."""
    return _svc(request).body_profile(diaBan, ten, keThua)


@router.get("/gaps", response_model=Page[Gap], summary="Missing implementing documents")
def gaps(request: Request, diaBan: DiaBan = None, limit: Limit = 50, offset: Offset = 0,
         keThua: KeThua = False):
    """Bodies told to issue a document implementing X where none is loaded; with
    `keThua`, a merged body's gaps are its successors' (`giaoCho` names who was told)."""
    return _svc(request).gaps(diaBan, limit, offset, keThua)


@router.get("/missing", response_model=Page[MissingDocument],
            summary="Referenced documents not loaded")
def missing(request: Request, diaBan: DiaBan = None, limit: Limit = 50, offset: Offset = 0):
    """Stubs: documents known only from references, most referenced first."""
    return _svc(request).missing(diaBan, limit, offset)


Filter = Annotated[str | None, Query(max_length=200)]


@router.get("/search", response_model=Page[SearchHit], summary="Full-text search")
def search(request: Request,
           q: Annotated[str, Query(min_length=1, max_length=200, description="words to find",
                                   examples=["kien toan he thong chinh tri"])],
           loai: Filter = None, coQuan: Filter = None, diaBan: DiaBan = None,
           nam: Annotated[str | None, Query(pattern=r"^\d{4}$", description="year issued")] = None,
           limit: Limit = 20, offset: Offset = 0):
    """Words in trích yếu, names and task text, with or without diacritics (hits with
    the diacritics as typed first; Lucene syntax is escaped). `loai`, `coQuan` (issuer
    name), `diaBan` and `nam` keep only hits whose document has them."""
    return _svc(request).search(q, limit, offset, SearchFilters(loai, coQuan, diaBan, nam))


@router.get("/numbers", response_model=list[NumberMatch],
            summary="Documents a số hiệu names, however it is typed")
def numbers(request: Request,
            q: Annotated[str, Query(min_length=1, max_length=200, description="a số hiệu "
                                    "in any spelling", examples=["kh 88", "Số 05 – NQ/TU"])]):
    """Case, leading zeros, spaces or any dash around `-` and `/`, a "Số" prefix and
    invisible characters do not matter; "88-KH" and "kh 88" (no issuer) match every
    issuer's. Each document with what it implements and what implements it. Text that
    is not a số hiệu is a 422."""
    found = _svc(request).by_number(q)
    if found is None:
        raise RequestValidationError([{"loc": ("query", "q"), "type": "value_error",
                                       "msg": f"{q!r} is not a số hiệu (e.g. 05-NQ/TU, kh 88)",
                                       "input": q}])
    return found
