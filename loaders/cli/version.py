"""`vbkg version`."""
from importlib.metadata import version as pkg_version

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def version() -> None:
        """Print the installed vbkg version."""
        typer.echo(pkg_version("vbkg"))
