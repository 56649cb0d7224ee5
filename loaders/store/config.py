"""Which Neo4j vbkg talks to: the one NEO4J_URI names, else the managed local instance.

NEO4J_URI (bolt://, neo4j://, neo4j+s:// …), NEO4J_USER and NEO4J_PASSWORD
select any server. With none of them set, vbkg uses the managed instance of the
current data dir (see server.py) and starts it when it is not running.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from neo4j import Driver, GraphDatabase, NotificationDisabledClassification
from neo4j.exceptions import AuthError, ServiceUnavailable
from vbkg.loaders.store import server

URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
# A web request gives up on a lost Neo4j within seconds (the driver's defaults retry for
# 30 s and wait 60 s for a connection): a reader gets a 503 page, not a hang.
FAIL_FAST = {"connection_timeout": 2.0, "connection_acquisition_timeout": 2.0,
             "max_transaction_retry_time": 1.0}


class Neo4jUnavailable(RuntimeError):
    """A one-line reason why no Neo4j can be reached, saying what to do about it."""


@dataclass(frozen=True)
class Settings:
    uri: str
    user: str
    password: str | None
    managed: bool


def neo4j_settings() -> Settings:
    """The connection settings from the environment, else those of the managed instance."""
    uri = os.environ.get("NEO4J_URI", "").strip()
    user = os.environ.get("NEO4J_USER", "").strip()
    password = os.environ.get("NEO4J_PASSWORD")
    if uri:
        scheme = uri.split("://", 1)[0] if "://" in uri else ""
        if scheme not in URI_SCHEMES:
            raise Neo4jUnavailable(f"NEO4J_URI={uri!r} must start with one of "
                                   + ", ".join(f"{s}://" for s in URI_SCHEMES))
        return Settings(uri=uri, user=user or server.USER, password=password, managed=False)
    if user or password:
        raise Neo4jUnavailable("NEO4J_USER/NEO4J_PASSWORD are set but NEO4J_URI is not; set "
                               "NEO4J_URI too, or unset them to use the managed local Neo4j")
    try:
        dirs = server.default_dirs()
        status = server.status(dirs)
    except server.ServerError as exc:
        raise Neo4jUnavailable(str(exc)) from exc
    return Settings(uri=status.bolt_uri, user=server.USER,
                    password=server.read_password(dirs), managed=True)


# The library's queries name every label, type and property of the ontology, present in
# the graph or not yet: "does not exist" notifications (UNRECOGNIZED) are expected, and
# logging each, several lines long, on every query grew the web log by megabytes an hour.
QUIET = {"notifications_disabled_classifications":
         [NotificationDisabledClassification.UNRECOGNIZED]}


def get_driver(**options) -> Driver:
    """A connected driver (driver `options` such as FAIL_FAST); starts the managed
    instance first when no NEO4J_URI is set."""
    settings = neo4j_settings()
    if settings.managed:
        try:
            server.start(server.default_dirs())
        except server.ServerError as exc:
            raise Neo4jUnavailable(str(exc)) from exc
        settings = neo4j_settings()
    auth = (settings.user, settings.password) if settings.password is not None else None
    driver = GraphDatabase.driver(settings.uri, auth=auth, **{**QUIET, **options})
    try:
        driver.verify_connectivity()
    except AuthError as exc:
        driver.close()
        raise Neo4jUnavailable(f"Neo4j at {settings.uri} rejected user {settings.user!r}: "
                               "check NEO4J_USER/NEO4J_PASSWORD") from exc
    except (ServiceUnavailable, OSError, ValueError) as exc:
        driver.close()
        raise Neo4jUnavailable(f"cannot reach Neo4j at {settings.uri} ({exc}); start it "
                               "(`vbkg neo4j start`) or fix NEO4J_URI") from exc
    return driver
