"""`vbkg query NAME` (the query library) and `vbkg cypher STATEMENT` (any read-only Cypher)."""
from __future__ import annotations

import json
import sys
from typing import Annotated

import neo4j
import typer
from rich.console import Console
from rich.table import Table
from vbkg.loaders.store import queries

# Piped output is not cut to 80 columns: keys and numbers stay whole.
out = Console() if sys.stdout.isatty() else Console(width=200)
err = Console(stderr=True, soft_wrap=True)  # an error stays one line, however narrow the terminal


Params = Annotated[list[str] | None,
                   typer.Option("--param", "-p", help="NAME=VALUE, repeatable.")]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
Timeout = Annotated[float, typer.Option(help="Seconds before the server stops the query.")]


SHORT = 24


def parse_params(pairs: list[str] | None) -> dict[str, str]:
    """`k=v` options → a map; a value may itself contain `=`."""
    params = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise queries.QueryError(f"--param {pair!r}: write it as NAME=VALUE")
        params[name.strip()] = value
    return params


def print_rows(rows: list[dict], as_json: bool) -> None:
    """Rows as JSON (one array) or as a rich table, nested values as compact JSON."""
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    if not rows:
        err.print("(no rows)")
        return
    table = Table(show_lines=False)
    columns = list(rows[0])
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    for i, column in enumerate(columns):
        widest = max(len(line[i]) for line in cells)
        if widest <= SHORT:  # numbers, dates, số hiệu: never broken across lines
            table.add_column(column, no_wrap=True, min_width=widest)
        else:
            table.add_column(column, overflow="fold")
    for line in cells:
        table.add_row(*line)
    out.print(table)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def register(app: typer.Typer) -> None:
    @app.command()
    def query(
        name: Annotated[str, typer.Argument(help="A query of queries/ (- or _ alike).")],
        value: Annotated[str | None, typer.Argument(help="Fills the main parameter.")] = None,
        param: Params = None,
        as_json: AsJson = False,
        timeout: Timeout = queries.READ_TIMEOUT_S,
    ) -> None:
        """Run a named question from the query library, with parameters only."""
        try:
            q = queries.load(name)
            params = q.bind(parse_params(param), value)
        except queries.QueryError as exc:
            err.print(f"[red]error:[/] {exc}")
            raise typer.Exit(2) from None
        print_rows(_run(lambda d, db: queries.run(d, q, params, database=db,
                                                         timeout=timeout)), as_json)

    @app.command()
    def cypher(
        statement: Annotated[str, typer.Argument(help="A read-only Cypher statement.")],
        param: Params = None,
        as_json: AsJson = False,
        timeout: Timeout = queries.READ_TIMEOUT_S,
    ) -> None:
        """Run any read-only statement (READ access mode: the server refuses writes)."""
        try:
            params = parse_params(param)
        except queries.QueryError as exc:
            err.print(f"[red]error:[/] {exc}")
            raise typer.Exit(2) from None
        def checked(driver, database):
            queries.check_ad_hoc(driver, statement, params, database=database)
            return queries.run_read(driver, statement, params, database=database,
                                          timeout=timeout)

        print_rows(_run(checked), as_json)

    @app.command("queries")
    def list_queries() -> None:
        """List the query library: name, main parameter, purpose."""
        table = Table("name", "parameters", "purpose")
        for name in queries.names():
            q = queries.load(name)
            params = ", ".join(p.name + ("*" if p.required else "") for p in q.params)
            table.add_row(name.replace("_", "-"), params, q.purpose)
        out.print(table)


def _run(call):
    from vbkg.loaders.store.config import Neo4jUnavailable, get_driver

    try:
        driver = get_driver()
    except Neo4jUnavailable as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(1) from None
    try:
        return call(driver, None)
    except neo4j.exceptions.Neo4jError as exc:
        err.print(f"[red]error:[/] {exc.code}: {exc.message}")
        raise typer.Exit(1) from None
    except queries.QueryError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(1) from None
    finally:
        driver.close()
