"""`vbkg export PATH... --format ttl|jsonld|nt`: the RDF graph of the inputs."""
from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from vbkg.loaders.graph.changes import change_triples
from vbkg.loaders.graph.rdf import new_graph, record_to_graph
from vbkg.loaders.load import read_records
from vbkg.loaders.read.inputs import InputError


class RdfFormat(StrEnum):
    ttl = "ttl"
    jsonld = "jsonld"
    nt = "nt"


RDFLIB_FORMAT = {RdfFormat.ttl: "turtle", RdfFormat.nt: "nt"}


def register(app: typer.Typer) -> None:
    @app.command()
    def export(
        paths: Annotated[list[str], typer.Argument(help="Texts, record .json files, folders.")],
        format: Annotated[RdfFormat, typer.Option("--format", "-f")] = RdfFormat.ttl,
        output: Annotated[Path | None, typer.Option("--output", "-o", help="Or stdout.")] = None,
        succession: Annotated[bool, typer.Option(
            help="Add the change events of data/succession.toml (org:ChangeEvent, keThua).")
        ] = True,
    ) -> None:
        """Extract and map the inputs to RDF in the vbkg ontology, with PROV-O provenance."""
        try:
            records, errors = read_records(paths)
        except InputError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None
        graph = new_graph()
        graph.bind("org", "http://www.w3.org/ns/org#")
        if succession:
            graph.addN((s, p, o, graph) for s, p, o in change_triples())
        for record in records:
            record_to_graph(record, graph)
        if format is RdfFormat.jsonld:  # compact keys (vbkg:thucHien) with the prefixes bound
            context = {prefix: str(ns) for prefix, ns in graph.namespaces()
                       if prefix in ("vbkg", "prov", "rdf", "xsd", "org")}
            text = graph.serialize(format="json-ld", context=context, auto_compact=True)
        else:
            text = graph.serialize(format=RDFLIB_FORMAT[format])
        if output is None:
            typer.echo(text, nl=False)
        else:
            output.write_text(text, encoding="utf-8")
            typer.echo(f"{len(graph)} triples written to {output}", err=True)
        for error in errors:
            typer.echo(f"error: {error}", err=True)
        if errors:
            typer.echo(f"{len(records)} documents exported, {len(errors)} inputs failed", err=True)
            raise typer.Exit(1)
