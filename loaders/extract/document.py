"""The document's own fields: loai, số hiệu, date, issuer, trích yếu, signer (SCHEMA.md `document`).

The header and signature are the document speaking for itself; publisher
metadata only fills what the document does not say (DOMAIN.md §2.1: "Trust the
document over the publisher").
"""

from __future__ import annotations

import re
from functools import cache

from vbkg.loaders.extract import issuers, rules
from vbkg.loaders.extract.bodies import canonical_body
from vbkg.loaders.extract.context import DocContext, own_number
from vbkg.loaders.extract.evidence import evidence
from vbkg.loaders.knowledge.dates import parse_date
from vbkg.loaders.knowledge.vocabulary import (
    find_jurisdictions,
    fold,
    load,
    loai_of_word,
    provincial_committees,
    type_word_regex,
)
from vbkg.loaders.parse.model import Layout, Span


# ", Ban Thường vụ Thành ủy xây dựng Kế hoạch", ", UBND tỉnh ban hành Kế hoạch",
# ", Ban Tuyên giáo và Dân vận Trung ương hướng dẫn": the subject of the preamble's last clause.
@cache
def _issuing_verb() -> re.Pattern:
    verbs = "|".join(re.escape(v) for v in load("layout")["issuing_verbs"])
    return re.compile(rf"(?:^|[,;:]\s*)([^,;:]{{3,90}}?)\s+(?:{verbs})\b", re.IGNORECASE)


def extract_document(layout: Layout, ctx: DocContext) -> dict:
    """The `document` object of the record, with evidence per field under "evidence"."""
    text = layout.source.text
    header, meta = layout.header, layout.metadata
    if layout.kind == "press":
        title = header.trich_yeu
        return {
            "loai": "BaiBao",
            "so_hieu": None,
            "ngay_ban_hanh": header.date.value if header.date else None,
            "co_quan_ban_hanh": None,
            "trich_yeu": title.value if title else None,
            "nguoi_ky": None,
            "evidence": (evidence(text, title.start, title.end, rules.PRESS_HEADLINE)
                         if title else None),
        }
    number = own_number(layout)
    issuer, issuer_rule = document_issuer(layout, ctx)
    title = header.trich_yeu or meta.get("trich_yeu")
    doc = {
        "loai": _loai(layout, number),
        "so_hieu": number.so_hieu if number else None,
        "ngay_ban_hanh": _date(layout),
        "co_quan_ban_hanh": issuer,
        "trich_yeu": title.value if title else None,
        "nguoi_ky": _signer(layout),
    }
    spans = [s for s in (header.so_hieu, header.date, header.type_word, title) if s is not None]
    if spans:
        start, end = min(s.start for s in spans), max(s.end for s in spans)
        doc["evidence"] = evidence(text, start, end, issuer_rule)
    return doc


def _loai(layout: Layout, number) -> str | None:
    if layout.header.type_word is not None:  # a type with no gold loai (Thông tri) stays None
        return layout.header.type_word.value or None
    published = layout.metadata.get("loai")
    if published is not None and loai_of_word(published.value):
        return loai_of_word(published.value)
    if number:
        return number.loai
    return "CongVan" if layout.addressed else None  # only a letter is addressed (NĐ 30 ô 9a)


def _date(layout: Layout) -> str | None:
    if layout.header.date is not None:
        return layout.header.date.value
    published = layout.metadata.get("ngay_ban_hanh")
    return parse_date(published.value) if published else None


def document_issuer(layout: Layout, ctx: DocContext) -> tuple[dict | None, str]:
    """The issuing body and the rule that found it.

    1. the signature's "T/M <organ>" (the organ acts: "T/M BAN THƯỜNG VỤ" of a
       Thành ủy is its Ban Thường vụ); 2. the preamble's "<organ> ban hành / xây
       dựng …"; 3. the header's issuer lines; 4. the publisher's field.
    """
    on_behalf = tuple(load("signature")["on_behalf"])
    home, central = ctx.home, ctx.central
    lines = [s.value for s in layout.header.issuer_lines]
    committee = _from_header(lines, ctx)
    for authority in layout.signature.authorities:
        if authority.value.upper().startswith(on_behalf):
            organ = authority.value.split(None, 1)[1] if " " in authority.value else ""
            found = issuers.from_phrase(organ, home, central, anchored=True)
            body = _of_committee(organ, found.body if found else None, committee)
            if body and body["ten"]:
                return body, rules.HEADER_SIGNATURE
    for paragraph in layout.preamble[:6]:
        for m in _issuing_verb().finditer(paragraph.text):
            lower = paragraph.text.lower()
            if type_word_regex().match(lower, m.end() + 1) or "hướng dẫn" in m[0].lower():
                found = issuers.from_phrase(m[1], home, central, anchored=True)
                if found and found.body["ten"]:
                    return found.body, rules.HEADER_PREAMBLE
    if committee:
        return committee, rules.HEADER_HEADER
    published = layout.metadata.get("co_quan_ban_hanh")
    if published is not None:
        found = issuers.from_phrase(published.value, home, central)
        if found and found.body["ten"]:
            return found.body, rules.HEADER_METADATA
    return None, rules.HEADER_NONE


