"""Layout of one document: header, preamble, numbered section tree, nơi nhận, signature.

Every piece keeps character offsets into `SourceText.text`, so later stages can
quote the exact sentence a fact came from (DESIGN.md "Identity": provenance).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from vbkg.loaders.knowledge.dates import find_dates
from vbkg.loaders.knowledge.numbers import find_numbers, parse_number
from vbkg.loaders.knowledge.vocabulary import (
    fold,
    is_type_word,
    load,
    loai_of_word,
    type_word_regex,
    words_pattern,
)

if TYPE_CHECKING:  # read.py is B1's; only the attribute shape is needed here
    from vbkg.loaders.read.source import SourceText


@dataclass(frozen=True)
class Span:
    """A value found in the text, with where it was found."""

    value: str
    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    """One logical paragraph, bullet or heading line, unwrapped.

    `text` is `source.text[start:end]` with line breaks and markup (`**`, `|`,
    `#`) replaced by spaces: same length, so an offset into `text` plus `start`
    is an offset into the source.
    """

    text: str
    start: int
    end: int
    bullet: str | None = None  # "-", "+", "•" or None


@dataclass
class Section:
    """A numbered heading and what sits under it (DOMAIN.md §2.3 numbering levels)."""

    path: str  # gold-style path: "IV", "IV.1", "II.4.1", "II.2.(3)", "III.1.a"
    label: str  # numbering as written: "IV", "1", "4.1", "(3)", "a"
    heading: Paragraph | None  # the heading text after the label
    paragraphs: list[Paragraph] = field(default_factory=list)  # body before children
    children: list[Section] = field(default_factory=list)


@dataclass
class Header:
    """The header block (DOMAIN.md §2.1): issuer lines, number, place/date, type, title."""

    issuer_lines: list[Span] = field(default_factory=list)  # "THÀNH ỦY THÀNH PHỐ HỒ CHÍ MINH"
    so_hieu: Span | None = None  # as written, e.g. "88-KH/TU" or "15 - NQ/TU"
    place: Span | None = None  # "Thành phố Hồ Chí Minh"
    date: Span | None = None  # ISO value, span of the written date
    type_word: Span | None = None  # "KẾ HOẠCH" as written; value is the gold loai
    trich_yeu: Span | None = None  # title after the type word, sentence case


@dataclass
class Signature:
    """The signature block (DOMAIN.md §2.5): authority line, office, name."""

    tham_quyen: Span | None = None  # the signer's own authority line, "T/M Ban Thường vụ"
    chuc_vu: Span | None = None  # "Phó Bí thư"
    ho_ten: Span | None = None  # "Nguyễn Hồ Hải"
    authorities: list[Span] = field(
        default_factory=list
    )  # every marker line: "TM. Ủy ban nhân dân", "KT. Chủ tịch"


@dataclass
class Layout:
    """Everything `parse` finds in one source, each part with its spans."""

    source: SourceText
    header: Header
    metadata: dict[str, Span]  # publisher rows by field: "so_hieu", "ngay_ban_hanh", "loai",
    # "co_quan_ban_hanh", "nguoi_ky", "trich_yeu" (layout.toml [metadata])
    preamble: list[Paragraph]
    sections: list[Section]  # roots, in order
    noi_nhan: list[Paragraph]
    signature: Signature
    kind: str  # "party" | "state" | "press"
    body_start: int = 0  # offset where the body (preamble + sections) starts
    body_end: int = 0  # offset where it ends (the "./." mark, nơi nhận, signature or byline)
    paragraphs: list[Paragraph] = field(default_factory=list)  # every body paragraph, in order
    publisher: str | None = None  # the site or outlet a copy comes from, when it says
    masked: str = ""  # source text with markup blanked (same offsets), see `mask`
    addressed: bool = False  # a "Kính gửi:" line opens the text: a letter (công văn)


# --- masking: markup becomes spaces, so every offset still points into the source

_RULE_LINE = re.compile(r"(?m)^[ \t]*[-_=–—*]{3,}[ \t]*$")
_HASH = re.compile(r"(?m)^[ \t]*#{1,6}(?=\s)")
_UNDERLINE = re.compile(r"_{2,}")


def mask(text: str) -> str:
    """The text with markdown emphasis, table pipes, rules and `#` marks as spaces (same length)."""

    def blank(m: re.Match) -> str:
        return " " * (m.end() - m.start())

    if any(rule in text for rule in ("---", "___", "***", "===", "–––", "———")):
        text = _RULE_LINE.sub(blank, text)
    for marker, regex in (("#", _HASH), ("__", _UNDERLINE)):
        if marker in text:
            text = regex.sub(blank, text)
    # str.replace, not str.translate: translate looks up every character of a non-ASCII text
    return text.replace("*", " ").replace("|", " ")


class _Line:
    """One line of the masked text (a plain slotted class: there are many)."""

    __slots__ = ("start", "end", "text", "stripped")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start, self.end, self.text, self.stripped = start, end, text, text.strip()


def _lines(masked: str) -> list[_Line]:
    out, pos = [], 0
    for piece in masked.split("\n"):
        out.append(_Line(pos, pos + len(piece), piece))
        pos += len(piece) + 1
    return out


# --- labels of numbered headings and bullets (DOMAIN.md §2.3)

LABEL = re.compile(
    r"""^\s*(?:
        (?P<chapter>Chương\s+[IVXL]{1,5})\s*[.:\-–]?\s*(?=\S|$)
      | (?P<article>Điều\s+\d{1,3})\s*[.:]\s*(?=\S|$)
      | (?P<roman>[IVXL]{1,5})\s*[.\-–)]\s*(?=\S)
      | (?P<multi>\d{1,2}(?:\.\d{1,2})+)\.?\s+(?=\S)
      | (?P<num>\d{1,2})\s*[.)]\s*(?=[^\d\s.,/])
      | \((?P<paren>\d{1,2}|[a-zđ])\)\s*(?=\S)
      | (?P<letter>[a-zđ])\)\s*(?=\S)
    )""",
    re.X,
)
_LABEL_FIRST = frozenset("0123456789IVXL(CĐ")
_BULLET_FIRST = frozenset("-–+•")
BULLET = re.compile(r"^\s*(?P<b>[-–+•])\s*(?=\S)")
_TERMINAL = tuple(".:;!?…")
_ROMAN = re.compile(r"^(?=[IVXL])L?X{0,3}(IX|IV|V?I{0,3})$")


def _label(line: str) -> re.Match | None:
    s = line.lstrip()
    if not s or not (s[0] in _LABEL_FIRST or s[:2].endswith(")")):
        return None  # most lines: no need to try the label grammar
    m = LABEL.match(line)
    if m and m["roman"] and not _ROMAN.match(m["roman"]):
        return None
    return m


def _is_caps(text: str) -> bool:
    """Every letter upper case (and at least one letter)."""
    return text.isupper()


def _starts_upper(text: str) -> bool:
    for c in text:
        if c.isalpha():
            return c.isupper()
        if c.isdigit() or c in "“\"'(":
            return True
    return False


def _starts_lower(text: str) -> bool:
    for c in text:
        if c.isalpha():
            return c.islower()
        if not c.isspace():
            return False
    return False


@cache
def _dangling() -> tuple[str, ...]:
    return tuple(load("layout")["dangling"])


def _ends_dangling(text: str) -> bool:
    folded = fold(text)
    return any(folded == w or folded.endswith(" " + w) for w in _dangling())


def _continues(prev: str, line: str, blank_between: bool, prev_label: bool, caps: bool) -> bool:
    """Whether `line` continues a paragraph whose last line is `prev` (hard-wrap repair).

    `caps`: the paragraph so far is upper case; `prev_label`: it is one labelled line.
    """
    prev = prev.rstrip()
    closed = prev.endswith(_TERMINAL) or prev.endswith(("”", '"')) and prev[:-1].endswith(_TERMINAL)
    if blank_between:  # a page break inside a sentence: "Chương trình công\n\ntác" (003)
        return not closed and _starts_lower(line)
    if _starts_lower(line):
        return True
    if closed:
        return False
    if caps:
        return _is_caps(line)
    if prev_label and len(prev) < 40 and not _ends_dangling(prev):
        return False  # "1. Mục tiêu" then its body on the next line
    return True


def _lines_between(lines: list[_Line], masked: str, start: int, end: int):
    """The lines of masked[start:end], the first and last cut to the range."""
    for line in lines:
        if line.end < start:
            continue
        if line.start >= end:
            break
        if line.start < start or line.end > end:
            lo, hi = max(line.start, start), min(line.end, end)
            yield _Line(lo, hi, masked[lo:hi])
        else:
            yield line


def paragraphs(
    masked: str, start: int, end: int, lines: list[_Line] | None = None, unwrap: bool = True
) -> list[Paragraph]:
    """Logical paragraphs of masked[start:end], hard wraps joined (`lines`: of all `masked`).

    `unwrap=False` (text with one paragraph per line: HTML blocks, unwrapped
    text) joins a line only when it goes on in lower case ("công\n\ntác").

    A new paragraph starts at a numbered label, at a bullet (a dash followed by
    a capital: "- xã hội" after "chính trị" is a wrapped line), after a
    sentence end followed by a capital, after a blank line, and between an
    upper-case heading and mixed-case text.
    """
    out: list[Paragraph] = []
    cur: list[int] | None = None  # [start, end, bullet?, labelled?]
    cur_bullet: str | None = None
    cur_label = False
    cur_caps = False
    prev_text = ""
    blank = False
    for line in _lines_between(lines or _lines(masked), masked, start, end):
        ls = line.start
        s = line.stripped
        if not s:
            blank = True
            continue
        lead = ls + (len(line.text) - len(line.text.lstrip()))
        label = _label(line.text)
        bullet = BULLET.match(line.text) if s[0] in _BULLET_FIRST else None
        new = (
            cur is None
            or label is not None
            or (
                bullet is not None
                and (
                    _starts_upper(line.text[bullet.end() :])
                    or prev_text.rstrip().endswith(_TERMINAL)
                )
            )
            or not (
                _continues(prev_text, s, blank, cur_label, cur_caps)
                if unwrap
                else _continues(prev_text, s, True, cur_label, cur_caps)
            )
        )
        if new:
            if cur:
                out.append(_paragraph(masked, cur[0], cur[1], cur_bullet))
            cur = [lead, ls + len(line.text.rstrip())]
            cur_bullet = bullet["b"] if bullet and label is None else None
            cur_label = label is not None
            cur_caps = _is_caps(s)
        else:
            cur[1] = ls + len(line.text.rstrip())
            cur_label = False
            cur_caps = cur_caps and _is_caps(s)
        prev_text = s
        blank = False
    if cur:
        out.append(_paragraph(masked, cur[0], cur[1], cur_bullet))
    return out


def _paragraph(masked: str, start: int, end: int, bullet: str | None) -> Paragraph:
    return Paragraph(masked[start:end].replace("\n", " "), start, end, bullet)


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


# --- header (DOMAIN.md §2.1)

_KINH_GUI = re.compile(r"(?im)^[ \t|*]*kính\s+gửi\s*:")
_VV = re.compile(r"(?m)^[ \t]*V/v:?[ \t]+([^\n]+)")
# A công văn's V/v wraps in its narrow left column: short lines up to a blank line.
_VV_MORE = re.compile(r"\n[ \t]*([^\s][^\n]{0,40}?)[ \t]*(?=\n)")
# Lines that open a công văn's body, never its header.
_BODY_OPENS = re.compile(r"(?i)(?:kính\s+gửi|thực\s+hiện|căn\s+cứ)\b")
_SO = re.compile(r"(?i)\bSố\s*(?:và\s+ký\s+hiệu)?\s*:?\s*")
# "Số:        /UBND-KT", "…, ngày     tháng 7 năm 2026": number and day left for the signing
_BLANK_NUMBER = re.compile(r"(?m)^[ \t]*Số[ \t]*:?[ \t]*/[ \t]*[A-ZĐ]")
_BLANK_DATE = re.compile(r"(?i),[ \t]*ngày[ \t]+tháng[ \t]+(?:\d{1,2}[ \t]+)?năm[ \t]+\d{4}")
_HEADER_LINES = 40


def _type_line(lines: list[_Line], first: int) -> int | None:
    """Index of the line holding the document type word ("KẾ HOẠCH", "**HƯỚNG DẪN**").

    Failing a line with the type word alone, an upper-case line that starts with
    it after some header lines ("KẾ HOẠCH THỰC HIỆN NGHỊ QUYẾT SỐ 57-NQ/TW").
    """
    seen, prefixed = 0, None
    for i in range(first, len(lines)):
        s = lines[i].stripped
        if not s:
            continue
        seen += 1
        if seen > _HEADER_LINES or _KINH_GUI.match(lines[i].text):
            break  # a letter's "Kính gửi:" comes after any type word: a công văn has none
        if _is_caps(s) and (is_type_word(s) or _split_type_word(lines, i)):
            return i
        if prefixed is None and seen > 1 and _is_caps(s) and 0 < _type_word_end(s) < len(s):
            prefixed = i
    return prefixed


def _split_type_word(lines: list[_Line], i: int) -> str | None:
    """A type word broken over two lines ("**NGHỊ\nQUYẾT**" on database pages), joined."""
    nxt = lines[i + 1].stripped if i + 1 < len(lines) else ""
    joined = f"{lines[i].stripped} {nxt}"
    short = len(lines[i].stripped) < 12
    return joined if short and _is_caps(nxt) and is_type_word(joined) else None


# A document issued with this one, after its signature: its type line alone, then
# "(Kèm theo Quyết định số …)" / "(Ban hành kèm theo …)".
_ATTACHED = re.compile(
    r"(?m)^[ \t*]*(?:KẾ HOẠCH|QUY ĐỊNH|QUY CHẾ|CHƯƠNG TRÌNH|ĐỀ ÁN|HƯỚNG DẪN|PHƯƠNG ÁN)[ \t*]*\n"
    r"(?:[^\n]*\n){0,8}?[ \t*(]*(?:Ban hành )?[Kk]èm theo [^\n]*(?:\n[^\n]*?\))?[^\n]*\n"
)


def _attached_start(masked: str, after: int) -> int | None:
    """Where the body of a document attached after the signature starts (the line after its
    "(Kèm theo …)"), or None: its sections are this text's too (QĐ ban hành Kế hoạch)."""
    m = _ATTACHED.search(masked, after)
    return m.end() if m else None


