"""The closing (DOMAIN.md §2.4): the "./." mark, nơi nhận, and the signature block's authority
lines, office and name, in one column or beside nơi nhận; capitals in sentence case
("PHÓ BÍ THƯ THƯỜNG TRỰC" → "Phó Bí thư Thường trực").
"""

from __future__ import annotations

import re
from functools import cache

from vbkg.loaders.knowledge.vocabulary import fold, load
from vbkg.loaders.parse.lines import Line, dangling_words, is_caps
from vbkg.loaders.parse.model import Signature, Span

END_MARK = re.compile(r"\.\s?/\s?\.")


@cache
def noi_nhan_regex() -> re.Pattern:
    return re.compile(rf"(?im)^[ \t]*{re.escape(load('layout')['noi_nhan'])}\b")


@cache
def _signature_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    data = load("signature")
    return tuple(data["markers"]), tuple(data["offices"])


def marker_of(line: str) -> str | None:
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
        and not is_caps(line)
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
    mk = marker_of(text)
    head, rest = (mk, text.strip()[len(mk) :]) if mk else ("", text)
    rest = " ".join(rest.split()).lower()
    regex, cased = casing_phrases()
    rest = regex.sub(lambda m: cased[m[0]], rest)
    rest = rest[:1].upper() + rest[1:]
    return f"{head} {rest}".strip() if head else rest


@cache
def casing_phrases() -> tuple[re.Pattern, dict[str, str]]:
    """One regex over the lower-cased casing phrases (longest first) and their written forms."""
    phrases = sorted(load("signature")["casing"], key=len, reverse=True)
    alts = "|".join(re.escape(p.lower()) for p in phrases)
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)"), {p.lower(): p for p in phrases}


def read_signature(lines: list[Line], from_line: int) -> tuple[Signature, int | None]:
    """Authority line(s), office, name after `from_line`; also the index of the first marker line.

    "T/M BAN THƯỜNG\nVỤ / PHÓ BÍ THƯ / Nguyễn Hồ Hải" (examples/seeds/000_…), "TM. ỦY BAN
    NHÂN\nDÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Phạm Văn Thịnh" (state): a marker starts an
    authority, upper-case lines that are not an office continue it, an office
    word starts the office, and the first mixed-case name ends the block.
    """
    sig = Signature()
    first = next(
        (i for i in range(from_line, len(lines)) if marker_at(lines[i]) is not None), None
    )
    if first is None:
        return sig, None
    groups: list[list[Line]] = []
    office: list[Line] = []
    column = marker_at(lines[first])
    rows = [Line(lines[first].start + column, lines[first].end, lines[first].text[column:])]
    if lines[first].text[:column].strip():  # "Nơi nhận:      KT. CHỦ TỊCH": two columns
        rows += [_right_column(line, column) for line in lines[first + 1 : first + 16]]
    else:
        rows += lines[first + 1 : first + 16]
    for line in (cell for row in rows for cell in _cells(row)):
        s = line.stripped
        if not s or fold(s).strip("()[]* ") in _signature_notes():
            continue  # "(Đã ký)", "[daky]": the publisher's note where the signature was
        if marker_of(s) and not office:
            groups.append([line])
        elif office and is_caps(s) and _is_caps_name(s):
            offset = line.start + line.text.index(s)
            sig.ho_ten = Span(_name_case(s), offset, offset + len(s))
            break
        elif is_caps(s) and (office or _is_office(s)):
            office.append(line)
        elif is_caps(s) and groups and not office:
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


def _right_column(line: Line, column: int) -> Line:
    """The part of a line in the right column that starts near `column` (pdftotext -layout
    puts the signature beside Nơi nhận on the same lines); empty when it has none."""
    lead = len(line.text) - len(line.text.lstrip())
    if lead >= column - 20:
        return line
    for m in _GAP.finditer(line.text):
        if m.end() >= column - 20:
            return Line(line.start + m.end(), line.end, line.text[m.end():])
    return Line(line.end, line.end, "")


@cache
def _marker_regex() -> re.Pattern:
    markers, _ = _signature_words()
    alts = "|".join(re.escape(m) for m in sorted(markers, key=len, reverse=True))
    return re.compile(rf"(?:^\s*|\s{{3,}})(?=(?:{alts})\s*[A-ZĐÀ-Ỹ])")


def marker_at(line: Line) -> int | None:
    """Where a signature marker starts a line or a table cell of it ("- Lưu VP. | T/M …")."""
    m = _marker_regex().search(line.text)
    return m.end() if m else None


def _cells(line: Line) -> list[Line]:
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
                and marker_of(word)
                or len(current) >= 2
                and word.isupper()
                and marker_of(current[0][2]) is not None  # the part is an authority
                and _is_office(" ".join(w for _, _, w in words[i:]))  # the rest of the line
                and fold(" ".join(w for _, _, w in current[1:]))
                not in dangling_words()  # T/M BAN BÍ THƯ
                or not word.isupper()
                and current[-1][2].isupper()
                and word[:1].isupper()
            )
        ):
            parts.append([(start, end, word)])
        else:
            current.append((start, end, word))
    return [
        Line(line.start + p[0][0], line.start + p[-1][1], line.text[p[0][0] : p[-1][1]])
        for p in parts
    ]


def _lead(line: Line) -> int:
    return line.start + len(line.text) - len(line.text.lstrip())
