"""The chain picture stays readable with many implementers (no server)."""
import re

from vbkg.api.chain_svg import (
    BOX_H,
    BOX_W,
    CAPTION_CHARS,
    COLUMNS,
    ChainNode,
    render_chain,
    shorten,
)

LONG = "Kế hoạch thực hiện Nghị quyết về củng cố, kiện toàn hệ thống chính trị cơ sở"


def _picture(targets: int) -> str:
    nodes = [ChainNode("root", "05-NQ/TU", "Nghị quyết 15/09/2021"), ChainNode("top", "10-CT/TW")]
    nodes += [ChainNode(f"kh{i}", f"{i}-KH/QU" if i % 2 else LONG, "Kế hoạch 01/01/2022")
              for i in range(targets)]
    edges = [("root", "top")] + [(f"kh{i}", "root") for i in range(targets)]
    return render_chain("root", nodes, edges)


def _boxes(svg: str) -> list[tuple[int, int]]:
    return [(int(x), int(y)) for x, y in re.findall(r'<rect x="(\d+)" y="(\d+)"', svg)]


def test_fifty_targets_wrap_inside_the_picture_without_overlapping():
    svg = _picture(50)
    width, height = map(int, re.search(r'width="(\d+)" height="(\d+)"', svg).groups())
    boxes = _boxes(svg)
    assert len(boxes) == 52
    assert width <= 2 * 12 + COLUMNS * BOX_W + (COLUMNS - 1) * 20 < 1200
    assert all(0 <= x and x + BOX_W <= width and y + BOX_H <= height for x, y in boxes)
    for i, (x, y) in enumerate(boxes):
        for x2, y2 in boxes[i + 1:]:
            assert abs(x - x2) >= BOX_W or abs(y - y2) >= BOX_H, "boxes overlap"


def test_levels_are_grouped_under_headings():
    svg = _picture(50)
    headings = re.findall(r'<text class="level"[^>]*>([^<]+)</text>', svg)
    assert headings == ["Văn bản này thực hiện", "Văn bản này", "Thực hiện văn bản này: 50 văn bản"]


def test_long_names_end_in_an_ellipsis_with_the_full_name_on_hover():
    svg = _picture(3)
    captions = re.findall(r'class="caption">([^<]+)<', svg)
    assert all(len(c) <= CAPTION_CHARS for c in captions)
    cut = [c for c in captions if c.endswith("…")]
    assert cut and LONG.startswith(cut[0][:-1])
    assert f"<title>{LONG} — Kế hoạch 01/01/2022</title>" in svg


def test_shorten_cuts_at_a_word():
    assert shorten("ngắn", 10) == "ngắn"
    assert shorten("củng cố, kiện toàn hệ thống", 16) == "củng cố, kiện…"
    assert len(shorten("x" * 40, 22)) == 22


def test_a_wrapped_group_implementing_one_document_shares_one_arrow():
    assert _picture(50).count('class="edge"') == 2  # root → top, and the group's one arrow
    assert _picture(3).count('class="edge"') == 4  # a single row keeps an arrow per box
