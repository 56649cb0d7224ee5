"""The query library: `queries/NAME.cypher` loaded by name and run with parameters only.

Each file declares its parameters in its header (`// @param NAME: str|int|bool [= DEFAULT]
[, main] — description`), so the CLI and the web app can validate and convert user input
without knowing the queries, and no Cypher is ever built from user input.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources

import neo4j

PACKAGE = "vbkg.queries"
READ_TIMEOUT_S = 30.0

_PARAM = re.compile(
    r"^//\s*@param\s+(?P<name>\w+)\s*:\s*(?P<type>str|int|bool)"
    r"(?:\s*=\s*(?P<default>\S+?))?(?P<main>\s*,\s*main)?\s*(?:[—–-]+\s*(?P<doc>.*))?$"
)
_BOOLEANS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


def _boolean(value) -> bool:
    """`true`/`false` (also 1/0, yes/no) from a CLI or URL; a bool stays itself."""
    if isinstance(value, bool):
        return value
    try:
        return _BOOLEANS[str(value).strip().lower()]
    except KeyError:
        raise ValueError(value) from None


_CONVERT = {"str": str, "int": int, "bool": _boolean}


class QueryError(ValueError):
    """A query that does not exist or was given wrong parameters (one-line message)."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool
    default: object = None
    main: bool = False
    doc: str = ""


@dataclass(frozen=True)
class Query:
    name: str
    text: str
    purpose: str
    example: str
    params: tuple[Param, ...] = field(default_factory=tuple)

    @property
    def main_param(self) -> Param | None:
        return next((p for p in self.params if p.main), None)

    def bind(self, values: dict[str, str | int | None], positional: str | None = None) -> dict:
        """User values (strings from a CLI or URL) → the full typed parameter map."""
        values = dict(values)
        if positional is not None:
            main = self.main_param
            if main is None:
                raise QueryError(f"query {self.name} takes no positional value")
            if values.get(main.name) is not None:
                raise QueryError(f"{main.name} given twice for query {self.name}")
            values[main.name] = positional
        known = {p.name for p in self.params}
        unknown = sorted(set(values) - known)
        if unknown:
            raise QueryError(
                f"query {self.name} has no parameter {', '.join(unknown)} "
                f"(parameters: {', '.join(sorted(known)) or 'none'})"
            )
        bound = {}
        for p in self.params:
            value = values.get(p.name)
            if value is None:
                if p.required:
                    raise QueryError(f"query {self.name} needs parameter {p.name}")
                bound[p.name] = p.default
                continue
            try:
                bound[p.name] = _CONVERT[p.type](value)
            except ValueError:
                raise QueryError(f"parameter {p.name} of {self.name} must be {p.type}") from None
        return bound


def canonical_name(name: str) -> str:
    """`who-implements` and `who_implements` name the same query."""
    return name.strip().replace("-", "_")


def names() -> list[str]:
    """Every query in the library, sorted."""
    files = resources.files(PACKAGE).iterdir()
    return sorted(f.name.removesuffix(".cypher") for f in files if f.name.endswith(".cypher"))


def load(name: str) -> Query:
    """Read and parse `queries/NAME.cypher`."""
    name = canonical_name(name)
    if name not in names():
        raise QueryError(f"no query named {name!r} (known: {', '.join(names())})")
    text = resources.files(PACKAGE).joinpath(f"{name}.cypher").read_text(encoding="utf-8")
    return parse(name, text)


def parse(name: str, text: str) -> Query:
    """The header comment of a query file → its purpose, example and parameters."""
    purpose: list[str] = []
    example = ""
    params: list[Param] = []
    in_purpose = False
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        body = line[2:].strip()
        if body.startswith("@param"):
            in_purpose = False
            m = _PARAM.match(line.strip())
            if not m:
                raise QueryError(f"queries/{name}.cypher: cannot read parameter line {line!r}")
            default = m["default"]
            params.append(
                Param(
                    name=m["name"],
                    type=m["type"],
                    required=default is None,
                    default=None if default in (None, "null") else _CONVERT[m["type"]](default),
                    main=bool(m["main"]),
                    doc=(m["doc"] or "").strip(),
                )
            )
        elif body.startswith("Purpose:"):
            in_purpose = True
            purpose.append(body.removeprefix("Purpose:").strip())
        elif body.startswith("Example:"):
            in_purpose = False
            example = body.removeprefix("Example:").strip()
        elif in_purpose:
            purpose.append(body)
    if not purpose or not example:
        raise QueryError(f"queries/{name}.cypher: header needs Purpose: and Example: lines")
    if sum(p.main for p in params) > 1:
        raise QueryError(f"queries/{name}.cypher: more than one main parameter")
    return Query(name, text, " ".join(purpose), example, tuple(params))


def run(driver: neo4j.Driver, query: Query, params: dict, *, database: str | None = None,
        timeout: float = READ_TIMEOUT_S) -> list[dict]:
    """Run a library query (already bound) in a read transaction."""
    return run_read(driver, query.text, params, database=database, timeout=timeout)


# What an ad-hoc statement (`vbkg cypher`) may call: procedures that read the graph or its
# schema. Anything else (LOAD CSV, dbms.* admin, a plugin's network or file procedures) is
# refused before it runs: READ access mode stops writes, not a server fetching a URL.
ALLOWED_PROCEDURES = frozenset({
    "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization",
    "db.schema.nodeTypeProperties", "db.schema.relTypeProperties",
    "db.index.fulltext.queryNodes", "db.index.fulltext.queryRelationships", "dbms.components",
})


def check_ad_hoc(driver: neo4j.Driver, statement: str, params: dict | None = None, *,
                 database: str | None = None) -> None:
    """Refuse (QueryError) a statement whose plan loads CSV or calls a procedure outside
    ALLOWED_PROCEDURES; the server's own planner reads the statement (EXPLAIN runs nothing),
    so comments, strings and odd spacing cannot hide a clause."""
    with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
        plan = session.run("EXPLAIN " + statement, params or {}).consume().plan or {}
    stack = [plan]
    while stack:
        operator = stack.pop()
        stack += operator.get("children", [])
        kind = operator.get("operatorType", "").split("@")[0]
        if kind == "LoadCSV":
            raise QueryError("LOAD CSV is refused in read mode: it reads files and URLs")
        if kind == "ProcedureCall":
            called = str(operator.get("args", {}).get("Details", "")).split("(")[0].strip()
            if called not in ALLOWED_PROCEDURES:
                raise QueryError(f"procedure {called or '?'} is refused in read mode "
                                 f"(allowed: {', '.join(sorted(ALLOWED_PROCEDURES))})")


def run_read(driver: neo4j.Driver, statement: str, params: dict | None = None, *,
             database: str | None = None, timeout: float = READ_TIMEOUT_S) -> list[dict]:
    """Any statement in READ access mode with a time-out: the server refuses writes."""

    @neo4j.unit_of_work(timeout=timeout)
    def work(tx: neo4j.ManagedTransaction) -> list[dict]:
        return [record.data() for record in tx.run(statement, params or {})]

    with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
        return session.execute_read(work)
