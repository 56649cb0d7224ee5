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
    """The shortest name a reader recognises, never an identity key: số hiệu, else
    type and số, else its name, else type, date and the start of its trích yếu."""
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    if get("soHieu"):
        return get("soHieu")
    kind = loai_vi(get("loai"))
    if get("so"):
        return f"{kind} số {get('so')}"
    if get("tenGoi"):
        name = get("tenGoi")
        return name[:1].upper() + name[1:]
    label = f"{kind} ngày {date_vi(get('ngayBanHanh'))}" if get("ngayBanHanh") else kind
    summary = get("trichYeu")
    if summary:
        label += " — " + (summary if len(summary) <= 70 else summary[:69].rstrip() + "…")
    return label


def short_label(doc) -> str:
    """A name for a small box: số hiệu, else type and số, else its name or trích yếu."""
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    if get("soHieu") or get("so"):
        return doc_label(doc)
    return get("tenGoi") or get("trichYeu") or loai_vi(get("loai"))


FACETS = (("loai", "Loại"), ("coQuan", "Cơ quan ban hành"), ("diaBan", "Địa bàn"),
          ("nam", "Năm"))


def facets(hits) -> dict[str, list[tuple[str, int]]]:
    """Per filter of the search page, the values the hits' documents have, with counts,
    most frequent first."""
    counts: dict[str, dict[str, int]] = {name: {} for name, _ in FACETS}
    for hit in hits:
        seen = {"loai": [hit.loai], "coQuan": hit.coQuanBanHanh, "diaBan": [hit.diaBan],
                "nam": [(hit.ngayBanHanh or "")[:4]]}
        for name, values in seen.items():
            for value in {v for v in values if v}:
                counts[name][value] = counts[name].get(value, 0) + 1
    return {name: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))
            for name, c in counts.items() if c}


def doc_url(key: str) -> str:
    return "/documents/" + quote(key, safe="")


def obligation_url(key: str) -> str:
    return "/obligations/" + quote(key, safe="") + "#evidence"


def body_url(dia_ban: str | None, ten: str) -> str:
    return "/bodies/" + quote(dia_ban or "?", safe="") + "/" + quote(ten, safe="")


def todo_url(dia_ban: str | None, ten: str) -> str:
    return "/viec-phai-lam/" + quote(dia_ban or "?", safe="") + "/" + quote(ten, safe="")


def search_url(q: str, **filters: str | None) -> str:
    """The search page for `q`, with the filters that are set."""
    return "/search?" + urlencode({"q": q, **{k: v for k, v in filters.items() if v}})
