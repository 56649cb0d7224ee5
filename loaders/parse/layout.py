"""Layout of one document: header, preamble, numbered section tree, nơi nhận, signature
(`parse`, the parse stage's entry point), and the publisher's metadata rows and credit.

Every piece keeps character offsets into `SourceText.text`, so later stages can
quote the exact sentence a fact came from (DESIGN.md "Identity": provenance).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from vbkg.loaders.knowledge.dates import find_dates
from vbkg.loaders.knowledge.numbers import parse_number
from vbkg.loaders.knowledge.vocabulary import fold, is_type_word, load
from vbkg.loaders.parse.header import (
    BODY_OPENS,
    KINH_GUI,
    SO,
    attached_start,
    full_text_repost,
    read_header,
    read_title,
    type_line,
)
from vbkg.loaders.parse.lines import Line, mask, paragraphs, split_lines
from vbkg.loaders.parse.model import Header, Layout, Paragraph, Signature, Span
from vbkg.loaders.parse.sections import read_sections
from vbkg.loaders.parse.signature import (
    END_MARK,
    marker_at,
    marker_of,
    noi_nhan_regex,
    read_signature,
)

if TYPE_CHECKING:  # only the attribute shape of a SourceText is needed here
    from vbkg.loaders.read.source import SourceText


# --- publisher metadata ("Số hiệu | 88-KH/TU |", "**Người ký:**\n|\nTrần Cẩm Tú\n|")

_META_WINDOW = 6000


@cache
def _metadata_regex() -> re.Pattern:
    keys = "|".join(re.escape(k) for k in sorted(load("layout")["metadata"], key=len, reverse=True))
    return re.compile(
        rf"(?im)^[ \t]*({keys})[ \t]*:?[ \t]*\n?(?:[ \t]*\n)*?[ \t]*(\S[^\n]*?)[ \t]*$"
    )


_PUBLISHER_TITLE = re.compile(
    r"(?im)^[ \t]*(?P<type>[^\n\d]{2,40}?)\s+\S+\s+(?:năm|ngày)\s+[\d/]+\s+"
    r"(?P<title>(?:về|tại|của)\s[^\n]+?)"
    r"\s+do\s+[^\n]+?ban hành[ \t]*$"
)


def _publisher_titles(masked: str):
    """Title lines ending "… do <issuer> ban hành" in the first and last 3000 characters."""
    for lo, hi in ((0, min(len(masked), 3000)), (max(3000, len(masked) - 3000), len(masked))):
        pos = masked.find("ban hành", lo, hi)
        while pos != -1:
            start = masked.rfind("\n", 0, pos) + 1
            end = masked.find("\n", pos)
            m = _PUBLISHER_TITLE.match(masked, start, len(masked) if end == -1 else end)
            if m:
                yield m
            pos = masked.find("ban hành", pos + 8, hi)


def _metadata(text: str, masked: str) -> dict[str, Span]:
    """Publisher fields at the top of a database page; the title line wherever it is."""
    fields = load("layout")["metadata"]
    meta: dict[str, Span] = {}
    head = masked[:_META_WINDOW].lower()
    rows = _metadata_regex().finditer(masked, 0, min(len(masked), _META_WINDOW))
    for m in rows if any(k in head for k in fields) else ():
        field_name = fields[m[1].lower()]
        if field_name not in meta and fold(m[2]) not in fields:
            meta[field_name] = Span(" ".join(m[2].split()), m.start(2), m.end(2))
    for m in _publisher_titles(masked):
        if is_type_word(m["type"].strip()):
            title = " ".join(m["title"].split())
            meta.setdefault(
                "trich_yeu", Span(title[0].upper() + title[1:], m.start("title"), m.end("title"))
            )
            break
    return meta

# --- the whole layout

# End of a press article: a repost credit, a source link, or an upper-case byline ("THU HƯỜNG").
_BYLINE = re.compile(
    r"(?m)^[ \t]*(?:Theo\s[^\n]{2,60}|Link bài viết gốc:[^\n]*|Nguồn:[^\n]{2,60}"
    r"|[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ]+(?:[ \t]+[A-ZĐÀ-Ỹ]+){1,4})[ \t]*$"
)
_POSTED = re.compile(r"(?im)^[^\n]*\bđăng\b[^\n]*$")


def parse(source: SourceText) -> Layout:
    """The layout of one source text; never raises on odd input, fields are None instead."""
    text = source.text
    masked = mask(text)
    lines = split_lines(masked)
    unwrap = _hard_wrapped(source.format, lines)
    metadata = _metadata(text, masked)
    meta_end = max((s.end for k, s in metadata.items() if k != "trich_yeu"), default=0)
    first = next((i for i, line in enumerate(lines) if line.start >= meta_end), len(lines))
    type_index = type_line(lines, first)

    if type_index is not None:
        header_end_line = type_index
    else:  # no type word (examples/seeds/002_…, press): the header ends at its date line, if any
        header_end_line = first
        count = 0
        subject = False  # inside the "V/v …" block, which wraps over short lines
        for i in range(first, len(lines)):
            if lines[i].stripped:
                count += 1
            if count > 15 or BODY_OPENS.match(lines[i].stripped):
                break  # "Kính gửi:", "Thực hiện Văn bản số … ngày …": the header is over
            subject = lines[i].stripped.startswith("V/v") or (subject and bool(lines[i].stripped))
            if subject:
                header_end_line = i + 1
            short = len(lines[i].stripped) < 100
            if short and (
                find_dates(masked, lines[i].start, lines[i].end) or SO.match(lines[i].stripped)
            ):
                header_end_line = i + 1
    header = read_header(text, masked, lines, first, header_end_line, type_index)

    body_start = lines[header_end_line].start if header_end_line < len(lines) else len(text)
    paras: list[Paragraph] | None = None  # from the type word on, when there is one
    if type_index is not None:
        after = header.type_word.end
        paras = paragraphs(masked, after, len(text), lines, unwrap)
        title, used = read_title(paras[:8])
        if title is not None:
            header.trich_yeu = title
            body_start = paras[used - 1].end
        else:
            body_start = after

    kind = _kind(
        masked[: lines[header_end_line - 1].end] if header_end_line else "",
        header,
        metadata,
        type_index is not None,
    )
    addressed = KINH_GUI.search(masked, 0, min(len(masked), 2000))
    if kind == "press" and addressed and any(
        line.start > addressed.end() and marker_at(line) is not None for line in lines
    ):
        kind = "state"  # "Kính gửi: …" then a "TM. ỦY BAN NHÂN DÂN" block: a letter, header lost
    if kind == "press" and header.trich_yeu is None:
        head = paragraphs(masked, 0, min(len(text), 2000), lines, unwrap)
        if head:
            header.trich_yeu = Span(" ".join(head[0].text.split()), head[0].start, head[0].end)
            body_start = head[0].end

    body_end, noi_nhan_at, sig_from = _closing(masked, lines, body_start, kind)
    signature, sig_line = (read_signature(lines, sig_from) if kind != "press"
                           else (Signature(), None))
    sig_start = lines[sig_line].start if sig_line is not None else len(text)
    noi_nhan: list[Paragraph] = []
    if noi_nhan_at is not None:
        stop = sig_start if sig_start > noi_nhan_at else len(text)
        noi_nhan = paragraphs(masked, noi_nhan_at, stop, lines, unwrap)[1:]
    if kind == "press" and header.date is None:
        for m in _POSTED.finditer(masked, body_end):
            dates = find_dates(masked, m.start(), m.end())
            if dates:
                header.date = Span(dates[0].iso, dates[0].start, dates[0].end)
                break

    if paras is not None:  # one pass over the text serves the title and the body
        body = _clip(masked, paras, body_start, body_end)
    else:
        body = paragraphs(masked, body_start, body_end, lines, unwrap)
    preamble, sections = read_sections(body)
    attached = attached_start(masked, sig_start if sig_line is not None else body_end)
    if attached is not None:  # "QUYẾT ĐỊNH … Điều 1. Ban hành kèm theo …" then the KẾ HOẠCH
        more = paragraphs(masked, attached, len(text), lines, unwrap)
        sections = sections + read_sections(more)[1]
        body = body + more
    if kind == "press" and full_text_repost(masked, header, body[:4]):
        kind = "party" if header.so_hieu and parse_number(header.so_hieu.value).party else "state"
    return Layout(
        source=source,
        header=header,
        metadata=metadata,
        preamble=preamble,
        sections=sections,
        noi_nhan=noi_nhan,
        signature=signature,
        kind=kind,
        addressed=addressed is not None,
        body_start=body_start,
        body_end=body_end,
        paragraphs=body,
        publisher=_publisher(masked, body_end),
        masked=masked,
    )


_CREDIT = re.compile(r"(?m)^[ \t]*Theo\s+([^\n]{2,60}?)[ \t]*$")


def _publisher(masked: str, body_end: int) -> str | None:
    """A repost credit after the body ("Theo Thanhuytphcm.vn"), else a known site's name."""
    credit = _CREDIT.search(masked, body_end)
    if credit:
        return credit[1]
    head, tail = masked[:3000].lower(), masked[-3000:].lower()
    for name in load("layout")["publishers"]:
        if name.lower() in head or name.lower() in tail:
            return name
    return None


