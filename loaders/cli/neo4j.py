"""`vbkg neo4j install | start | stop | status`: the managed local Neo4j server."""
import typer
from rich.console import Console
from vbkg.loaders.store import server

console = Console()


def _fail(exc: Exception) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(code=1)


def _print_status(status: server.Status) -> None:
    dirs = status.dirs
    state = f"[green]running[/] (pid {status.pid})" if status.running else "[yellow]stopped[/]"
    console.print(f"Neo4j {server.neo4j_version()}: {state}")
    console.print(f"  bolt:          {status.bolt_uri}  (user {server.USER})")
    console.print(f"  browser:       {status.browser_url}")
    console.print(f"  password file: {dirs.password_file}")
    console.print(f"  data dir:      {dirs.data_dir}")
    installed = "" if status.installed else "  (not installed: run `vbkg neo4j install`)"
    console.print(f"  install home:  {dirs.home}{installed}")


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="The managed local Neo4j 5.26 server (127.0.0.1 only).",
                        no_args_is_help=True)
    app.add_typer(group, name="neo4j")

    @group.command()
    def install() -> None:
        """Fetch the Neo4j server jars from Maven Central (a no-op when already there)."""
        try:
            dirs = server.default_dirs()
            if not server.is_installed(dirs):
                console.print(f"Fetching Neo4j {server.neo4j_version()} from Maven "
                              f"Central into {dirs.home} …")
            fetched = server.install(dirs)
        except server.ServerError as exc:
            raise _fail(exc) from exc
        console.print(("Installed" if fetched else "Already installed") + f": {dirs.lib}")

    @group.command()
    def start() -> None:
        """Start the server in the data dir and wait until Bolt and the Browser answer."""
        try:
            dirs = server.default_dirs()
            if not server.status(dirs).running:
                console.print("Starting Neo4j, waiting until Bolt and the Browser answer …")
            status = server.start(dirs)
        except server.ServerError as exc:
            raise _fail(exc) from exc
        _print_status(status)

    @group.command()
    def stop() -> None:
        """Stop the server of the data dir."""
        try:
            stopped = server.stop(server.default_dirs())
        except server.ServerError as exc:
            raise _fail(exc) from exc
        console.print("Stopped." if stopped else "Not running.")

    @group.command()
    def status() -> None:
        """Say whether the server runs, where, and where its password is."""
        try:
            _print_status(server.status(server.default_dirs()))
        except server.ServerError as exc:
            raise _fail(exc) from exc