def _of_committee(organ: str, body: dict | None, committee: dict | None) -> dict | None:
    """ "T/M BAN THƯỜNG VỤ" under "HUYỆN ỦY CÔ TÔ" is the Ban Thường vụ Huyện ủy Cô Tô.

    issuers.toml names the organs of a provincial committee; a committee of
    another level comes from the header, read by the body vocabulary.
    """
    if body and body["ten"] and committee and committee["ten"].startswith(body["ten"] + " ") and (
        committee["dia_ban"] == body["dia_ban"]
    ):  # "TM. ỦY BAN NHÂN DÂN" under "ỦY BAN NHÂN DÂN PHƯỜNG CAM ĐƯỜNG"
        return committee
    lower = organ.lower()
    organs = load("issuers")["standing_organs"]
    standing = next((o for o in organs if lower.startswith(o.lower())), None)
    if (
        standing is None
        or committee is None
        or committee.get("loai") != "CapUy"
        or committee["ten"] in provincial_committees()
    ):
        return body
    return {"ten": f"{standing} {committee['ten']}", "dia_ban": committee["dia_ban"]}


# A commune-level unit after the 2025 reform (no district level in between).
_LOCAL_UNIT = re.compile(r"(?i)^(phường|xã|đặc khu|thị trấn)\s+(\w.*)$")


def _from_header(lines: list[str], ctx: DocContext) -> dict | None:
    """The issuer named by the header block: the last organ, read under its parent.

    "BAN CHẤP HÀNH TRUNG ƯƠNG / VĂN PHÒNG" is the Văn phòng Trung ương Đảng;
    "THÀNH / ỦY / THÀNH PHỐ HỒ CHÍ MINH" is the Thành ủy. What issuers.toml
    does not know ("HUYỆN ỦY CÔ TÔ", "ĐẢNG ỦY XÃ …") the body vocabulary reads,
    from the last line up.
    """
    if not lines:
        return None
    home, central = ctx.home, ctx.central
    for k in range(1, len(lines) + 1):
        phrase = " ".join(lines[-k:])
        if _only_place(phrase):
            continue  # "THÀNH PHỐ HỒ CHÍ MINH" under "THÀNH ỦY": the place, not the organ
        scoped = phrase + (" trung ương" if central and "trung ương" not in phrase.lower() else "")
        for candidate in (scoped, phrase):
            found = issuers.from_phrase(candidate, home, central, anchored=True)
            if found and found.body["ten"]:
                rest = candidate[found.end :].strip()
                unit = _LOCAL_UNIT.match(rest)
                if unit:  # "ỦY BAN NHÂN DÂN / PHƯỜNG CAM ĐƯỜNG": the commune's own body
                    ten = f"{found.body['ten']} {unit[1].lower()} {_title_case(unit[2])}"
                    return {**found.body, "ten": ten}
                if rest and rest.lower() != "trung ương" and not _only_place(rest):
                    child = _from_header([rest], ctx)  # parent and organ on one line
                    if child:
                        return child
                return found.body
        found = canonical_body(_title_case(phrase), ctx)
        if found and found.get("ten") and not found.get("tap_the"):
            return _complete_name(found, _title_case(lines[-1]))
        if k == 1 and len(lines) > 1:  # "TỈNH ỦY GIA LAI / BAN TỔ CHỨC": an organ of its parent
            parent = _from_header(lines[:-1], ctx)
            if parent and parent.get("ten") and not central:
                found = canonical_body(f"{_title_case(phrase)} {parent['ten']}", ctx)
                if found and found.get("ten") and found["ten"] != parent["ten"]:
                    return found
    return None


def _title_case(line: str) -> str:
    """ "HUYỆN ỦY LONG THÀNH" -> "Huyện Ủy Long Thành" (the body vocabulary folds the kind)."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in line.split())


def _complete_name(body: dict, line: str) -> dict:
    """Keep the whole proper name of the header line when the vocabulary read only part of it
    ("HUYỆN ỦY LONG THÀNH" read as "Huyện ủy Long")."""
    ten, words = body["ten"], line.split()
    n = len(ten.split())
    rest = " ".join(words[n:])
    if (
        rest
        and fold(" ".join(words[:n])) == fold(ten)
        and not _only_place(rest)
        and fold(rest) not in load("layout")["place_words"]
    ):
        return {**body, "ten": f"{ten} {rest}"}
    return body


def _only_place(phrase: str) -> bool:
    rest = phrase
    for _, start, end in reversed(find_jurisdictions(phrase)):
        rest = rest[:start] + rest[end:]
    return not re.sub(r"[\W_]+", "", rest)


def _signer(layout: Layout) -> dict | None:
    sig, text = layout.signature, layout.source.text
    published = layout.metadata.get("nguoi_ky")
    if sig.ho_ten is None and sig.chuc_vu is None and sig.tham_quyen is None:
        if published is None:
            return None
        return {
            "ho_ten": published.value,
            "chuc_vu": None,
            "tham_quyen": None,
            "evidence": evidence(text, published.start, published.end, rules.METADATA_NGUOI_KY),
        }
    spans: list[Span] = [s for s in (*sig.authorities, sig.chuc_vu, sig.ho_ten) if s is not None]
    ho_ten = sig.ho_ten.value if sig.ho_ten else (published.value if published else None)
    return {
        "ho_ten": ho_ten,
        "chuc_vu": sig.chuc_vu.value if sig.chuc_vu else None,
        "tham_quyen": sig.tham_quyen.value if sig.tham_quyen else None,
        "evidence": evidence(
            text, min(s.start for s in spans), max(s.end for s in spans), rules.SIGNATURE
        ),
    }