_FULL_TEXT = re.compile(r"(?i)toàn\s+văn\s*:?\s*")
_OF_ISSUER = re.compile(r"(?i)\bcủa\s+([^,;]+?)(?=\s*(?:,|\bvề\b|$))")


def _full_text_repost(masked: str, header: Header, head: list[Paragraph]) -> bool:
    """A press page headed "TOÀN VĂN: KẾT LUẬN 155-KL/TW CỦA BỘ CHÍNH TRỊ …" whose body opens
    with the document's own type line ("KẾT LUẬN CỦA BỘ CHÍNH TRỊ …") reposts the document
    itself: its number and issuer come from the headline, its type from that line, and the
    posting date is not its issue date. Fills `header`; True when it is one."""
    title = header.trich_yeu
    if title is None or not _FULL_TEXT.match(title.value):
        return False
    rest = title.value[_FULL_TEXT.match(title.value).end():]
    word = rest[: _type_word_end(rest)]  # "KẾT LUẬN" of "KẾT LUẬN 155-KL/TW CỦA …"
    number = parse_number(title.value)
    if not word or number is None or loai_of_word(word) != number.loai:
        return False
    # the document's own type line; bold runs may fuse it: "KẾT LUẬNCỦA BỘ CHÍNH TRỊ"
    typed = next((p for p in head if p.text.startswith(word.upper())), None)
    if typed is None:
        return False
    header.type_word = Span(loai_of_word(word), typed.start, typed.start + len(word))
    at = masked.find(number.so_hieu, title.start, title.end)
    header.so_hieu = Span(number.so_hieu, at, at + len(number.so_hieu)) if at >= 0 else None
    issuer = _OF_ISSUER.search(title.value, title.value.find(number.so_hieu))
    if issuer:
        header.issuer_lines = [Span(issuer[1].strip(), title.start + issuer.start(1),
                                    title.start + issuer.end(1))]
    header.date = None
    header.trich_yeu = Span(_sentence_case_title(rest), title.end - len(rest), title.end)
    return True


