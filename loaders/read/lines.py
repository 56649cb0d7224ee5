"""Positioned words of a page (PDF text layer, OCR) → text lines in reading order.

A directive's header and closing are two columns side by side (issuer and số on
the left, quốc hiệu, place and date on the right; Nơi nhận left, signature right).
Read row by row they interleave; here each such block comes out as its left column,
then its right column, which is the order a clean text gives the parser.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

SEGMENT_GAP = 2.5  # a gap wider than this many line heights separates two segments
LEFT_LEAD = 2.5  # a left-only line further below the block than this many heights ends it
CENTRE_BAND = 0.2  # a column gutter lies within this share of the page width from its middle


_NUMBER_LINE = re.compile(r"Số\b")  # opens a header's second row ("SỐ 1050/QĐ-SCT" does not)


@dataclass(frozen=True)
class Word:
    """A word and its box, in page units with y growing downwards."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    line: int = -1  # words with the same line number (>= 0: OCR's own lines) stay together


@dataclass
class _Segment:
    words: list[Word]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class _Line:
    segments: list[_Segment]
    split: int | None = None  # index of the first right-column segment, if two-column

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return max(s.x1 for s in self.segments)

    @property
    def y0(self) -> float:
        return min(w.y0 for s in self.segments for w in s.words)

    @property
    def height(self) -> float:
        return max(w.y1 - w.y0 for s in self.segments for w in s.words)

    def text(self, segments: list[_Segment] | None = None) -> str:
        return " ".join(s.text for s in (self.segments if segments is None else segments))


def page_lines(words: list[Word], width: float) -> list[str]:
    """The page's text lines, each two-column block in reading order (see `_block`)."""
    lines = [_segments(line) for line in _rows([w for w in words if w.text.strip()])]
    for line in lines:
        line.split = _gutter(line, width)
    out, i = [], 0
    while i < len(lines):
        if lines[i].split is None:
            out.append(lines[i].text())
            i += 1
            continue
        i, block = _block(lines, i)
        out += block
    return [line for line in out if line.strip()]


def _rows(words: list[Word]) -> list[list[Word]]:
    """Words grouped into rows, top to bottom, each sorted left to right.

    A unit (one word, or the words of one OCR line, which follows a skewed scan) joins
    the row above when its middle lies within the row's first unit's height.
    """
    units: dict[tuple[int, int], list[Word]] = {}
    for k, word in enumerate(words):
        units.setdefault((word.line, k if word.line < 0 else 0), []).append(word)
    rows: list[tuple[float, float, list[Word]]] = []
    for unit in sorted(units.values(), key=_middle):
        middle = _middle(unit)
        if rows and rows[-1][0] <= middle <= rows[-1][1]:
            rows[-1][2].extend(unit)
        else:
            rows.append((min(w.y0 for w in unit), max(w.y1 for w in unit), list(unit)))
    return [sorted(row, key=lambda w: w.x0) for _, _, row in rows]


def _middle(unit: list[Word]) -> float:
    return (min(w.y0 for w in unit) + max(w.y1 for w in unit)) / 2


def _segments(row: list[Word]) -> _Line:
    height = max(min(w.y1 - w.y0 for w in row), 1.0)
    segments = [_Segment([row[0]])]
    for word in row[1:]:
        if word.x0 - segments[-1].x1 > SEGMENT_GAP * height:
            segments.append(_Segment([word]))
        else:
            segments[-1].words.append(word)
    return _Line(segments)


def _gutter(line: _Line, width: float) -> int | None:
    """The right column's first segment when a gap between segments straddles the middle."""
    middle, best = width / 2, None
    for k in range(1, len(line.segments)):
        gap_start, gap_end = line.segments[k - 1].x1, line.segments[k].x0
        distance = max(gap_start - middle, middle - gap_end, 0.0)
        if distance <= CENTRE_BAND * width and (best is None or distance < best[0]):
            best = (distance, k)
    return best[1] if best else None


def _block(lines: list[_Line], first: int) -> tuple[int, list[str]]:
    """A two-column block from lines[first] on: (end index, its lines in reading order).

    It goes on while each line is two-column or sits wholly on one side: ending before
    the right column starts and close below the line before (left: a Kính gửi or the
    first body line after the header is further down), or starting where the right
    column does (right: the signer's name may sit far below the office).
    """
    line = lines[first]
    left_end = max(s.x1 for s in line.segments[:line.split])
    right_start = line.segments[line.split].x0
    left: list[tuple[float, str]] = []
    right: list[tuple[float, str]] = []
    i, tolerance = first, 0.0
    while i < len(lines):
        line = lines[i]
        if line.split is not None:
            left.append(_part(line.segments[:line.split]))
            right.append(_part(line.segments[line.split:]))
            left_end = max(left_end, max(s.x1 for s in line.segments[:line.split]))
            right_start = min(right_start, line.segments[line.split].x0)
            tolerance = max(tolerance, line.height)
        elif (line.x1 < right_start - tolerance and line.x0 < left_end
              and line.y0 - lines[i - 1].y0 <= LEFT_LEAD * tolerance):
            left.append(_part(line.segments))
        elif line.x0 >= right_start - tolerance:
            right.append(_part(line.segments))
        else:
            break
        i += 1
    return i, reading_order(left, right, tolerance)


def reading_order(left: list[tuple[float, str]], right: list[tuple[float, str]],
                  tolerance: float = 0.0) -> list[str]:
    """Two columns of (top, text) lines → the lines of a two-column block, in order.

    A header is a table, as the seeds and Word files have it: issuer | quốc hiệu, then
    "Số: …" | place and date (on the same row), then what the left column has below
    (V/v …); its columns are cut at the "Số" line and read row by row. Any other
    block (Nơi nhận | signature) is its left column, then its right.
    """
    cut = next((y for y, text in left[1:] if _NUMBER_LINE.match(text)), None)
    if cut is None:
        return [text for _, text in left + right]

    def row(y: float) -> int:
        return 0 if y < cut - tolerance else 1 if y <= cut + tolerance else 2

    return [text for n in range(3) for column in (left, right)
            for y, text in column if row(y) == n]


def _part(segments: list[_Segment]) -> tuple[float, str]:
    """(top, text) of a column's share of a line."""
    return min(w.y0 for s in segments for w in s.words), " ".join(s.text for s in segments)
