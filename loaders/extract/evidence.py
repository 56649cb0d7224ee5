"""Evidence objects (docs/architecture.md Contract 1): where in `text` a fact came from."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)|\n\s*\n")


def evidence(text: str, start: int, end: int, rule: str) -> dict:
    """{"start", "end", "quote", "rule"}; the quote is exactly text[start:end]."""
    return {"start": start, "end": end, "quote": text[start:end], "rule": rule}


def sentence_span(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The sentence around text[start:end], not leaving [lo, hi) (usually its paragraph)."""
    s = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        s = m.end()
    m = _SENTENCE_END.search(text, end, hi)
    e = m.end() if m and m.group().strip() else (m.start() if m else hi)
    while s < e and text[s].isspace():
        s += 1
    return s, max(e, end)
