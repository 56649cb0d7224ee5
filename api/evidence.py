"""Cut a source text around an evidence span so a page can highlight it."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Highlight:
    """The source text split into the part before, the evidence, and the rest."""

    before: str
    marked: str
    after: str


def highlight(text: str, start: int | None, end: int | None) -> Highlight:
    """Split `text` at [start, end); a span that does not fit marks nothing."""
    if start is None or end is None or not 0 <= start <= end <= len(text):
        return Highlight(text, "", "")
    return Highlight(text[:start], text[start:end], text[end:])
