"""Every page a reader can reach from the home page, by following links (TestClient)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

OUTSIDE = ("/api/", "/docs", "/redoc", "/openapi.json", "/static/", "/browser/")


class _Page(HTMLParser):
    """The links of a page and the text a reader sees (scripts and styles aside)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.text: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "title"):
            self._hidden += 1
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.text.append(data)


def crawl(client, start: str = "/", limit: int = 400) -> Iterator[tuple[str, int, str]]:
    """(path, status, visible text) of each page reached from `start`, breadth first."""
    seen, queue = {start}, [start]
    while queue and len(seen) <= limit:
        path = queue.pop(0)
        answer = client.get(path)
        page = _Page()
        page.feed(answer.text)
        yield path, answer.status_code, re.sub(r"\s+", " ", " ".join(page.text))
        for href in page.links:
            url = urldefrag(urljoin(path, href))[0]
            parts = urlsplit(url)
            if parts.netloc or parts.path.startswith(OUTSIDE):
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if local not in seen:
                seen.add(local)
                queue.append(local)
