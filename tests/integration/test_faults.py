"""A load survives what a real machine does to it: junk files, a dying server, a second loader."""
import pytest
from download_folder import assert_one_line_per_bad_file, download_folder
from typer.testing import CliRunner
from vbkg.loaders.cli.app import app
from vbkg.loaders.store.queries import run_read

pytestmark = pytest.mark.integration


def cli_env(settings) -> dict:
    return {"NEO4J_URI": settings.uri, "NEO4J_USER": settings.user,
            "NEO4J_PASSWORD": settings.password}


def loaded_sources(driver) -> set[str]:
    rows = run_read(driver, "MATCH (d:VanBan) WHERE NOT d.stub UNWIND d.sources AS s "
                            "RETURN DISTINCT s")
    return {row["s"] for row in rows}


def test_a_download_folder_loads_the_seeds_and_names_each_bad_file(clean_db, neo4j_settings,
                                                                   tmp_path):
    folder = download_folder(tmp_path / "downloads")
    result = CliRunner(env=cli_env(neo4j_settings)).invoke(app, ["load", str(folder)])
    assert result.exit_code == 1
    assert_one_line_per_bad_file(result.output)
    assert "5 documents from 9 files" in result.output and "; 4 errors" in result.output
    assert len(loaded_sources(clean_db)) == 5