def _hard_wrapped(fmt: str, lines: list[Line]) -> bool:
    """Whether lines are wrapped at a fixed width (examples/seeds/000_…) rather than one per
    paragraph (HTML blocks, examples/seeds/001_… to 004_…): then a capitalised next line may
    still continue a sentence."""
    if fmt == "html":
        return False
    filled = [len(line.stripped) for line in lines if line.stripped]
    return not filled or sum(n > 150 for n in filled) < 0.2 * len(filled)


def _clip(masked: str, paras: list[Paragraph], start: int, end: int) -> list[Paragraph]:
    """The paragraphs inside [start, end); the one crossing `end` is cut there."""
    out = []
    for p in paras:
        if p.start < start:
            continue
        if p.start >= end:
            break
        if p.end > end:
            cut = end
            while cut > p.start and masked[cut - 1].isspace():
                cut -= 1
            if cut > p.start:
                out.append(Paragraph(p.text[: cut - p.start], p.start, cut, p.bullet))
            break
        out.append(p)
    return out


def _kind(header_text: str, header: Header, metadata: dict[str, Span], typed: bool) -> str:
    """party | state | press, from the national header, the number's shape, or their absence."""
    layout = load("layout")
    folded = fold(header_text)
    so = header.so_hieu or metadata.get("so_hieu")
    number = parse_number(so.value) if so else None
    if layout["party_national"] in folded or (number and number.party):
        return "party"
    if any(line in folded for line in layout["state_national"]) or number:
        return "state"
    return "party" if typed or metadata else "press"


