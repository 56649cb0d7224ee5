"""The chain picture of a resolution with fifty implementing plans, in real Chromium."""
from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from playwright.sync_api import sync_playwright
from vbkg.api.app import create_app
from vbkg.loaders.load import input_files, load
from web_support import CHROMIUM, CHROMIUM_ARGS, live_server

pytestmark = pytest.mark.integration

HCM = "Thành phố Hồ Chí Minh"
TARGETS = 50
LONG = "kiện toàn tổ chức bộ máy của hệ thống chính trị cơ sở phường {i}"


def _record(number: int, kind: str, so_hieu: str | None, day: str, trich_yeu: str | None,
            implements: list[dict]) -> dict:
    return {"source": f"{kind}-{number}.txt", "same_as": [], "references": implements,
            "tasks": [], "document": {"loai": kind, "so_hieu": so_hieu, "ngay_ban_hanh": day,
                                      "co_quan_ban_hanh": {"ten": "Thành ủy", "dia_ban": HCM},
                                      "trich_yeu": trich_yeu, "nguoi_ky": None}}


@pytest.fixture(scope="module")
def site(neo4j_driver, tmp_path_factory):
    folder = tmp_path_factory.mktemp("fifty")
    resolution = {"relation": "thuc_hien", "loai": "NghiQuyet", "so_hieu": "07-NQ/TU",
                  "ngay_ban_hanh": "2022-03-01",
                  "co_quan_ban_hanh": {"ten": "Thành ủy", "dia_ban": HCM}}
    records = [_record(7, "NghiQuyet", "07-NQ/TU", "2022-03-01", "Về xây dựng Đảng", [])]
    # every other plan without a số hiệu: named by type, date and trích yếu, cut with "…"
    records += [_record(i, "KeHoach", f"{100 + i}-KH/TU" if i % 2 else None, "2022-04-01",
                        LONG.format(i=i), [resolution]) for i in range(TARGETS)]
    for n, record in enumerate(records):
        (folder / f"{n:03d}.json").write_text(json.dumps(record, ensure_ascii=False), "utf-8")
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    assert not load(input_files([str(folder)]), neo4j_driver).errors
    with live_server(create_app(driver=neo4j_driver)) as url:
        yield url


@pytest.fixture(scope="module")
def page(site):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="vi-VN")
        page = context.new_page()
        page.goto(site + "/documents/" + quote(f"P|{HCM}|TU|NQ|7|2020-2025", safe=""))
        yield page
        browser.close()


def _inside(inner: dict, outer: dict, slack: float = 0.5) -> bool:
    return (inner["x"] >= outer["x"] - slack and inner["y"] >= outer["y"] - slack
            and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + slack
            and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + slack)


def test_fifty_targets_stay_inside_the_frame(page, shots_dir):
    figure = page.locator("figure.chain")
    boxes = figure.locator("a.node rect")
    assert boxes.count() == TARGETS + 1
    frame = figure.bounding_box()
    assert all(_inside(boxes.nth(i).bounding_box(), frame) for i in range(boxes.count()))
    overflow = figure.evaluate("f => f.scrollWidth - f.clientWidth")
    assert overflow <= 0
    figure.screenshot(path=shots_dir / "chain-50.png")


def test_every_name_fits_its_box_and_long_ones_show_in_full_on_hover(page):
    nodes = page.locator("figure.chain a.node")
    for i in range(nodes.count()):
        node = nodes.nth(i)
        box = node.locator("rect").bounding_box()
        for text in ("text.caption", "text.detail"):
            assert _inside(node.locator(text).bounding_box(), box), node.inner_html()
    heading = page.locator("figure.chain text.level", has_text="Thực hiện văn bản này")
    assert heading.text_content() == f"Thực hiện văn bản này: {TARGETS} văn bản"
    captions = nodes.locator("text.caption").all_text_contents()
    titles = nodes.locator("title").all_text_contents()
    cut = [(c, t) for c, t in zip(captions, titles, strict=True) if c.endswith("…")]
    assert len(cut) == TARGETS // 2
    assert all(t.startswith(c[:-1]) and "…" not in t for c, t in cut)