def _type_word_end(s: str) -> int:
    """Length of the type word starting `s` ("KẾ HOẠCH THỰC HIỆN …" -> 8), 0 if none."""
    m = type_word_regex().match(s.lower())
    return m.end() if m and (m.end() == len(s) or s[m.end()].isspace()) else 0


def _sentence_case_title(caps: str) -> str:
    """An upper-case title in sentence case; numbers ("57-NQ/TW") and names of bodies
    (signature.toml `casing`: "Bộ Chính trị") keep their capitals."""
    words = " ".join(w if any(c.isdigit() for c in w) else w.lower() for w in caps.split())
    regex, cased = _casing()
    words = regex.sub(lambda m: cased[m[0]], words)
    return words[:1].upper() + words[1:]


def _title(paras: list[Paragraph]) -> tuple[Span | None, int]:
    """Trích yếu after the type word, in sentence case, and how many paragraphs it used."""
    if not paras:
        return None, 0
    first = paras[0]
    if _is_caps(first.text):
        used = [first]
        for p in paras[1:]:
            if not _is_caps(p.text) or LABEL.match(p.text):
                break
            used.append(p)
        words = " ".join(" ".join(p.text.split()) for p in used)
        return Span(_sentence_case_title(words), used[0].start, used[-1].end), len(used)
    text = " ".join(first.text.split())
    if len(text) > 400 or text.endswith(":") or LABEL.match(first.text):
        return None, 0
    return Span(text, first.start, first.end), 1


