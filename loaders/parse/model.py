"""The layout of one document as data: spans, paragraphs, the section tree, header, signature,
and the `Layout` that `parse` (parse/layout.py) returns. Every piece keeps character offsets
into `SourceText.text`, so later stages can quote the exact sentence a fact came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only the attribute shape of a SourceText is needed here
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
