"""The JSON API under /api: read-only answers from the query library, paginated."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

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
    Obligation,
    ObligationDetail,
    Page,
    Problem,
    SearchHit,
)
from .service import GraphService
from .validation import SoHieu

router = APIRouter(prefix="/api", tags=["api"])

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


@router.get("/bodies/{diaBan}/{ten:path}/obligations", response_model=Page[BodyObligation],
            responses=NOT_FOUND, summary="What a body must do")
def body_obligations(request: Request, diaBan: str, ten: str,
                     limit: Limit = 50, offset: Offset = 0, keThua: KeThua = False):
    """Tasks of the body as chủ trì or phối hợp, soonest deadline first; with `keThua`,
    also the tasks of the bodies it succeeded (`giaoCho` names who was told)."""
    return _svc(request).body_obligations(diaBan, ten, limit, offset, keThua)


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


@router.get("/search", response_model=Page[SearchHit], summary="Full-text search")
def search(request: Request,
           q: Annotated[str, Query(min_length=1, max_length=200, description="words to find",
                                   examples=["kiện toàn hệ thống chính trị"])],
           limit: Limit = 20, offset: Offset = 0):
    """Words in trích yếu, names and task text (Lucene syntax is escaped: the words
    are searched as written)."""
    return _svc(request).search(q, limit, offset)
