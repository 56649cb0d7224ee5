"""Shared fixtures: a real Neo4j for integration tests.

Unless NEO4J_URI is set, the session starts a fresh managed Neo4j in a temporary
data dir on free ports (so parallel test runs never clash) and stops it at the
end. Integration tests never skip: when Neo4j cannot start, they fail with why.
"""
from __future__ import annotations

import os
import socket

import pytest
from neo4j import GraphDatabase
from vbkg.loaders.store import server
from vbkg.loaders.store.config import Settings
from vbkg.loaders.store.config import neo4j_settings as settings_from_env


def _free_ports(count: int) -> list[int]:
    """Distinct TCP ports on 127.0.0.1 that nothing listens on right now."""
    sockets = [socket.socket(socket.AF_INET, socket.SOCK_STREAM) for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


@pytest.fixture(scope="session")
def free_ports():
    """free_ports(n): n distinct free TCP ports on 127.0.0.1, for servers a test starts."""
    return _free_ports


BROWSER_URL = pytest.StashKey[str]()


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory, pytestconfig) -> Settings:
    """Settings of the Neo4j the tests use: NEO4J_URI's, else a fresh managed instance."""
    if os.environ.get("NEO4J_URI"):
        yield settings_from_env()
        return
    home = server.default_dirs().home
    dirs = server.InstallDirs(home=home, data_dir=tmp_path_factory.mktemp("neo4j"))
    try:
        server.install(dirs)
        bolt_port, http_port = _free_ports(2)
        status = server.start(dirs, bolt_port=bolt_port, http_port=http_port,
                                    memory=server.SMALL_MEMORY)
    except server.ServerError as exc:
        pytest.fail(f"cannot start the test Neo4j: {exc}", pytrace=False)
    pytestconfig.stash[BROWSER_URL] = status.browser_url
    try:
        yield Settings(uri=status.bolt_uri, user=server.USER,
                       password=server.read_password(dirs), managed=True)
    finally:
        server.stop(dirs)


@pytest.fixture(scope="session")
def neo4j_browser_url(neo4j_settings, pytestconfig) -> str:
    """Neo4j Browser of the test Neo4j: the managed one's, else VBKG_TEST_BROWSER_URL."""
    url = pytestconfig.stash.get(BROWSER_URL, None) or os.environ.get("VBKG_TEST_BROWSER_URL")
    if not url:
        pytest.fail("NEO4J_URI is set: set VBKG_TEST_BROWSER_URL to its Neo4j Browser too",
                    pytrace=False)
    return url


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_settings):
    """A driver connected to the test Neo4j, for the whole session."""
    auth = (neo4j_settings.user, neo4j_settings.password) if neo4j_settings.password else None
    with GraphDatabase.driver(neo4j_settings.uri, auth=auth) as driver:
        driver.verify_connectivity()
        yield driver


@pytest.fixture
def clean_db(neo4j_driver):
    """The driver, on an empty database (nodes and relationships gone; schema kept)."""
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    return neo4j_driver
