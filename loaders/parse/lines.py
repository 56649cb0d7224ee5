"""The text as lines and paragraphs: markup masked to spaces (offsets kept), the labels of
numbered headings and bullets (DOMAIN.md §2.3), and hard-wrapped lines joined into paragraphs.
"""

from __future__ import annotations

import re
from functools import cache

from vbkg.loaders.knowledge.vocabulary import fold, load
from vbkg.loaders.parse.model import Paragraph

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


class Line:
    """One line of the masked text (a plain slotted class: there are many)."""

    __slots__ = ("start", "end", "text", "stripped")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start, self.end, self.text, self.stripped = start, end, text, text.strip()


def split_lines(masked: str) -> list[Line]:
    out, pos = [], 0
    for piece in masked.split("\n"):
        out.append(Line(pos, pos + len(piece), piece))
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


def label_of(line: str) -> re.Match | None:
    s = line.lstrip()
    if not s or not (s[0] in _LABEL_FIRST or s[:2].endswith(")")):
        return None  # most lines: no need to try the label grammar
    m = LABEL.match(line)
    if m and m["roman"] and not _ROMAN.match(m["roman"]):
        return None
    return m


def is_caps(text: str) -> bool:
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
def dangling_words() -> tuple[str, ...]:
    return tuple(load("layout")["dangling"])


def _ends_dangling(text: str) -> bool:
    folded = fold(text)
    return any(folded == w or folded.endswith(" " + w) for w in dangling_words())


def _continues(prev: str, line: str, blank_between: bool, prev_label: bool, caps: bool) -> bool:
    """Whether `line` continues a paragraph whose last line is `prev` (hard-wrap repair).

    `caps`: the paragraph so far is upper case; `prev_label`: it is one labelled line.
    """
    prev = prev.rstrip()
    closed = prev.endswith(_TERMINAL) or prev.endswith(("”", '"')) and prev[:-1].endswith(_TERMINAL)
    if blank_between:  # a page break in a sentence (examples/seeds/003_…): "công\n\ntác"
        return not closed and _starts_lower(line)
    if _starts_lower(line):
        return True
    if closed:
        return False
    if caps:
        return is_caps(line)
    if prev_label and len(prev) < 40 and not _ends_dangling(prev):
        return False  # "1. Mục tiêu" then its body on the next line
    return True


def _lines_between(lines: list[Line], masked: str, start: int, end: int):
    """The lines of masked[start:end], the first and last cut to the range."""
    for line in lines:
        if line.end < start:
            continue
        if line.start >= end:
            break
        if line.start < start or line.end > end:
            lo, hi = max(line.start, start), min(line.end, end)
            yield Line(lo, hi, masked[lo:hi])
        else:
            yield line


def paragraphs(
    masked: str, start: int, end: int, lines: list[Line] | None = None, unwrap: bool = True
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
    for line in _lines_between(lines or split_lines(masked), masked, start, end):
        ls = line.start
        s = line.stripped
        if not s:
            blank = True
            continue
        lead = ls + (len(line.text) - len(line.text.lstrip()))
        label = label_of(line.text)
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
            cur_caps = is_caps(s)
        else:
            cur[1] = ls + len(line.text.rstrip())
            cur_label = False
            cur_caps = cur_caps and is_caps(s)
        prev_text = s
        blank = False
    if cur:
        out.append(_paragraph(masked, cur[0], cur[1], cur_bullet))
    return out


def _paragraph(masked: str, start: int, end: int, bullet: str | None) -> Paragraph:
    return Paragraph(masked[start:end].replace("\n", " "), start, end, bullet)
