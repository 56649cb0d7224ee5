"""Response models of the JSON API.

Field names are the graph's camelCase property names and the query library's
column names, so a JSON answer reads like the Cypher that produced it.
"""
from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")

KEY_88 = "P|Thành phố Hồ Chí Minh|TU|KH|88|2020-2025"
HCM = "Thành phố Hồ Chí Minh"


def _example(**fields) -> ConfigDict:
    return ConfigDict(json_schema_extra={"examples": [fields]})


class DocumentRef(BaseModel):
    """A document as it appears in lists: enough to name it and link to it."""

    model_config = _example(key=KEY_88, loai="KeHoach", soHieu="88-KH/TU",
                            ngayBanHanh="2021-12-24", diaBan=HCM, stub=False,
                            trichYeu="Về củng cố, kiện toàn hệ thống chính trị cơ sở …")
    key: str
    loai: str | None = None
    soHieu: str | None = None
    so: str | None = None
    tenGoi: str | None = None
    ngayBanHanh: str | None = None
    trichYeu: str | None = None
    diaBan: str | None = None
    stub: bool | None = None


class LinkedDocument(DocumentRef):
    """A document reached over THUC_HIEN, `depth` hops away.

    `parentKey` (downward) is the document it directly implements;
    `ultimate` (upward) says it implements nothing further.
    """

    depth: int
    parentKey: str | None = None
    ultimate: bool | None = None


class Citation(DocumentRef):
    """A document that refers to another, with the relation and the citing sentence."""

    relation: str = Field(description="THUC_HIEN, CAN_CU or TRICH_DAN")
    evidenceQuote: str | None = None


class Reference(BaseModel):
    """A document this one refers to."""

    relation: str
    key: str
    soHieu: str | None = None
    so: str | None = None
    tenGoi: str | None = None
    loai: str | None = None
    ngayBanHanh: str | None = None
    stub: bool | None = None
    evidenceQuote: str | None = None


class BodyRef(BaseModel):
    """A body (tổ chức): canonical name and jurisdiction, which together identify it."""

    model_config = _example(ten="Ban Thường vụ Thành ủy", diaBan=HCM)
    ten: str
    diaBan: str | None = None
    key: str | None = None
    tapThe: bool | None = None


class Signer(BaseModel):
    """Who signed, with the authority line (T/M …)."""

    hoTen: str | None = None
    chucVu: str | None = None
    thamQuyen: str | None = None


class Document(DocumentRef):
    """One document with its sources, issuer, signer, recipients and references."""

    sources: list[str] = Field([], description="files the document was read from")
    coQuanBanHanh: list[BodyRef] = []
    nguoiKy: list[Signer] = []
    noiNhan: list[str] = []
    references: list[Reference] = []
    implementedBy: int = 0
    tasks: int = 0


class Evidence(BaseModel):
    """The sentence a fact was read from: offsets into the source's normalized text."""

    source: str | None = None
    start: int | None = None
    end: int | None = None
    quote: str | None = None
    page: int | None = None  # the PDF page (from 1) the sentence is on; None for texts


class Obligation(BaseModel):
    """A task (nhiệm vụ) of a document: assignees, period, deadline and evidence."""

    model_config = _example(key=KEY_88 + "|IV.4|0", section="IV.4", chuTri=["Ban Tổ chức Thành ủy"],
                            phoiHop=[], baoCaoCho=["Ban Thường vụ Thành ủy"], dinhKy="6 tháng",
                            han=None, noiDung="theo dõi, đôn đốc …",
                            evidence={"source": "000_80787e15ab390cc6.txt", "start": 11804,
                                      "end": 11930, "quote": "định kỳ 6 tháng, báo cáo …"})
    key: str
    section: str | None = None
    noiDung: str | None = None
    chuTri: list[str] = []
    phoiHop: list[str] = []
    baoCaoCho: list[str] = []
    dinhKy: str | None = None
    han: str | None = None
    vanBanPhaiBanHanh: str | None = None
    evidence: Evidence | None = None


class ObligationDetail(BaseModel):
    """One obligation with its document, its bodies in full, and its source text."""

    key: str
    section: str | None = None
    noiDung: str | None = None
    dinhKy: str | None = None
    han: str | None = None
    vanBanPhaiBanHanh: str | None = None
    document: DocumentRef | None = None
    chuTri: list[BodyRef] = []
    phoiHop: list[BodyRef] = []
    baoCaoCho: list[BodyRef] = []
    evidence: Evidence | None = None
    sourceFile: str | None = None
    sourceText: str | None = Field(None, description="normalized text the offsets index into")


class DueState(BaseModel):
    """Where an obligation stands today (api/deadlines.py): `status` is qua_han,
    sap_den_han, con_han, dinh_ky or khong_han; `dueDate` is the deadline or the next
    due date of a periodic one, `daysLeft` the days until then (negative: overdue)."""

    status: str = "khong_han"
    statusLabel: str = "không ghi hạn"
    dueDate: str | None = None
    daysLeft: int | None = None
    periodMonths: int | None = Field(None, description="months between due dates, if periodic")