def _header(
    text: str,
    masked: str,
    lines: list[_Line],
    start_line: int,
    end_line: int,
    type_index: int | None,
) -> Header:
    """Issuer lines, số hiệu, place and date from the lines before the type word."""
    header = Header()
    hs, he = lines[start_line].start, lines[end_line - 1].end if end_line > start_line else 0
    national = tuple(load("layout")["national"])
    national_in_line = _national_in_line()
    # a number left blank is stamped at signing: any other number of the header is cited
    numbers = [] if _BLANK_NUMBER.search(masked, hs, he) else find_numbers(masked, hs, he)
    if type_index is not None:  # "ĐOÀN KIỂM TRA / THEO QUYẾT ĐỊNH / SỐ 1050/QĐ-SCT" above
        own = loai_of_word(lines[type_index].stripped[: _type_word_end(lines[type_index].stripped)])
        numbers.sort(key=lambda n: n.loai != own)  # "Số: 1105/KH-ĐKT" of a KẾ HOẠCH first
    so = None
    for n in numbers:  # "Số: 88-KH/TU", or a number alone on its line ("Số:\n88-KH/TU")
        before = masked[max(hs, n.start - 20) : n.start]
        line_start = masked.rfind("\n", 0, n.start) + 1
        line_end = masked.find("\n", n.end)
        alone = (
            not masked[line_start : n.start].strip()
            and not masked[n.end : line_end if line_end != -1 else len(masked)].strip()
        )
        if _SO.search(before) or alone:
            so = n
            break
    if so is not None:
        header.so_hieu = Span(so.so_hieu, so.start, so.end)
    for d in [] if _BLANK_DATE.search(masked, hs, he) else find_dates(masked, hs, he):
        if (
            d.form == "full"
            or re.search(r",\s*$", masked[max(hs, d.start - 12) : d.start])
            or re.search(r"ngày\s*$", masked[max(hs, d.start - 8) : d.start])
        ):
            header.date = Span(d.iso, d.start, d.end)
            header.place = _place(masked, hs, d.start)
            break
    vv = _VV.search(masked, hs, he)
    if vv:  # a công văn's "V/v …" under its number (HD 36 ô 5b)
        end = vv.end(1)
        for _ in range(4):
            more = _VV_MORE.match(masked, end)
            if (not more or more.end(1) > he or _BODY_OPENS.match(more[1])
                    or find_dates(masked, more.start(1), more.end(1))):
                break
            end = more.end(1)
        header.trich_yeu = Span(" ".join(masked[vv.start(1):end].split()), vv.start(1), end)
    stop = header.so_hieu.start if header.so_hieu else he
    for line in lines[start_line:end_line]:
        s = line.stripped
        if line.start >= stop:
            break
        if _is_caps(national_in_line.sub(" ", s)) and not _is_caps(s):
            s = s[: national_in_line.search(s).start()].strip(" |-")  # "BỘ … | CỘNG HÒA … Độc lập"
        if not s or s == "*" or not _is_caps(s) or fold(s) in national:
            continue
        if any(fold(s) in n for n in national) and len(s) < 25:
            continue  # "ĐẢNG" / "CỘNG SẢN VIỆT NAM" split over two lines
        offset = line.start + line.text.index(s)
        value = " ".join(national_in_line.sub(" ", s).replace("*", " ").split())
        value = " ".join(re.sub(r"[-–—_=]{3,}", " ", value).split())
        if value:  # "BAN CHẤP HÀNH TRUNG ƯƠNG * ĐẢNG CỘNG SẢN VIỆT NAM": a flattened table row
            header.issuer_lines.append(Span(value, offset, offset + len(s)))
    if type_index is not None:
        line = lines[type_index]
        s = line.stripped
        offset = line.start + line.text.index(s)
        split = None if _type_word_end(s) else _split_type_word(lines, type_index)
        if split:
            nxt = lines[type_index + 1]
            end = nxt.start + nxt.text.index(nxt.stripped) + len(nxt.stripped)
            header.type_word = Span(loai_of_word(split) or "", offset, end)
        else:
            word = s[: _type_word_end(s)]
            header.type_word = Span(loai_of_word(word) or "", offset, offset + len(word))
    return header


