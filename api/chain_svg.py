"""Draw a document's implementation chain as a server-side SVG picture.

The picture works without JavaScript: each box is an SVG link to its
document page. Rows are levels of the THUC_HIEN hierarchy: what the document
ultimately implements at the top, the document itself in the middle (marked),
the plans that implement it below. Arrows point from implementer to
implemented, as the relationship does.
"""
from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

BOX_W, BOX_H, GAP_X, GAP_Y, MARGIN = 190, 46, 24, 46, 12


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


def render_chain(center: str, nodes: list[ChainNode], edges: list[tuple[str, str]]) -> str:
    """SVG markup for `center` with the documents linked to it by THUC_HIEN.

    `edges` are (implementer key, implemented key) pairs; nodes not connected
    to `center` are left out.
    """
    by_key = {n.key: n for n in nodes}
    level = _levels(center, [e for e in edges if e[0] in by_key and e[1] in by_key])
    rows: dict[int, list[str]] = defaultdict(list)
    for node in nodes:
        if node.key in level and node.key not in rows[level[node.key]]:
            rows[level[node.key]].append(node.key)
    ordered = sorted(rows)
    widest = max(len(r) for r in rows.values())
    width = 2 * MARGIN + widest * BOX_W + (widest - 1) * GAP_X
    height = 2 * MARGIN + len(ordered) * BOX_H + (len(ordered) - 1) * GAP_Y
    pos: dict[str, tuple[float, float]] = {}
    for i, lvl in enumerate(ordered):
        row = rows[lvl]
        row_w = len(row) * BOX_W + (len(row) - 1) * GAP_X
        x0 = (width - row_w) / 2
        for j, key in enumerate(row):
            pos[key] = (x0 + j * (BOX_W + GAP_X), MARGIN + i * (BOX_H + GAP_Y))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chain" role="img" '
        f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}">',
        "<title>Chuỗi thực hiện</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
    ]
    for src, dst in edges:
        if src in pos and dst in pos:
            (sx, sy), (dx, dy) = pos[src], pos[dst]
            parts.append(
                f'<line class="edge" x1="{sx + BOX_W / 2:.0f}" y1="{sy:.0f}" '
                f'x2="{dx + BOX_W / 2:.0f}" y2="{dy + BOX_H:.0f}" '
                'stroke="#555" stroke-width="1.5" marker-end="url(#arrow)"/>'
            )
    for key, (x, y) in pos.items():
        node = by_key[key]
        cls = "node current" if key == center else "node"
        parts.append(
            f'<a href="{escape(_href(key))}" class="{cls}">'
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{BOX_W}" height="{BOX_H}" rx="6"/>'
            f'<text x="{x + BOX_W / 2:.0f}" y="{y + 19:.0f}" text-anchor="middle" '
            f'class="caption">{escape(node.caption[:28])}</text>'
            f'<text x="{x + BOX_W / 2:.0f}" y="{y + 36:.0f}" text-anchor="middle" '
            f'class="detail">{escape(node.detail[:32])}</text></a>'
        )
    parts.append("</svg>")
    return "".join(parts)
