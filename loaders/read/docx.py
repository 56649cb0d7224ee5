"""Word .docx → text with python-docx: paragraphs and tables in document order.

Party and state Word files lay out the header (issuer and số | quốc hiệu and date),
Kính gửi, and Nơi nhận | signature as tables of one or two columns: those come out
column by column, as the lines a clean text has. A table of three or more columns is
data (the annex STT | Nội dung | Chủ trì | Phối hợp | Thời gian): one `cell | cell |`
line per row, the shape extract/tables.py reads.
"""
from __future__ import annotations

import io
import zipfile

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree
from vbkg.loaders.read.lines import reading_order
from vbkg.loaders.read.source import ReadError

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def read_docx(data: bytes, name: str) -> str:
    """The document's text; raises ReadError naming the file."""
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(f"{name}: not a Word document ({_why(exc)})") from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(paragraph_text(block))
        else:
            lines += table_lines(block)
    return "\n".join(line.strip() for line in lines if line.strip())


def table_lines(table: Table) -> list[str]:
    """A layout table column by column, a data table row by row (see the module doc).

    Rows are read on the grid (python-docx repeats a merged cell in each column it
    spans); a merged cell is written once, where it starts.
    """
    seen: set = set()  # the cells' XML elements (held, so that lxml keeps one proxy each)
    rows = [[_once(cell, seen) for cell in row.cells] for row in table.rows]
    width = max((len(cells) for cells in rows), default=0)
    columns = [k for k in range(width) if any(k < len(r) and r[k] for r in rows)]
    if len(columns) <= 2:
        sides = [[(n, line) for n, cells in enumerate(rows) if k < len(cells)
                  for line in cells[k].split("\n")] for k in columns]
        return reading_order(sides[0], sides[1] if len(sides) > 1 else [])
    return [" | ".join(cells[k].replace("\n", " ") if k < len(cells) else "" for k in columns)
            + " |" for cells in rows]


def _once(cell, seen: set) -> str:
    """The cell's text the first time it is met, "" for the other grid slots it spans."""
    if cell._tc in seen:
        return ""
    seen.add(cell._tc)
    return _text(cell)


def _text(cell) -> str:
    """A cell's paragraphs and nested tables, one line each."""
    lines = []
    for block in cell.iter_inner_content():
        lines += [paragraph_text(block)] if isinstance(block, Paragraph) else table_lines(block)
    return "\n".join(line.strip() for line in lines if line.strip())


# Every run's text, also inside smart tags, fields and hyperlinks (python-docx's
# Paragraph.text skips smart tags: "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT <smartTag>NAM</…>");
# not drawings and text boxes, whose content Word also keeps in a fallback copy.
_RUN_TEXT = etree.XPath(
    ".//w:t[not(ancestor::w:drawing or ancestor::w:pict or ancestor::mc:AlternateContent)]"
    " | .//w:tab[not(ancestor::w:tabs)] | .//w:br | .//w:cr",
    namespaces={"w": _W, "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"})


def paragraph_text(paragraph: Paragraph) -> str:
    """A paragraph's text; a tab is a space, a line break a new line."""
    parts = []
    for node in _RUN_TEXT(paragraph._p):
        tag = etree.QName(node).localname
        parts.append(node.text or "" if tag == "t" else " " if tag == "tab" else "\n")
    return "".join(parts)


def _why(exc: Exception) -> str:
    if isinstance(exc, zipfile.BadZipFile):
        return "not a valid zip archive"
    if isinstance(exc, KeyError):
        return "a zip without word/document.xml"
    return " ".join(str(exc).split())[:120]