@cache
def _national_in_line() -> re.Pattern:
    """A national header line (layout.toml `national`) in capitals inside a longer line, the
    motto in any case: words split by any whitespace, its dashes by any or none."""
    layout = load("layout")
    forms = []
    for line in layout["national"]:
        form = words_pattern(line.upper()).replace(r"\s+\-\s+", r"\s*-\s*")
        forms.append(f"(?i:{form})" if line == layout["motto"] else form)
    return re.compile("|".join(forms))


def _place(masked: str, header_start: int, date_start: int) -> Span | None:
    """The place name before ", ngày …" ("TP.\\nHồ Chí Minh" joined)."""
    m = re.search(r",\s*(?:ngày\s*)?$", masked[max(header_start, date_start - 12) : date_start])
    if not m:
        return None
    comma = max(header_start, date_start - 12) + m.start()
    line_start = masked.rfind("\n", header_start, comma) + 1
    cell = re.search(r"\S\s{3,}(?=\S[^\n]*$)", masked[line_start:comma])
    if cell:  # a flattened table row: "Số: 141/KH-UBND | Bắc Ninh, ngày …"
        line_start += cell.end()
    place = masked[line_start:comma]
    if len(place.strip()) < 12:  # "TP." wrapped away from "Hồ Chí Minh"
        prev_start = masked.rfind("\n", header_start, max(header_start, line_start - 1)) + 1
        prev = masked[prev_start : line_start - 1].strip()
        if prev.endswith(".") and len(prev) < 8:
            line_start = prev_start
    value = " ".join(masked[line_start:comma].split())
    if not value or len(value) > 40:
        return None
    return Span(
        value,
        line_start + (len(masked[line_start:comma]) - len(masked[line_start:comma].lstrip())),
        comma,
    )


