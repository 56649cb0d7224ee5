"""Which Neo4j vbkg picks from the environment, and how it says it cannot reach one."""
import socket

import pytest
from vbkg.loaders.store import config, server
from vbkg.loaders.store.config import Neo4jUnavailable, Settings, neo4j_settings

ENV = ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "VBKG_DATA_DIR", "VBKG_BOLT_PORT",
       "VBKG_HTTP_PORT", "VBKG_NEO4J_HOME")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize("uri", ["bolt://db.example:7687", "neo4j://db.example",
                                 "neo4j+s://abc.databases.neo4j.io"])
def test_neo4j_uri_selects_that_server(monkeypatch, uri):
    monkeypatch.setenv("NEO4J_URI", uri)
    monkeypatch.setenv("NEO4J_USER", "reader")
    monkeypatch.setenv("NEO4J_PASSWORD", "s3cret")
    assert neo4j_settings() == Settings(uri=uri, user="reader", password="s3cret", managed=False)


def test_user_defaults_to_neo4j(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://localhost:7687")
    monkeypatch.setenv("NEO4J_PASSWORD", "pw")
    assert neo4j_settings().user == "neo4j"


@pytest.mark.parametrize("uri", ["http://localhost:7474", "localhost:7687", "bolt:/x"])
def test_a_uri_neo4j_cannot_speak_is_refused_with_the_variable_named(monkeypatch, uri):
    monkeypatch.setenv("NEO4J_URI", uri)
    with pytest.raises(Neo4jUnavailable, match="NEO4J_URI"):
        neo4j_settings()


def test_a_password_without_a_uri_is_refused(monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "pw")
    with pytest.raises(Neo4jUnavailable, match="NEO4J_URI is not"):
        neo4j_settings()


def test_without_env_the_managed_instance_of_the_data_dir_is_used(monkeypatch, tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "password").write_text("generated-pw\n")
    monkeypatch.setenv("VBKG_DATA_DIR", str(data_dir))
    monkeypatch.setenv("VBKG_BOLT_PORT", "17999")
    assert neo4j_settings() == Settings(uri="bolt://127.0.0.1:17999", user="neo4j",
                                        password="generated-pw", managed=True)


def test_default_data_dir_is_under_the_current_directory(tmp_path):
    (tmp_path / ".vbkg" / "neo4j").mkdir(parents=True)
    (tmp_path / ".vbkg" / "neo4j" / "password").write_text("pw-here\n")
    settings = neo4j_settings()
    assert (settings.uri, settings.password) == ("bolt://127.0.0.1:7687", "pw-here")


def test_a_bad_port_variable_is_named(monkeypatch):
    monkeypatch.setenv("VBKG_BOLT_PORT", "seventy")
    with pytest.raises(Neo4jUnavailable, match="VBKG_BOLT_PORT"):
        neo4j_settings()


def test_get_driver_says_which_server_it_cannot_reach(monkeypatch):
    with socket.socket() as sock:  # a port that nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{port}")
    monkeypatch.setenv("NEO4J_PASSWORD", "pw")
    with pytest.raises(Neo4jUnavailable, match=f"cannot reach Neo4j at bolt://127.0.0.1:{port}"):
        config.get_driver()


def test_get_driver_without_an_installed_server_says_how_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("VBKG_NEO4J_HOME", str(tmp_path / "empty-home"))
    with pytest.raises(Neo4jUnavailable, match="vbkg neo4j install"):
        config.get_driver()


def test_a_generated_password_never_opens_like_an_option():
    """token_urlsafe alone opens with "-" one time in 64: 2000 draws would meet it."""
    assert not any(server.new_password().startswith("-") for _ in range(2000))


def test_no_password_file_is_left_when_neo4j_admin_refuses_the_password(monkeypatch, tmp_path):
    """Else every later start reads the refused password and fails the same way."""
    def refuse(*_args):
        raise server.ServerError("neo4j-admin dbms set-initial-password failed: no")

    monkeypatch.setattr(server, "_admin", refuse)
    dirs = server.InstallDirs(home=tmp_path / "home", data_dir=tmp_path / "data")
    with pytest.raises(server.ServerError):
        server._ensure_password(dirs)
    assert server.read_password(dirs) is None
