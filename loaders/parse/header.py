"""The header block (DOMAIN.md §2.1): issuer lines, số hiệu, place and date, type word and
trích yếu; a plan attached after a decision, a press repost of a full text.
"""

from __future__ import annotations

import re
from functools import cache

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
from vbkg.loaders.parse.lines import LABEL, Line, is_caps
from vbkg.loaders.parse.model import Header, Paragraph, Span
from vbkg.loaders.parse.signature import casing_phrases

KINH_GUI = re.compile(r"(?im)^[ \t|*]*kính\s+gửi\s*:")
_VV = re.compile(r"(?m)^[ \t]*V/v:?[ \t]+([^\n]+)")
# A công văn's V/v wraps in its narrow left column: short lines up to a blank line.
_VV_MORE = re.compile(r"\n[ \t]*([^\s][^\n]{0,40}?)[ \t]*(?=\n)")
# Lines that open a công văn's body, never its header.
BODY_OPENS = re.compile(r"(?i)(?:kính\s+gửi|thực\s+hiện|căn\s+cứ)\b")
SO = re.compile(r"(?i)\bSố\s*(?:và\s+ký\s+hiệu)?\s*:?\s*")
# "Số:        /UBND-KT", "…, ngày     tháng 7 năm 2026": number and day left for the signing
_BLANK_NUMBER = re.compile(r"(?m)^[ \t]*Số[ \t]*:?[ \t]*/[ \t]*[A-ZĐ]")
_BLANK_DATE = re.compile(r"(?i),[ \t]*ngày[ \t]+tháng[ \t]+(?:\d{1,2}[ \t]+)?năm[ \t]+\d{4}")
_HEADER_LINES = 40


def type_line(lines: list[Line], first: int) -> int | None:
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
        if seen > _HEADER_LINES or KINH_GUI.match(lines[i].text):
            break  # a letter's "Kính gửi:" comes after any type word: a công văn has none
        if is_caps(s) and (is_type_word(s) or _split_type_word(lines, i)):
            return i
        if prefixed is None and seen > 1 and is_caps(s) and 0 < _type_word_end(s) < len(s):
            prefixed = i
    return prefixed


def _split_type_word(lines: list[Line], i: int) -> str | None:
    """A type word broken over two lines ("**NGHỊ\nQUYẾT**" on database pages), joined."""
    nxt = lines[i + 1].stripped if i + 1 < len(lines) else ""
    joined = f"{lines[i].stripped} {nxt}"
    short = len(lines[i].stripped) < 12
    return joined if short and is_caps(nxt) and is_type_word(joined) else None


# A document issued with this one, after its signature: its type line alone, then
# "(Kèm theo Quyết định số …)" / "(Ban hành kèm theo …)".
_ATTACHED = re.compile(
    r"(?m)^[ \t*]*(?:KẾ HOẠCH|QUY ĐỊNH|QUY CHẾ|CHƯƠNG TRÌNH|ĐỀ ÁN|HƯỚNG DẪN|PHƯƠNG ÁN)[ \t*]*\n"
    r"(?:[^\n]*\n){0,8}?[ \t*(]*(?:Ban hành )?[Kk]èm theo [^\n]*(?:\n[^\n]*?\))?[^\n]*\n"
)


def attached_start(masked: str, after: int) -> int | None:
    """Where the body of a document attached after the signature starts (the line after its
    "(Kèm theo …)"), or None: its sections are this text's too (QĐ ban hành Kế hoạch)."""
    m = _ATTACHED.search(masked, after)
    return m.end() if m else None


_FULL_TEXT = re.compile(r"(?i)toàn\s+văn\s*:?\s*")
_OF_ISSUER = re.compile(r"(?i)\bcủa\s+([^,;]+?)(?=\s*(?:,|\bvề\b|$))")


def full_text_repost(masked: str, header: Header, head: list[Paragraph]) -> bool:
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
    regex, cased = casing_phrases()
    words = regex.sub(lambda m: cased[m[0]], words)
    return words[:1].upper() + words[1:]


def read_title(paras: list[Paragraph]) -> tuple[Span | None, int]:
    """Trích yếu after the type word, in sentence case, and how many paragraphs it used."""
    if not paras:
        return None, 0
    first = paras[0]
    if is_caps(first.text):
        used = [first]
        for p in paras[1:]:
            if not is_caps(p.text) or LABEL.match(p.text):
                break
            used.append(p)
        words = " ".join(" ".join(p.text.split()) for p in used)
        return Span(_sentence_case_title(words), used[0].start, used[-1].end), len(used)
    text = " ".join(first.text.split())
    if len(text) > 400 or text.endswith(":") or LABEL.match(first.text):
        return None, 0
    return Span(text, first.start, first.end), 1


def read_header(
    text: str,
    masked: str,
    lines: list[Line],
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
        if SO.search(before) or alone:
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
            if (not more or more.end(1) > he or BODY_OPENS.match(more[1])
                    or find_dates(masked, more.start(1), more.end(1))):
                break
            end = more.end(1)
        header.trich_yeu = Span(" ".join(masked[vv.start(1):end].split()), vv.start(1), end)
    stop = header.so_hieu.start if header.so_hieu else he
    for line in lines[start_line:end_line]:
        s = line.stripped
        if line.start >= stop:
            break
        if is_caps(national_in_line.sub(" ", s)) and not is_caps(s):
            s = s[: national_in_line.search(s).start()].strip(" |-")  # "BỘ … | CỘNG HÒA … Độc lập"
        if not s or s == "*" or not is_caps(s) or fold(s) in national:
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
