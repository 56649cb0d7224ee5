"""`vbkg extract PATH... --out DIR`: one SCHEMA.md record per input file."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from vbkg.loaders import record
from vbkg.loaders.extract import extract
from vbkg.loaders.extract.same_as import link_same_as
from vbkg.loaders.read.inputs import SOURCE_SUFFIXES, InputError, input_files
from vbkg.loaders.read.source import ReadError, read_path

PROGRESS_FROM = 5  # files; fewer get only the summary lines
PARALLEL_FROM = 16  # files; fewer run in this process


def extract_file(path: Path) -> tuple[str, dict | None, str | None]:
    """(file name, record, None) or (file name, None, one-line error). Never raises."""
    try:
        return path.name, extract(read_path(path)), None
    except ReadError as exc:
        return path.name, None, str(exc)
    except Exception as exc:  # a bug must not stop the batch; report it on one line
        message = " ".join(str(exc).split()) or "no message"
        return path.name, None, f"{path.name}: extraction failed ({type(exc).__name__}: {message})"


def summary(rec: dict) -> str:
    """`000_….txt  KeHoach 88-KH/TU  refs 2  tasks 9`."""
    doc = rec.get("document") or {}
    what = " ".join(x for x in (doc.get("loai") or "?", doc.get("so_hieu")) if x)
    same = f"  same_as {', '.join(rec['same_as'])}" if rec.get("same_as") else ""
    return (
        f"{rec['source']}  {what}  refs {len(rec['references'])}  tasks {len(rec['tasks'])}{same}"
    )


def run(files: list[Path], workers: int, console: Console) -> tuple[list[dict], list[str]]:
    """Extract every file (in a process pool for big batches), with a progress bar on long ones."""
    records: list[dict] = []
    errors: list[str] = []
    workers = workers or (os.cpu_count() or 1)
    columns = (TextColumn("extract"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(
        *columns, console=console, transient=True, disable=len(files) <= PROGRESS_FROM
    ) as progress:
        task = progress.add_task("extract", total=len(files))
        if workers > 1 and len(files) >= PARALLEL_FROM:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                results = pool.map(extract_file, files, chunksize=4)
                _collect(results, records, errors, progress, task)
        else:
            _collect(map(extract_file, files), records, errors, progress, task)
    return records, errors


def _collect(results, records, errors, progress, task) -> None:
    for _, rec, error in results:
        if error:
            errors.append(error)
        else:
            records.append(rec)
        progress.advance(task)


def register(app: typer.Typer) -> None:
    @app.command("extract")
    def extract_command(
        paths: Annotated[list[str], typer.Argument(
            help="Files or folders of documents, or - (paths on stdin).")],
        out: Annotated[
            Path | None, typer.Option("--out", "-o", help="Folder for one JSON record per file.")
        ] = None,
        jsonl: Annotated[
            Path | None, typer.Option("--jsonl", help="Also write all records to this JSONL file.")
        ] = None,
        workers: Annotated[
            int,
            typer.Option("--workers", "-j", help="Processes for big batches (0: one per core)."),
        ] = 0,
    ) -> None:
        """Extract a record (document, references, tasks, evidence) from each input file."""
        console = Console(stderr=True, soft_wrap=True)  # one line per bad file
        if out is None and jsonl is None:
            raise typer.BadParameter("give --out DIR and/or --jsonl FILE", param_hint="--out")
        try:
            files = input_files(paths, SOURCE_SUFFIXES)
        except InputError as exc:
            console.print(f"[red]error[/red] {exc}", highlight=False, markup=True)
            raise typer.Exit(2) from None
        if not files:
            console.print("vbkg extract: no input files found")
            raise typer.Exit(2)
        records, errors = run(files, workers, console)
        link_same_as(records)
        for rec in records:
            if out is not None:
                record.write(rec, out)
            typer.echo(summary(rec))
        if jsonl is not None:
            record.write_jsonl(records, jsonl)
        for error in errors:
            console.print(f"[red]error[/red] {error}", highlight=False, markup=True)
        if errors:
            console.print(f"{len(records)} extracted, {len(errors)} failed")
            raise typer.Exit(1)
