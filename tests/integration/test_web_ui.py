"""The pages in a real headless Chromium, with JavaScript off, on the seeds graph.

Set VBKG_SCREENSHOT_DIR=docs/screenshots to refresh the committed screenshots.
"""
from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import httpx
import pytest
from playwright.sync_api import expect, sync_playwright
from vbkg.api.app import create_app
from web_support import CHROMIUM, CHROMIUM_ARGS, live_server, load_seeds

pytestmark = pytest.mark.integration


TODAY = date(2025, 12, 15)  # the clock of deadlines, so pages and screenshots stay put


@pytest.fixture(scope="module")
def site(neo4j_driver):
    load_seeds(neo4j_driver)
    with live_server(create_app(driver=neo4j_driver, clock=lambda: TODAY)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(java_script_enabled=False,
                                  viewport={"width": 1280, "height": 860}, locale="vi-VN")
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def shots(shots_dir) -> Path:
    return shots_dir


def _search_and_open_05(page, site):
    page.goto(site + "/")
    page.fill("header input[name=q]", "05-NQ/TU")
    page.press("header input[name=q]", "Enter")
    expect(page.locator("h1")).to_contain_text("05-NQ/TU")
    # Two documents may share a số hiệu; the date tells the 2021 resolution apart.
    match = page.locator("#numbers article.match", has_text="15/09/2021")
    match.locator("h2 a", has_text="05-NQ/TU").click()
    expect(page.locator("h1")).to_have_text("05-NQ/TU")


def test_search_open_see_implementer_and_land_on_the_evidence(page, site, shots):
    _search_and_open_05(page, site)
    implementers = page.locator("#implementers a")
    expect(implementers.filter(has_text="88-KH/TU")).to_have_count(1)
    implementers.filter(has_text="88-KH/TU").click()
    expect(page.locator("h1")).to_have_text("88-KH/TU")

    first = page.locator("#obligations a.evidence-link").first
    first.click()
    assert urlsplit(page.url).fragment == "evidence"
    mark = page.locator("mark#evidence")
    expect(mark).to_be_visible()
    expect(mark).to_be_in_viewport()
    encoded_key = urlsplit(page.url).path.removeprefix("/obligations/")
    task = httpx.get(f"{site}/api/obligations/{encoded_key}").json()
    assert task["key"] == unquote(encoded_key)
    assert mark.inner_text() == task["evidence"]["quote"]
    page.screenshot(path=shots / "obligation.png")


def test_document_page_draws_the_chain_and_lists_obligations(page, site, shots):
    _search_and_open_05(page, site)
    page.locator("#implementers a", has_text="88-KH/TU").click()
    svg = page.locator("figure.chain svg")
    expect(svg).to_be_visible()
    expect(svg.locator("a.current")).to_have_count(1)
    rows = page.locator("#obligations tbody tr")
    assert rows.count() > 0
    for header in ("Mục", "Cơ quan được giao", "Vai trò", "Định kỳ", "Hạn"):
        expect(page.locator("#obligations thead")).to_contain_text(header)
    page.screenshot(path=shots / "document.png", full_page=True)
    # An SVG box is a plain link: it works without JavaScript.
    svg.locator("a:not(.current)").first.click()
    expect(page.locator("#chain")).to_be_visible()


def test_body_page_says_what_it_must_do(page, site, shots):
    _search_and_open_05(page, site)
    page.locator("#implementers a", has_text="88-KH/TU").click()
    page.locator("#obligations a.evidence-link").first.click()
    page.locator("dl.meta dd a").first.click()
    expect(page.locator("#obligations h2")).to_contain_text("Phải làm gì")
    assert page.locator("#obligations tbody tr").count() >= 1
    page.screenshot(path=shots / "body.png", full_page=True)


def test_home_search_and_gaps_pages(page, site, shots):
    page.goto(site + "/")
    expect(page.locator(".counts dd").first).not_to_have_text("0")
    page.screenshot(path=shots / "home.png", full_page=True)
    page.goto(site + "/search?q=kiện toàn hệ thống chính trị")
    expect(page.locator("ol.hits li").first).to_be_visible()
    page.screenshot(path=shots / "search.png", full_page=True)
    page.goto(site + "/gaps")
    expect(page.locator("h1")).to_have_text("Văn bản còn thiếu")
    expect(page.locator("#missing tbody tr").first).to_be_visible()
    page.screenshot(path=shots / "gaps.png", full_page=True)


def test_every_page_links_to_neo4j_browser_with_its_cypher(page, site):
    _search_and_open_05(page, site)
    for url in (site + "/", page.url, site + "/gaps", site + "/search?q=05-NQ/TU"):
        page.goto(url)
        href = page.locator("#open-in-browser").get_attribute("href")
        query = parse_qs(urlsplit(href).query)
        assert query["cmd"] == ["edit"] and query["arg"][0].startswith("MATCH"), url


def test_interface_is_vietnamese_with_composed_diacritics(page, site):
    page.goto(site + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    text = page.locator("body").inner_text()
    assert "Văn bản còn thiếu" in text and "Tìm kiếm" in text
    assert text == unicodedata.normalize("NFC", text)


def test_unknown_document_is_a_vietnamese_404_with_a_way_on(page, site, shots):
    response = page.goto(site + "/documents/P%7C%3F%7CTU%7CNQ%7C999%7C%3F")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Không tìm thấy")
    expect(page.locator("p.problem")).to_have_text("Không có văn bản này trong đồ thị.")
    page.screenshot(path=shots / "error.png")
    page.locator("main form.search button").click()  # the number it guessed, searched
    expect(page.locator("h1")).to_contain_text("NQ 999")


@pytest.mark.parametrize("typed", ["kh 88", "Số 88–KH/TU", "88-KH"])
def test_a_so_hieu_typed_loosely_opens_the_plan_and_its_resolution(page, site, typed):
    page.goto(site + "/")
    page.fill("main input[name=q]", typed)
    page.press("main input[name=q]", "Enter")
    match = page.locator("#numbers article.match").first
    expect(match.locator("h2 a")).to_have_text("88-KH/TU")
    expect(match.locator("ul.implements")).to_contain_text("05-NQ/TU")
    match.locator("ul.implements a", has_text="05-NQ/TU").click()
    expect(page.locator("h1")).to_have_text("05-NQ/TU")
    expect(page.locator("#stub-note")).to_contain_text("chưa nạp")
    expect(page.locator("#citations")).to_contain_text("88-KH/TU")


def test_search_without_diacritics_filters_and_did_you_mean(page, site, shots):
    page.goto(site + "/search?q=cung co he thong chinh tri")
    expect(page.locator("ol.hits li").first).to_contain_text("88-KH/TU")
    page.locator("nav.facets a", has_text="Kế hoạch").first.click()
    expect(page.locator("nav.facets")).to_contain_text("bỏ lọc")
    texts = page.locator("ol.hits li").all_inner_texts()
    assert texts and all("88-KH/TU" in t or "Kế hoạch" in t for t in texts)
    page.screenshot(path=shots / "search-filters.png", full_page=True)
    page.goto(site + "/search?q=thongg chinhh")
    page.locator("#did-you-mean a").click()
    expect(page.locator("ol.hits li").first).to_be_visible()


def test_todo_page_shows_what_is_due_and_offers_the_files(page, site, shots):
    page.goto(site + "/bodies/" + "Thành phố Hồ Chí Minh/Ban Thường vụ Thành ủy")
    page.locator("#todo-link").click()
    expect(page.locator(".kind")).to_contain_text("15/12/2025")
    report = page.locator("#reports-owed tbody tr", has_text="6 tháng")
    expect(report).to_contain_text("31/12/2025")
    expect(report).to_contain_text("còn 16 ngày")
    expect(report).to_contain_text("Ban Tổ chức Thành ủy")
    page.screenshot(path=shots / "todo.png", full_page=True)
    for link in page.locator("p.downloads a").all():
        answer = httpx.get(site + link.get_attribute("href"))
        assert answer.status_code == 200 and answer.content, link.get_attribute("href")


def test_gaps_say_who_assigned_and_by_when(page, site):
    page.goto(site + "/gaps")
    first = page.locator("#gaps tbody tr").first
    cells = first.locator("td")
    expect(cells.nth(3)).not_to_be_empty()  # Giao bởi
    expect(cells.nth(5)).not_to_be_empty()  # Hạn


@pytest.mark.parametrize(("path", "rendered"), [
    ("/docs", ".swagger-ui .opblock"),
    ("/redoc", "redoc-wrap, .redoc-wrap"),
])
def test_api_docs_render_without_internet(browser, site, path, rendered):
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    outside = []

    def offline(route):  # everything but the app is unreachable, as on a machine offline
        if route.request.url.startswith(site):
            route.continue_()
        else:
            outside.append((route.request.resource_type, route.request.url))
            route.abort("internetdisconnected")

    context.route("**/*", offline)
    page = context.new_page()
    page.goto(site + path)
    expect(page.locator(rendered).first).to_be_visible(timeout=20_000)
    expect(page.locator("body")).to_contain_text("/api/search")
    # ReDoc's footer asks its CDN for a logo image; nothing the page needs goes out
    assert [url for kind, url in outside if kind != "image"] == []
    context.close()