# --- closing: "./.", nơi nhận, signature (DOMAIN.md §2.4)

_END_MARK = re.compile(r"\.\s?/\s?\.")


@cache
def _noi_nhan() -> re.Pattern:
    return re.compile(rf"(?im)^[ \t]*{re.escape(load('layout')['noi_nhan'])}\b")


@cache
def _signature_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    data = load("signature")
    return tuple(data["markers"]), tuple(data["offices"])


def _marker(line: str) -> str | None:
    markers, _ = _signature_words()
    s = line.strip().upper()
    for mk in markers:
        if s.startswith(mk) and (len(s) == len(mk) or not s[len(mk)].isalpha() or mk.endswith(".")):
            return mk
    return None


def _is_office(line: str) -> bool:
    _, offices = _signature_words()
    folded = fold(line)
    return any(folded == o or folded.startswith(o + " ") for o in offices)


def _is_name(line: str) -> bool:
    """A signer's name: 2-6 capitalised words, not all upper case, no digits."""
    words = line.split()
    return (
        2 <= len(words) <= 6
        and all(w[:1].isupper() for w in words)
        and not _is_caps(line)
        and not any(c.isdigit() for c in line)
    )


@cache
def _signature_notes() -> frozenset[str]:
    return frozenset(load("signature")["notes"])


def _is_caps_name(line: str) -> bool:
    """An upper-case signer's name after the office ("NGUYỄN VĂN NÊN"): it starts with a
    family name (signature.toml `family_names`) and is not an office itself."""
    words = line.split()
    return (
        2 <= len(words) <= 5
        and fold(words[0]) in load("signature")["family_names"]
        and not _is_office(line)
    )


def _name_case(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())


def sentence_case(text: str) -> str:
    """ "PHÓ BÍ THƯ THƯỜNG TRỰC" -> "Phó Bí thư Thường trực" (markers such as T/M stay)."""
    mk = _marker(text)
    head, rest = (mk, text.strip()[len(mk) :]) if mk else ("", text)
    rest = " ".join(rest.split()).lower()
    regex, cased = _casing()
    rest = regex.sub(lambda m: cased[m[0]], rest)
    rest = rest[:1].upper() + rest[1:]
    return f"{head} {rest}".strip() if head else rest


@cache
def _casing() -> tuple[re.Pattern, dict[str, str]]:
    """One regex over the lower-cased casing phrases (longest first) and their written forms."""
    phrases = sorted(load("signature")["casing"], key=len, reverse=True)
    alts = "|".join(re.escape(p.lower()) for p in phrases)
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)"), {p.lower(): p for p in phrases}


