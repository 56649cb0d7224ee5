"""Check that two folders of extracted records are the same, file by file, byte for byte.

A performance change to the extractor must not change its output: save the records
before (`vbkg extract … --out BEFORE`), make the change, extract again to AFTER, then

    python benchmarks/same_records.py BEFORE AFTER

Prints each file that is missing on one side or differs (with the first differing
top-level key), and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def first_difference(before: bytes, after: bytes) -> str:
    """Name the first top-level key whose value differs, or say the JSON is unreadable."""
    try:
        old, new = json.loads(before), json.loads(after)
    except ValueError:
        return "not JSON"
    if not isinstance(old, dict) or not isinstance(new, dict):
        return "content"
    for key in sorted(old.keys() | new.keys()):
        if old.get(key) != new.get(key):
            return f"key {key!r}"
    return "formatting only"


def compare(before: Path, after: Path) -> list[str]:
    """One line per record that is missing on one side or differs."""
    for folder in (before, after):
        if not folder.is_dir():
            raise SystemExit(f"{folder}: not a folder of records")
    old = {p.name: p for p in before.glob("*.json")}
    new = {p.name: p for p in after.glob("*.json")}
    problems = [f"{name}: only in {before}" for name in sorted(old.keys() - new.keys())]
    problems += [f"{name}: only in {after}" for name in sorted(new.keys() - old.keys())]
    for name in sorted(old.keys() & new.keys()):
        a, b = old[name].read_bytes(), new[name].read_bytes()
        if a != b:
            problems.append(f"{name}: differs ({first_difference(a, b)})")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    problems = compare(args.before, args.after)
    for line in problems:
        print(line)
    count = len(list(args.before.glob("*.json")))
    print(f"{count} records before, {len(problems)} missing or different")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
