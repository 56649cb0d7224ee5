"""The `vbkg` command line: one subcommand per thing a user does (datasette-style)."""
import logging

import typer
from vbkg.loaders.cli import export, extract, load, neo4j, query, serve, validate, version

app = typer.Typer(
    help="vbkg: a knowledge graph of Vietnamese Party and state directives.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)



@app.callback()
def main() -> None:
    """Read directives, load them into Neo4j, and ask who implements what."""
    # The driver logs each retry of a lost server; the commands say what happened in one
    # line. A NullHandler keeps Python's last-resort handler from printing them to stderr.
    logging.getLogger("neo4j").addHandler(logging.NullHandler())


# Each command module adds its subcommands to the app; keep one line per module.
for module in (version, serve, load, query, export, validate, extract, neo4j):
    module.register(app)