def _signature(lines: list[_Line], from_line: int) -> tuple[Signature, int | None]:
    """Authority line(s), office, name after `from_line`; also the index of the first marker line.

    "T/M BAN THƯỜNG\nVỤ / PHÓ BÍ THƯ / Nguyễn Hồ Hải" (000), "TM. ỦY BAN NHÂN\nDÂN /
    KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Phạm Văn Thịnh" (state): a marker starts an
    authority, upper-case lines that are not an office continue it, an office
    word starts the office, and the first mixed-case name ends the block.
    """
    sig = Signature()
    first = next(
        (i for i in range(from_line, len(lines)) if _marker_at(lines[i]) is not None), None
    )
    if first is None:
        return sig, None
    groups: list[list[_Line]] = []
    office: list[_Line] = []
    column = _marker_at(lines[first])
    rows = [_Line(lines[first].start + column, lines[first].end, lines[first].text[column:])]
    if lines[first].text[:column].strip():  # "Nơi nhận:      KT. CHỦ TỊCH": two columns
        rows += [_right_column(line, column) for line in lines[first + 1 : first + 16]]
    else:
        rows += lines[first + 1 : first + 16]
    for line in (cell for row in rows for cell in _cells(row)):
        s = line.stripped
        if not s or fold(s).strip("()[]* ") in _signature_notes():
            continue  # "(Đã ký)", "[daky]": the publisher's note where the signature was
        if _marker(s) and not office:
            groups.append([line])
        elif office and _is_caps(s) and _is_caps_name(s):
            offset = line.start + line.text.index(s)
            sig.ho_ten = Span(_name_case(s), offset, offset + len(s))
            break
        elif _is_caps(s) and (office or _is_office(s)):
            office.append(line)
        elif _is_caps(s) and groups and not office:
            groups[-1].append(line)
        elif _is_name(s):
            offset = line.start + line.text.index(s)
            sig.ho_ten = Span(" ".join(s.split()), offset, offset + len(s))
            break
        else:
            break
    sig.authorities = [
        Span(
            sentence_case(" ".join(x.stripped for x in g)),
            _lead(g[0]),
            g[-1].start + len(g[-1].text.rstrip()),
        )
        for g in groups
    ]
    if sig.authorities:
        sig.tham_quyen = sig.authorities[-1]
    if office:
        value = sentence_case(" ".join(x.stripped for x in office))
        sig.chuc_vu = Span(
            value, _lead(office[0]), office[-1].start + len(office[-1].text.rstrip())
        )
    return sig, first


_GAP = re.compile(r"\s{3,}(?=\S)")


def _right_column(line: _Line, column: int) -> _Line:
    """The part of a line in the right column that starts near `column` (pdftotext -layout
    puts the signature beside Nơi nhận on the same lines); empty when it has none."""
    lead = len(line.text) - len(line.text.lstrip())
    if lead >= column - 20:
        return line
    for m in _GAP.finditer(line.text):
        if m.end() >= column - 20:
            return _Line(line.start + m.end(), line.end, line.text[m.end():])
    return _Line(line.end, line.end, "")


@cache
def _marker_regex() -> re.Pattern:
    markers, _ = _signature_words()
    alts = "|".join(re.escape(m) for m in sorted(markers, key=len, reverse=True))
    return re.compile(rf"(?:^\s*|\s{{3,}})(?=(?:{alts})\s*[A-ZĐÀ-Ỹ])")


def _marker_at(line: _Line) -> int | None:
    """Where a signature marker starts a line or a table cell of it ("- Lưu VP. | T/M …")."""
    m = _marker_regex().search(line.text)
    return m.end() if m else None


def _cells(line: _Line) -> list[_Line]:
    """A signature row flattened onto one line, split into its lines again.

    "K/T TRƯỞNG BAN PHÓ TRƯỞNG BAN Phạm Tất Thắng" -> authority / office / name:
    a new part starts at a marker, at an office word once the authority has a
    complete name after its marker ("T/M BAN" + "BÍ THƯ" is the Ban Bí thư),
    and where upper case turns into a mixed-case name.
    """
    words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", line.text)]
    parts: list[list[tuple[int, int, str]]] = []
    for i, (start, end, word) in enumerate(words):
        current = parts[-1] if parts else None
        if (
            current is None
            or (
                word.isupper()
                and _marker(word)
                or len(current) >= 2
                and word.isupper()
                and _marker(current[0][2]) is not None  # the part is an authority
                and _is_office(" ".join(w for _, _, w in words[i:]))  # the rest of the line
                and fold(" ".join(w for _, _, w in current[1:]))
                not in _dangling()  # T/M BAN BÍ THƯ
                or not word.isupper()
                and current[-1][2].isupper()
                and word[:1].isupper()
            )
        ):
            parts.append([(start, end, word)])
        else:
            current.append((start, end, word))
    return [
        _Line(line.start + p[0][0], line.start + p[-1][1], line.text[p[0][0] : p[-1][1]])
        for p in parts
    ]


def _lead(line: _Line) -> int:
    return line.start + len(line.text) - len(line.text.lstrip())


# --- section tree

_RANKS = {"chapter": 0, "roman": 1, "article": 2, "num": 3, "paren": 20, "letter": 21}


def _rank(m: re.Match) -> int:
    """Depth of a label kind: Chương > I. > Điều > 1. > 1.1. > (1) > a)."""
    if m["multi"]:
        return _RANKS["num"] + m["multi"].count(".")
    return next(rank for kind, rank in _RANKS.items() if m[kind])


