"""Layout of one document: header, preamble, numbered section tree, nơi nhận, signature.

Every piece keeps character offsets into `SourceText.text`, so later stages can
quote the exact sentence a fact came from (DESIGN.md "Identity": provenance).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # read.py is B1's; only the attribute shape is needed here
    from .read import SourceText


@dataclass(frozen=True)
class Span:
    """A value found in the text, with where it was found."""

    value: str
    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    """One logical paragraph, bullet or heading line, unwrapped.

    `text` is `source.text[start:end]` with line breaks replaced by spaces (same
    length, so offsets into `text` map 1:1 onto the source).
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

    tham_quyen: Span | None = None  # "T/M Ban Thường vụ"
    chuc_vu: Span | None = None  # "Phó Bí thư"
    ho_ten: Span | None = None  # "Nguyễn Hồ Hải"


@dataclass
class Layout:
    """Everything `parse` finds in one source, each part with its spans."""

    source: SourceText
    header: Header
    metadata: dict[str, Span]  # publisher table rows "Số hiệu | 88-KH/TU |" -> Span
    preamble: list[Paragraph]
    sections: list[Section]  # roots, in order
    noi_nhan: list[Paragraph]
    signature: Signature
    kind: str  # "party" | "state" | "press"
    body_end: int = 0  # offset where body text ends (the "./." mark or nơi nhận)
    paragraphs: list[Paragraph] = field(default_factory=list)  # every paragraph, in order


def iter_sections(layout: Layout) -> Iterator[Section]:
    """All sections depth-first, parents before children."""
    stack = list(reversed(layout.sections))
    while stack:
        section = stack.pop()
        yield section
        stack.extend(reversed(section.children))