def _closing(
    masked: str, lines: list[Line], body_start: int, kind: str
) -> tuple[int, int | None, int]:
    """Where the body ends, where nơi nhận starts (or None), and the signature's first line."""
    ends = [m for m in END_MARK.finditer(masked, body_start)]
    nn = list(noi_nhan_regex().finditer(masked, body_start))
    noi_nhan_at = nn[-1].start() if nn else None  # the last line opening "Nơi nhận"
    end_mark = ends[-1].start() if ends else None
    if end_mark is not None and noi_nhan_at is not None and end_mark > noi_nhan_at:
        end_mark = next((m.start() for m in reversed(ends) if m.start() < noi_nhan_at), None)
    candidates = [p for p in (end_mark, noi_nhan_at) if p is not None]
    if kind == "press":
        start = body_start + (len(masked) - body_start) // 3
        by = _BYLINE.search(masked, start)
        if by:
            candidates.append(by.start())
    body_end = min(candidates) if candidates else len(masked)
    sig_from = next((i for i, line in enumerate(lines) if line.end > body_end), len(lines))
    if body_end == len(masked):  # no closing mark: a signature may still end the text
        tail = next((i for i, line in enumerate(lines) if line.start >= body_start), len(lines))
        for i in range(len(lines) - 1, tail, -1):
            if marker_of(lines[i].stripped) and i > tail + (len(lines) - tail) // 2:
                body_end, sig_from = lines[i].start, i
    return body_end, noi_nhan_at, sig_from
