"""`vbkg serve`: the web app and JSON API over the configured Neo4j."""
import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: str = typer.Option("127.0.0.1", help="interface to listen on"),
        port: int = typer.Option(8000, help="TCP port"),
        workers: int = typer.Option(1, min=1, help="worker processes"),
    ) -> None:
        """Serve the web pages, the JSON API (/api, docs at /docs) and the Browser guide."""
        import uvicorn

        typer.echo(f"vbkg: http://{host}:{port}/  (API docs: http://{host}:{port}/docs)")
        uvicorn.run("vbkg.api.app:create_app", factory=True, host=host, port=port,
                    workers=workers, log_level="warning")
