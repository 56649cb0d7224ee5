"""Draw a document's implementation chain as a server-side SVG picture.

The picture works without JavaScript: each box is an SVG link to its document
page, with the full name in its tooltip (`<title>`). Levels of the THUC_HIEN
hierarchy are groups, each under a heading: what the document ultimately
implements at the top, the document itself (marked), the plans that implement it
below. A level wider than `COLUMNS` boxes wraps onto more rows, so fifty
implementers stay inside the page's frame (and, when they all implement one
document, share one arrow); names too long for a box end in "…".
Arrows point from implementer to implemented, as the relationship does.
"""
from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

BOX_W, BOX_H, GAP_X, GAP_Y, GROUP_GAP, HEADING, MARGIN = 190, 46, 20, 18, 34, 22, 12
COLUMNS = 5  # boxes per row: 5 × 190 px + gaps fits the 1200 px page
CAPTION_CHARS, DETAIL_CHARS = 22, 30


@dataclass(frozen=True)
class ChainNode:
    """A document in the picture: its key, a caption and a smaller second line."""

    key: str
    caption: str
    detail: str = ""


def _levels(center: str, edges: list[tuple[str, str]]) -> dict[str, int]:
    """Level of each node: negative above `center` (implemented), positive below."""
    up, down = defaultdict(list), defaultdict(list)
    for src, dst in edges:
        up[src].append(dst)
        down[dst].append(src)
    level = {center: 0}
    for neighbours, step in ((up, -1), (down, 1)):
        queue = deque([center])
        while queue:
            node = queue.popleft()
            for nxt in neighbours[node]:
                if nxt not in level:
                    level[nxt] = level[node] + step
                    queue.append(nxt)
    return level


def _href(key: str) -> str:
    return "/documents/" + quote(key, safe="")


def shorten(text: str, limit: int) -> str:
    """`text` cut to `limit` characters at a word where it can, ending in "…"."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:-–") + "…"


def _heading(level: int, count: int) -> str:
    if level == 0:
        return "Văn bản này"
    if level < 0:
        return "Văn bản này thực hiện" if level == -1 else f"Thực hiện gián tiếp ({-level} bậc)"
    who = "Thực hiện văn bản này" if level == 1 else f"Thực hiện gián tiếp ({level} bậc)"
    return f"{who}: {count} văn bản"


def _line(x1: float, y1: float, x2: float, y2: float, stroke: float, opacity: float) -> str:
    return (f'<line class="edge" x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" '
            f'stroke="#555" stroke-width="{stroke}" stroke-opacity="{opacity}" '
            'marker-end="url(#arrow)"/>')


def render_chain(center: str, nodes: list[ChainNode], edges: list[tuple[str, str]]) -> str:
    """SVG markup for `center` with the documents linked to it by THUC_HIEN.

    `edges` are (implementer key, implemented key) pairs; nodes not connected
    to `center` are left out.
    """
    by_key = {n.key: n for n in nodes}
    level = _levels(center, [e for e in edges if e[0] in by_key and e[1] in by_key])
    groups: dict[int, list[str]] = defaultdict(list)
    for node in nodes:
        if node.key in level and node.key not in groups[level[node.key]]:
            groups[level[node.key]].append(node.key)
    columns = min(COLUMNS, max(len(g) for g in groups.values()))
    width = 2 * MARGIN + columns * BOX_W + (columns - 1) * GAP_X
    pos: dict[str, tuple[float, float]] = {}
    headings: list[tuple[float, str]] = []
    y = MARGIN
    for lvl in sorted(groups):
        group = groups[lvl]
        headings.append((y + 14, _heading(lvl, len(group))))
        y += HEADING
        for start in range(0, len(group), columns):
            row = group[start:start + columns]
            x0 = (width - (len(row) * BOX_W + (len(row) - 1) * GAP_X)) / 2
            for j, key in enumerate(row):
                pos[key] = (x0 + j * (BOX_W + GAP_X), y)
            y += BOX_H + GAP_Y
        y += GROUP_GAP - GAP_Y
    height = y - GROUP_GAP + MARGIN
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chain" role="img" '
        f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}">',
        "<title>Chuỗi thực hiện</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
    ]
    for hy, text in headings:
        parts.append(f'<text class="level" x="{MARGIN}" y="{hy:.0f}">{escape(text)}</text>')
    drawn = [(src, dst) for src, dst in edges if src in pos and dst in pos]
    for group in groups.values():  # a wrapped group all implementing one document:
        targets = {dst for src, dst in drawn if src in group}  # one arrow from the group
        if len(group) > columns and len(targets) == 1:
            (dx, dy), top = pos[targets.pop()], min(pos[k][1] for k in group)
            parts.append(_line(width / 2, top - HEADING, dx + BOX_W / 2, dy + BOX_H, 2.5, 1))
            drawn = [(src, dst) for src, dst in drawn if src not in group]
    for src, dst in drawn:
        (sx, sy), (dx, dy) = pos[src], pos[dst]
        parts.append(_line(sx + BOX_W / 2, sy, dx + BOX_W / 2, dy + BOX_H, 1.2, 0.6))
    for key, (x, y) in pos.items():  # boxes after lines: a box hides the lines behind it
        node = by_key[key]
        cls = "node current" if key == center else "node"
        full = node.caption + (f" — {node.detail}" if node.detail else "")
        parts.append(
            f'<a href="{escape(_href(key))}" class="{cls}"><title>{escape(full)}</title>'
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{BOX_W}" height="{BOX_H}" rx="6"/>'
            f'<text x="{x + BOX_W / 2:.0f}" y="{y + 19:.0f}" text-anchor="middle" '
            f'class="caption">{escape(shorten(node.caption, CAPTION_CHARS))}</text>'
            f'<text x="{x + BOX_W / 2:.0f}" y="{y + 36:.0f}" text-anchor="middle" '
            f'class="detail">{escape(shorten(node.detail, DETAIL_CHARS))}</text></a>'
        )
    parts.append("</svg>")
    return "".join(parts)
