"""Which files a command reads: one rule for every command's files, folders and `-`.

A file named on the command line is read as it is; a folder gives the files under it
(recursively, sorted) whose suffix the command reads, skipping hidden files and folders
(`.git`, `.ipynb_checkpoints`); `-` reads a list of paths from stdin. `vbkg extract`
reads source texts only, `load`, `export` and `validate` also records (contract 1).
"""
from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

SOURCE_SUFFIXES = frozenset({".txt", ".html", ".htm", ".md", ".markdown", ".pdf", ".docx", ".doc"})
RECORD_SUFFIXES = frozenset({".json", ".jsonl"})


class InputError(ValueError):
    """An input path that cannot be loaded (one line naming it)."""


def input_files(args: Iterable[str | Path],
                suffixes: frozenset[str] = SOURCE_SUFFIXES | RECORD_SUFFIXES,
                stdin: TextIO | None = None) -> list[Path]:
    """Files, folders (searched recursively) and `-` (a list of paths on stdin) → files."""
    found: list[Path] = []
    for arg in args:
        if str(arg) == "-":
            lines = (stdin or sys.stdin).read().splitlines()
            found += input_files([line.strip() for line in lines if line.strip()], suffixes)
            continue
        path = Path(arg)
        if path.is_dir():
            found += sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in suffixes
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(f"{arg}: no such file or folder")
    return found
