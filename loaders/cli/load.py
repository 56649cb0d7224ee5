"""`vbkg load PATH...`: source texts or records into Neo4j (the whole pipeline)."""
from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from vbkg.loaders.load import bulk_load, load
from vbkg.loaders.read.inputs import InputError, input_files

err = Console(stderr=True, soft_wrap=True)  # an error stays one line, however narrow the terminal


def register(app: typer.Typer) -> None:
    @app.command("load")
    def load_command(
        paths: Annotated[list[str], typer.Argument(help="Files, folders, or - (paths on stdin).")],
        batch_size: Annotated[int, typer.Option(min=1, help="Documents per transaction.")] = 200,
        jobs: Annotated[int, typer.Option(min=1, help="Processes for read + extract.")] = 1,
        validate: Annotated[bool, typer.Option(help="Drop facts violating SHACL.")] = True,
        progress: Annotated[bool, typer.Option("--progress", help="Show a progress bar.")] = False,
        bulk: Annotated[bool, typer.Option(
            "--bulk", help="Build an empty managed database in one offline neo4j-admin import "
                           "(the server restarts); far faster for a first load.")] = False,
    ) -> None:
        """Read, extract, map and write documents; loading the same input twice changes nothing."""
        from vbkg.loaders.store import server
        from vbkg.loaders.store.bulk import BulkImportError
        from vbkg.loaders.store.config import Neo4jUnavailable, get_driver, neo4j_settings
        from vbkg.loaders.store.writer import ServerLost

        try:
            files = input_files(paths)
        except InputError as exc:
            err.print(f"[red]error:[/] {exc}")
            raise typer.Exit(2) from None
        try:
            if bulk and not neo4j_settings().managed:
                raise Neo4jUnavailable("--bulk imports into the managed Neo4j while it is "
                                       "stopped; unset NEO4J_URI, or load without --bulk")
            driver = get_driver()
        except Neo4jUnavailable as exc:
            err.print(f"[red]error:[/] {exc}")
            raise typer.Exit(1) from None
        bar = Progress(TextColumn("loading"), BarColumn(), MofNCompleteColumn(),
                       TimeElapsedColumn(), console=err, disable=not progress)
        try:
            with bar:
                task = bar.add_task("files", total=len(files))
                advance = lambda _path: bar.advance(task)  # noqa: E731
                if bulk:
                    report = bulk_load(files, server.default_dirs(),
                                                jobs=jobs, validate=validate, on_file=advance)
                else:
                    report = load(files, driver, batch_size=batch_size, jobs=jobs,
                                           validate=validate, on_file=advance)
        except (BulkImportError, server.ServerError, ServerLost) as exc:
            err.print(f"[red]error:[/] {exc}")
            raise typer.Exit(1) from None
        finally:
            driver.close()
        for line in report.refused:
            err.print(f"[yellow]refused:[/] {line}")
        for line in report.errors:
            err.print(f"[red]error:[/] {line}")
        if report.seconds:
            typer.echo("bulk load, seconds per step: " + ", ".join(
                f"{step} {seconds:.1f}" for step, seconds in report.seconds.items()))
        typer.echo(f"{report.documents} documents from {report.files} files in "
                   f"{report.batches} batches; {report.stubs_merged} stubs merged; "
                   f"{len(report.refused)} facts refused by SHACL; {len(report.errors)} errors")
        if report.errors:
            raise typer.Exit(1)

