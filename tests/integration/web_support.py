"""Shared by the API, web-UI and fuzz tests: the seeds graph and a live server."""
from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import neo4j
import uvicorn
from vbkg.loaders.load import load
from vbkg.loaders.read.inputs import input_files

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"
CHROMIUM = "/usr/bin/chromium"  # Debian's, installed by `make chromium`
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]


def load_seeds(driver: neo4j.Driver) -> None:
    """Empty the test database, load the five seeds with `vbkg load`'s pipeline, wait
    for the full-text index, so every test module starts from the same graph."""
    driver.execute_query("MATCH (n) DETACH DELETE n")
    report = load(input_files([str(SEEDS)]), driver)
    assert not report.errors, report.errors
    driver.execute_query("CALL db.awaitIndexes(120)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def live_server(app) -> Iterator[str]:
    """Serve `app` with uvicorn on a free loopback port in a thread; yield its base URL."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
