"""Task tables of state plans: "STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian".

The reader writes table rows as `cell | cell |` lines; a header row whose cells
name the roles (data/obligations.toml [table]) makes every following row with
cells one task, with each cell's span kept for evidence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from vbkg.loaders.knowledge.vocabulary import load


@dataclass(frozen=True)
class Cell:
    text: str
    start: int  # offset of the cell text in the source


@dataclass(frozen=True)
class Row:
    """One task row: the cells under each role column (None when the table has no such column)."""

    number: str
    task: Cell | None
    chu_tri: Cell | None
    phoi_hop: Cell | None
    time: Cell | None
    start: int
    end: int


@cache
def _columns() -> dict[str, re.Pattern]:
    spec = load("obligations")["table"]
    return {role: re.compile(pattern, re.IGNORECASE) for role, pattern in spec.items()}


def _cells(line: str, start: int) -> list[Cell]:
    cells, pos = [], 0
    for part in line.split("|"):
        stripped = part.strip(" *\t")
        cells.append(Cell(stripped, start + pos + part.find(stripped) if stripped else start + pos))
        pos += len(part) + 1
    if cells and not cells[0].text:
        cells = cells[1:]
    if cells and not cells[-1].text:
        cells = cells[:-1]
    return cells


def task_rows(text: str, start: int, end: int) -> list[Row]:
    """Rows of a task table inside text[start:end], or [] when it holds none."""
    columns, header, rows, pos = _columns(), None, [], start
    for line in text[start:end].split("\n"):
        line_start, pos = pos, pos + len(line) + 1
        if "|" not in line:
            continue
        cells = _cells(line, line_start)
        if header is None:
            found = {role: next((k for k, c in enumerate(cells) if rx.search(c.text)), None)
                     for role, rx in columns.items()}
            if found["chu_tri"] is not None:
                header = found
            continue
        if len(cells) <= header["chu_tri"]:
            continue
        at = {role: _at(cells, k) for role, k in header.items()}
        number = at["number"]
        rows.append(Row(number.text if number else "", at["task"], at["chu_tri"],
                        at["phoi_hop"], at["time"], line_start, line_start + len(line)))
    return rows


def _at(cells: list[Cell], k: int | None) -> Cell | None:
    return cells[k] if k is not None and k < len(cells) else None
