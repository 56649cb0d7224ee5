"""The README's `:play` and `:style` in the real Neo4j Browser of the test Neo4j.

The Browser (JavaScript on) fetches both files cross-origin from the web app, so this
checks the app's CORS answer to the Browser's preflight (`cache-control`, `pragma`)
and the managed Neo4j's allowlist, from `localhost` and `127.0.0.1` alike.
"""
from __future__ import annotations

import time
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import expect, sync_playwright
from vbkg.api.app import BROWSER_DIR, create_app
from web_support import CHROMIUM, CHROMIUM_ARGS, live_server

pytestmark = pytest.mark.integration
ALLOWLIST_SETTING = b"browser.remote_content_hostname_whitelist"  # Neo4j 5.26's spelling


@pytest.fixture(scope="module")
def app_port(neo4j_driver):
    with live_server(create_app(driver=neo4j_driver)) as url:
        yield urlsplit(url).port


@pytest.fixture(scope="module")
def neo4j_browser(neo4j_settings, neo4j_browser_url):
    """A page of Neo4j Browser, logged in to the test Neo4j."""
    bolt = urlsplit(neo4j_settings.uri)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = chromium.new_page(viewport={"width": 1400, "height": 900})
        settings = []  # the Browser reads its allowlist from the server after connecting
        page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: settings.append(
            isinstance(frame, bytes) and ALLOWLIST_SETTING in frame)))
        page.goto(f"{neo4j_browser_url}?dbms=neo4j://{neo4j_settings.user}@"
                  f"{bolt.hostname}:{bolt.port}&preselectAuthMethod=NATIVE")
        page.get_by_test_id("password").fill(neo4j_settings.password)
        page.get_by_test_id("connect").click()
        expect(page.get_by_text("You are connected as user")).to_be_visible(timeout=30_000)
        deadline = time.monotonic() + 30
        while not any(settings) and time.monotonic() < deadline:
            page.wait_for_timeout(200)
        assert any(settings), "Neo4j Browser never read its settings from the server"
        yield page
        chromium.close()


def _run(page, command: str):
    """Type a command into the Browser's editor and run it; the newest frame answers."""
    page.locator("#monaco-main-editor").click()
    page.keyboard.type(command)
    page.keyboard.press("Enter")
    frame = page.get_by_test_id("frame").first
    expect(frame).to_contain_text(command)
    return frame


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1"])
def test_play_shows_the_guide(neo4j_browser, app_port, host):
    frame = _run(neo4j_browser, f":play http://{host}:{app_port}/browser/guide.html")
    expect(frame).to_contain_text("vbkg: đồ thị văn bản chỉ đạo", timeout=15_000)
    expect(frame).to_contain_text("1 / 5")


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1"])
def test_style_loads_the_grass_file(neo4j_browser, app_port, host):
    _run(neo4j_browser, ":style reset")
    frame = _run(neo4j_browser, f":style http://{host}:{app_port}/browser/vbkg.grass")
    expect(frame).to_contain_text("node.NghiQuyet", timeout=15_000)
    expect(frame).to_contain_text("#C0392B")  # the resolution red of vbkg.grass
    assert "#C0392B" in (BROWSER_DIR / "vbkg.grass").read_text(encoding="utf-8")


def test_preflight_for_the_browsers_headers_is_allowed(app_port):
    answer = httpx.options(f"http://127.0.0.1:{app_port}/browser/guide.html", headers={
        "Origin": "http://127.0.0.1:7474", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "cache-control,pragma"})
    assert answer.status_code == 200
    assert answer.headers["access-control-allow-origin"] == "*"
