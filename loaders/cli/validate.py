"""`vbkg validate PATH...`: extract, map and check the inputs against the SHACL shapes."""
from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from vbkg.loaders.graph.shacl import DocumentReport, validate_records
from vbkg.loaders.load import read_records
from vbkg.loaders.read.inputs import InputError


def register(app: typer.Typer) -> None:
    @app.command()
    def validate(
        paths: Annotated[list[str], typer.Argument(help="Texts, record .json files, folders.")],
        as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
        lang: Annotated[str, typer.Option(help="Language of the messages: vi or en.")] = "vi",
        jobs: Annotated[int, typer.Option(min=1, help="Processes.")] = 2,
    ) -> None:
        """Report, per document, each fact that violates a shape, with its evidence sentence.

        Exit status 1 when a violation exists or an input holds no document (one line
        each, the others are validated), 2 when a path does not exist.
        """
        try:
            records, errors = read_records(paths)
        except InputError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None
        reports = validate_records(records, workers=jobs)
        violations = sum(_count(r) for r in reports)
        if as_json:
            typer.echo(json.dumps({"documents": [r.to_json() for r in reports],
                                   "violations": violations, "errors": errors},
                                  ensure_ascii=False, indent=2))
        else:
            _print(reports, lang, violations)
        for error in errors:
            typer.echo(f"error: {error}", err=True)
        if errors:
            typer.echo(f"{len(reports)} documents validated, {len(errors)} inputs failed", err=True)
        if violations or errors:
            raise typer.Exit(1)


def _count(report: DocumentReport) -> int:
    return sum(1 for v in report.violations if v.severity == "Violation")


def _print(reports: list[DocumentReport], lang: str, violations: int) -> None:
    out = Console(highlight=False, soft_wrap=True)
    for report in reports:
        if not report.violations:
            continue
        out.print(f"[bold]{escape(report.source)}[/]  {escape(report.document)}")
        for v in report.violations:
            message = v.message.get(lang) or next(iter(v.message.values()), v.shape)
            mark = "[red]✗[/]" if v.severity == "Violation" else "[yellow]![/]"
            out.print(f"  {mark} {escape(message)}  [dim]({v.shape})[/]")
            fact = v.to_json()
            out.print(f"      [dim]fact:[/] {escape(fact['focus'])}"
                      + (f" {escape(fact['path'])}" if fact["path"] else "")
                      + (f" {escape(fact['value'])}" if fact["value"] else ""))
            if v.evidence and v.evidence.quote:
                where = f"{v.evidence.source}:{v.evidence.start}-{v.evidence.end}"
                out.print(f"      [dim]evidence ({escape(where)}):[/] “{escape(v.evidence.quote)}”")
    clean = sum(1 for r in reports if not r.violations)
    out.print(f"{len(reports)} documents, {clean} without violations, {violations} violations")
