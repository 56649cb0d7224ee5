"""The section tree: numbered headings nested by the rank of their labels (DOMAIN.md §2.3)."""

from __future__ import annotations

import re

from vbkg.loaders.parse.lines import label_of
from vbkg.loaders.parse.model import Paragraph, Section

_RANKS = {"chapter": 0, "roman": 1, "article": 2, "num": 3, "paren": 20, "letter": 21}


def _rank(m: re.Match) -> int:
    """Depth of a label kind: Chương > I. > Điều > 1. > 1.1. > (1) > a)."""
    if m["multi"]:
        return _RANKS["num"] + m["multi"].count(".")
    return next(rank for kind, rank in _RANKS.items() if m[kind])


def read_sections(paras: list[Paragraph]) -> tuple[list[Paragraph], list[Section]]:
    """Paragraphs before the first numbered heading, and the heading tree with its bodies."""
    preamble: list[Paragraph] = []
    roots: list[Section] = []
    stack: list[tuple[int, Section]] = []
    for p in paras:
        m = label_of(p.text)
        if m is None:
            (stack[-1][1].paragraphs if stack else preamble).append(p)
            continue
        rank = _rank(m)
        while stack and stack[-1][0] >= rank:
            stack.pop()
        parent = stack[-1][1] if stack else None
        label = " ".join(next(m[k] for k in (*_RANKS, "multi") if m[k]).split())
        if m["multi"]:
            base = next((s.path for r, s in reversed(stack) if r < _RANKS["num"]), "")
            path = f"{base}.{label}" if base else label
        elif m["chapter"] or m["article"]:  # Chương III . Điều 18 -> "III.18" (gold style)
            number = label.split()[-1]
            path = f"{parent.path}.{number}" if parent else number
        elif m["paren"]:
            path = f"{parent.path}.({label})" if parent else f"({label})"
        else:
            path = f"{parent.path}.{label}" if parent else label
        rest = p.text[m.end() :]
        heading = Paragraph(rest, p.start + m.end(), p.end) if rest.strip() else None
        section = Section(path, label, heading)
        (parent.children if parent else roots).append(section)
        stack.append((rank, section))
    return preamble, roots