class BodyObligation(DueState):
    """An obligation seen from one body: its role, the document that assigns it, and
    where it stands today."""

    role: str = Field(description="CHU_TRI or PHOI_HOP")
    key: str
    soHieu: str | None = None
    so: str | None = None
    loai: str | None = None
    ngayBanHanh: str | None = None
    docKey: str
    section: str | None = None
    han: str | None = None
    dinhKy: str | None = None
    baoCaoCho: list[str] = []
    noiDung: str | None = None
    giaoCho: str | None = Field(None, description="the body the task was given to")
    giaoChoDiaBan: str | None = None
    keThua: bool = Field(False, description="given to a predecessor (KE_THUA) of this body")


class Succession(BaseModel):
    """A predecessor or successor of a body (KE_THUA), with the change's date and basis."""

    model_config = _example(ten="Tỉnh ủy", diaBan="Tỉnh Yên Bái", ngayHieuLuc="2025-07-01",
                            canCuPhapLy="60-NQ/TW", loaiThayDoi="HopNhat")
    ten: str
    diaBan: str | None = None
    ngayHieuLuc: str | None = None
    canCuPhapLy: str | None = Field(None, description="số hiệu of the legal basis")
    loaiThayDoi: str | None = Field(None, description="HopNhat, DoiTen, ChiaTach, …")


class ReportOwed(DueState):
    """A report some bodies (`tu`) owe to a body, by period or deadline."""

    key: str
    tu: list[str] = Field([], description="bodies that owe it (chủ trì of the task)")
    tuCoQuan: list[BodyRef] = Field([], description="the same, with jurisdictions")
    dinhKy: str | None = None
    han: str | None = None
    soHieu: str | None = None
    so: str | None = None
    loai: str | None = None
    ngayBanHanh: str | None = None
    docKey: str
    section: str | None = None
    noiDung: str | None = None


class BodyProfile(BaseModel):
    """What a body issued, must do, reports to, belongs to and what belongs to it."""

    model_config = _example(ten="Ban Thường vụ Thành ủy", diaBan=HCM, loai="CapUy",
                            banHanh=["88-KH/TU"], chuTri=3, phoiHop=0, baoCaoCho=[],
                            trucThuoc=["Thành ủy"], donViTrucThuoc=[], nhan=0)
    ten: str
    diaBan: str | None = None
    key: str | None = None
    loai: str | None = None
    tapThe: bool | None = None
    banHanh: list[str] = Field([], description="số hiệu (or name) of the documents it issued")
    vanBan: list[DocumentRef] = Field([], description="the 50 latest documents it issued")
    chuTri: int = Field(0, description="tasks it leads")
    phoiHop: int = Field(0, description="tasks it coordinates on")
    baoCaoCho: list[str] = Field([], description="bodies its tasks report to")
    baoCaoChoCoQuan: list[BodyRef] = Field([], description="the same, with jurisdictions")
    trucThuoc: list[str] = []
    donViTrucThuoc: list[str] = []
    tienThan: list[Succession] = Field([], description="the bodies it succeeded (KE_THUA)")
    keThuaBoi: list[Succession] = Field([], description="the bodies that succeeded it")
    nhan: int = Field(0, description="documents sent to it (nơi nhận)")


class Gap(BaseModel):
    """A body told to issue a document implementing X, with no such document loaded:
    who said so (the document and its issuer) and by when."""

    ten: str
    diaBan: str | None = None
    tapThe: bool | None = None
    phaiBanHanh: str | None = Field(None, description="type of the document owed")
    thucHien: str | None = Field(None, description="số hiệu of the document to implement")
    thucHienKey: str | None = None
    giaoBoi: str | None = Field(None, description="số hiệu of the document that says so")
    giaoBoiKey: str | None = None
    giaoBoiDocument: DocumentRef | None = None
    giaoBoiCoQuan: list[str] = Field([], description="who issued that document")
    section: str | None = None
    han: str | None = None
    dinhKy: str | None = None
    taskKey: str
    giaoCho: str | None = Field(None, description="the body told, when a predecessor (keThua)")
    giaoChoDiaBan: str | None = None


class MissingDocument(DocumentRef):
    """A document referenced but not loaded (a stub), with how often it is referenced."""

    references: int


class SearchHit(BaseModel):
    """A full-text match: a document, or a task within one, with its document's facets."""

    kind: str = Field(description="VanBan or NhiemVu")
    docKey: str | None = None
    soHieu: str | None = None
    so: str | None = None
    tenGoi: str | None = None
    loai: str | None = None
    diaBan: str | None = None
    ngayBanHanh: str | None = None
    stub: bool | None = None
    coQuanBanHanh: list[str] = []
    section: str | None = None
    text: str | None = None
    score: float


class NumberMatch(BaseModel):
    """A document a số hiệu names, with what it implements and what implements it."""

    document: DocumentRef
    implements: list[DocumentRef] = []
    implementedBy: list[DocumentRef] = []


class Count(BaseModel):
    """How many nodes of a label or relationships of a type."""

    kind: str = Field(description="node or relationship")
    name: str
    count: int


class Page(BaseModel, Generic[T]):
    """One page of a list: `items` from `offset`, `total` in all."""

    items: list[T]
    total: int
    limit: int
    offset: int


class Problem(BaseModel):
    """Error body: what went wrong, in one line."""

    detail: str
