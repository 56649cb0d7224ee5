"""The web app while Neo4j is lost: a Vietnamese 503 within seconds, then back by itself."""
from __future__ import annotations

import socket
import threading
import time
from contextlib import suppress

import pytest
from fastapi.testclient import TestClient
from neo4j import GraphDatabase
from vbkg.api.app import create_app
from vbkg.loaders.store.config import FAIL_FAST
from web_support import load_seeds

pytestmark = pytest.mark.integration


class Cable:
    """A TCP forwarder in front of the test Neo4j that can be unplugged (connections
    dropped, new ones refused) and plugged back in on the same port."""

    def __init__(self, target: tuple[str, int], port: int) -> None:
        self.target, self.port, self.links = target, port, []
        self.listener: socket.socket | None = None

    def plug(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def unplug(self) -> None:
        self.listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept (close alone won't)
        self.listener.close()
        for link in self.links:
            with suppress(OSError):
                link.shutdown(socket.SHUT_RDWR)
            link.close()
        self.links.clear()

    def _accept(self, listener: socket.socket) -> None:
        with suppress(OSError):
            while True:
                client, _ = listener.accept()
                server = socket.create_connection(self.target)
                self.links += [client, server]
                for a, b in ((client, server), (server, client)):
                    threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        with suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)


@pytest.fixture
def unpluggable(neo4j_driver, neo4j_settings, free_ports, monkeypatch):
    load_seeds(neo4j_driver)
    monkeypatch.setenv("VBKG_CACHE_SECONDS", "0")  # every request reaches Neo4j
    host, port = neo4j_settings.uri.split("://", 1)[1].rsplit(":", 1)
    cable = Cable((host, int(port)), free_ports(1)[0])
    cable.plug()
    # the app's own driver, configured as `vbkg serve` configures it
    with GraphDatabase.driver(f"bolt://127.0.0.1:{cable.port}", **FAIL_FAST,
                              auth=(neo4j_settings.user, neo4j_settings.password)) as driver:
        with TestClient(create_app(driver=driver)) as client:
            yield cable, client
    cable.unplug()


def timed_get(client, path: str):
    start = time.monotonic()
    response = client.get(path)
    return response, time.monotonic() - start


def test_a_lost_neo4j_gives_a_vietnamese_503_within_5_s_and_the_app_recovers(unpluggable):
    cable, client = unpluggable
    assert client.get("/").status_code == 200
    cable.unplug()
    page, seconds = timed_get(client, "/search?q=COVID")
    assert page.status_code == 503 and seconds <= 5, seconds
    assert "Không kết nối được cơ sở dữ liệu Neo4j" in page.text and "bolt" not in page.text.lower()
    api, seconds = timed_get(client, "/api/counts")
    assert api.status_code == 503 and seconds <= 5, seconds
    assert api.headers["retry-after"] and "detail" in api.json()
    cable.plug()
    assert client.get("/").status_code == 200
