"""Whole GET answers kept for a few seconds, per URL (an ASGI middleware).

Everything the app serves is read-only and changes only when someone loads, so a
repeated request within `seconds` gets the stored bytes without routing, model
validation or template rendering. Only complete 200 answers are kept.
"""
from __future__ import annotations

import time


class ResponseCache:
    def __init__(self, app, seconds: float, max_entries: int = 2048) -> None:
        self.app = app
        self.seconds = seconds
        self.max_entries = max_entries
        self._entries: dict[tuple, tuple[float, dict, bytes]] = {}

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or self.seconds <= 0:
            await self.app(scope, receive, send)
            return
        key = (scope.get("raw_path") or scope["path"].encode(), scope["query_string"])
        hit = self._entries.get(key)
        if hit is not None and hit[0] >= time.monotonic():
            # Fresh header lists each time: outer middleware (CORS) edits them in place.
            await send({**hit[1], "headers": list(hit[1]["headers"])})
            await send({"type": "http.response.body", "body": hit[2]})
            return
        start: dict = {}
        chunks: list[bytes] = []

        async def keep(message) -> None:
            if message["type"] == "http.response.start":
                start.update(message, headers=list(message.get("headers", [])))
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body") and start.get("status") == 200:
                    if len(self._entries) >= self.max_entries:
                        self._entries.clear()
                    self._entries[key] = (time.monotonic() + self.seconds, start,
                                          b"".join(chunks))
            await send(message)

        await self.app(scope, receive, keep)