def _sections(paras: list[Paragraph]) -> tuple[list[Paragraph], list[Section]]:
    """Paragraphs before the first numbered heading, and the heading tree with its bodies."""
    preamble: list[Paragraph] = []
    roots: list[Section] = []
    stack: list[tuple[int, Section]] = []
    for p in paras:
        m = _label(p.text)
        if m is None:
            (stack[-1][1].paragraphs if stack else preamble).append(p)
            continue
        rank = _rank(m)
        while stack and stack[-1][0] >= rank:
            stack.pop()
        parent = stack[-1][1] if stack else None
        label = " ".join(next(m[k] for k in (*_RANKS, "multi") if m[k]).split())
        if m["multi"]:
            base = next((s.path for r, s in reversed(stack) if r < _RANKS["num"]), "")
            path = f"{base}.{label}" if base else label
        elif m["chapter"] or m["article"]:  # Chương III . Điều 18 -> "III.18" (gold style)
            number = label.split()[-1]
            path = f"{parent.path}.{number}" if parent else number
        elif m["paren"]:
            path = f"{parent.path}.({label})" if parent else f"({label})"
        else:
            path = f"{parent.path}.{label}" if parent else label
        rest = p.text[m.end() :]
        heading = Paragraph(rest, p.start + m.end(), p.end) if rest.strip() else None
        section = Section(path, label, heading)
        (parent.children if parent else roots).append(section)
        stack.append((rank, section))
    return preamble, roots


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
    lines = _lines(masked)
    unwrap = _hard_wrapped(source.format, lines)
    metadata = _metadata(text, masked)
    meta_end = max((s.end for k, s in metadata.items() if k != "trich_yeu"), default=0)
    first = next((i for i, line in enumerate(lines) if line.start >= meta_end), len(lines))
    type_index = _type_line(lines, first)

    if type_index is not None:
        header_end_line = type_index
    else:  # no type word (002, press): the header ends at its date line, if it has one
        header_end_line = first
        count = 0
        subject = False  # inside the "V/v …" block, which wraps over short lines
        for i in range(first, len(lines)):
            if lines[i].stripped:
                count += 1
            if count > 15 or _BODY_OPENS.match(lines[i].stripped):
                break  # "Kính gửi:", "Thực hiện Văn bản số … ngày …": the header is over
            subject = lines[i].stripped.startswith("V/v") or (subject and bool(lines[i].stripped))
            if subject:
                header_end_line = i + 1
            short = len(lines[i].stripped) < 100
            if short and (
                find_dates(masked, lines[i].start, lines[i].end) or _SO.match(lines[i].stripped)
            ):
                header_end_line = i + 1
    header = _header(text, masked, lines, first, header_end_line, type_index)

    body_start = lines[header_end_line].start if header_end_line < len(lines) else len(text)
    paras: list[Paragraph] | None = None  # from the type word on, when there is one
    if type_index is not None:
        after = header.type_word.end
        paras = paragraphs(masked, after, len(text), lines, unwrap)
        title, used = _title(paras[:8])
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
    addressed = _KINH_GUI.search(masked, 0, min(len(masked), 2000))
    if kind == "press" and addressed and any(
        line.start > addressed.end() and _marker_at(line) is not None for line in lines
    ):
        kind = "state"  # "Kính gửi: …" then a "TM. ỦY BAN NHÂN DÂN" block: a letter, header lost
    if kind == "press" and header.trich_yeu is None:
        head = paragraphs(masked, 0, min(len(text), 2000), lines, unwrap)
        if head:
            header.trich_yeu = Span(" ".join(head[0].text.split()), head[0].start, head[0].end)
            body_start = head[0].end

    body_end, noi_nhan_at, sig_from = _closing(masked, lines, body_start, kind)
    signature, sig_line = _signature(lines, sig_from) if kind != "press" else (Signature(), None)
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
    preamble, sections = _sections(body)
    attached = _attached_start(masked, sig_start if sig_line is not None else body_end)
    if attached is not None:  # "QUYẾT ĐỊNH … Điều 1. Ban hành kèm theo …" then the KẾ HOẠCH
        more = paragraphs(masked, attached, len(text), lines, unwrap)
        sections = sections + _sections(more)[1]
        body = body + more
    if kind == "press" and _full_text_repost(masked, header, body[:4]):
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


def _hard_wrapped(fmt: str, lines: list[_Line]) -> bool:
    """Whether lines are wrapped at a fixed width (000) rather than one per paragraph
    (HTML blocks, 001-004): then a capitalised next line may still continue a sentence."""
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
    masked: str, lines: list[_Line], body_start: int, kind: str
) -> tuple[int, int | None, int]:
    """Where the body ends, where nơi nhận starts (or None), and the signature's first line."""
    ends = [m for m in _END_MARK.finditer(masked, body_start)]
    nn = list(_noi_nhan().finditer(masked, body_start))
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
            if _marker(lines[i].stripped) and i > tail + (len(lines) - tail) // 2:
                body_end, sig_from = lines[i].start, i
    return body_end, noi_nhan_at, sig_from
