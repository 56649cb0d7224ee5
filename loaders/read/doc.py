"""Word 97–2003 .doc → text with Debian's `antiword` (installed by the Makefile).

antiword writes a table as `|cell |cell |` lines, a long cell wrapped over several
lines. As for .docx (read/docx.py), a table of one or two columns (header, Nơi nhận
| signature) comes out column by column, a wider one row by row as `cell | cell |`.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from vbkg.loaders.read.lines import reading_order
from vbkg.loaders.read.source import ReadError

INSTALL = "apt-get install antiword"


def read_doc(data: bytes, name: str) -> str:
    """The document's text; raises ReadError naming the file."""
    if shutil.which("antiword") is None:
        raise ReadError(f"{name}: reading a .doc file needs antiword, which is not installed "
                        f"({INSTALL})")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.doc"
        path.write_bytes(data)
        done = subprocess.run(["antiword", "-m", "UTF-8.txt", "-w", "0", str(path)],
                              capture_output=True, check=False)
    if done.returncode:
        why = " ".join(done.stderr.decode("utf-8", "replace").replace(str(path), "").split())
        why = why or "antiword failed"
        raise ReadError(f"{name}: not a readable Word 97-2003 document ({why})")
    return "\n".join(_untabled(done.stdout.decode("utf-8", "replace").split("\n")))


def _untabled(lines: list[str]) -> list[str]:
    """Lines with each run of `|…|` table lines rewritten (see the module doc)."""
    out, table = [], []
    for line in [*lines, ""]:
        if line.startswith("|") and line.rstrip().endswith("|"):
            table.append([cell.strip() for cell in line.rstrip()[1:-1].split("|")])
            continue
        if table:
            out += _table_lines(table)
            table = []
        if line.strip():
            out.append(line.strip())
    return out


def _table_lines(rows: list[list[str]]) -> list[str]:
    width = max(len(row) for row in rows)
    columns = [k for k in range(width) if any(k < len(row) and row[k] for row in rows)]
    if len(columns) <= 2:
        sides = [[(n, row[k]) for n, row in enumerate(rows) if k < len(row) and row[k]]
                 for k in columns]
        return reading_order(sides[0], sides[1] if len(sides) > 1 else [])
    return [" | ".join(row[k] if k < len(row) else "" for k in columns) + " |"
            for row in rows if any(row)]
