"""How the web pages show graph values: Vietnamese names, dates, links."""
from __future__ import annotations

from datetime import date
from functools import cache
from urllib.parse import quote, urlencode

from vbkg.loaders.knowledge.vocabulary import load

ROLES = {"CHU_TRI": "Chủ trì", "PHOI_HOP": "Phối hợp", "BAO_CAO_CHO": "Báo cáo cho"}
RELATIONS = {"THUC_HIEN": "Thực hiện", "CAN_CU": "Căn cứ", "TRICH_DAN": "Trích dẫn"}


@cache
def _type_names() -> dict[str, str]:
    """`loai` → its Vietnamese type word, from the loader's document-type data."""
    names = {t["loai"]: t["words"][0].capitalize()
             for t in load("doc_types")["type"] if t.get("loai") and t.get("words")}
    return {"BaiBao": "Bài báo", **names}


def loai_vi(loai: str | None) -> str:
    """`KeHoach` → `Kế hoạch`; unknown kinds are shown as they are."""
    return _type_names().get(loai or "", loai or "Văn bản")


def date_vi(iso: str | None) -> str:
    """`2021-12-24` → `24/12/2021`; other strings unchanged, None → empty."""
    if not iso:
        return ""
    parts = iso.split("-")
    return "/".join(reversed(parts)) if len(parts) == 3 else iso


def overdue(iso: str | None, today: date | None = None) -> bool:
    """True when a deadline (ISO date) has passed."""
    try:
        return iso is not None and date.fromisoformat(iso) < (today or date.today())
    except ValueError:
        return False


def assignees(task) -> list[tuple[str, str]]:
    """(body name, role) of an obligation, chủ trì first: one table line each."""
    return [(b, "CHU_TRI") for b in task.chuTri] + [(b, "PHOI_HOP") for b in task.phoiHop]


def doc_label(doc) -> str:
    """The shortest name a reader recognises: số hiệu, else số, else name, else type."""
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    if get("soHieu"):
        return get("soHieu")
    if get("so"):
        return f"{loai_vi(get('loai'))} số {get('so')}"
    return get("tenGoi") or get("trichYeu") or loai_vi(get("loai"))


def doc_url(key: str) -> str:
    return "/documents/" + quote(key, safe="")


def obligation_url(key: str) -> str:
    return "/obligations/" + quote(key, safe="") + "#evidence"


def body_url(dia_ban: str | None, ten: str) -> str:
    return "/bodies/" + quote(dia_ban or "?", safe="") + "/" + quote(ten, safe="")


def search_url(q: str) -> str:
    return "/search?" + urlencode({"q": q})
