"""The managed Neo4j: a real 5.26 server from the Maven Central jars, on loopback only."""
import ipaddress
import os
import socket
import stat
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable
from typer.testing import CliRunner
from vbkg.loaders.cli.app import app
from vbkg.loaders.store import config, server
from vbkg.loaders.store.server import InstallDirs, ServerError

pytestmark = pytest.mark.integration

HOME = server.default_dirs().home
DASH_PASSWORD = "-p 7687 --help"  # what an option parser would take for options


@pytest.fixture(scope="module")
def two_starts(tmp_path_factory, free_ports):
    """A managed instance of this module's own, started by two callers at once (as parallel
    CLI commands would); stopping it disturbs no other test. Its generated password opens
    with "-", which a bare token_urlsafe does one time in 64 (issue 12)."""
    dirs = InstallDirs(home=HOME, data_dir=tmp_path_factory.mktemp("managed"))
    server.install(dirs)
    bolt_port, http_port = free_ports(2)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(server, "new_password", lambda: DASH_PASSWORD)
        with ThreadPoolExecutor(max_workers=2) as pool:
            starts = [pool.submit(server.start, dirs, bolt_port, http_port,
                                  memory=server.SMALL_MEMORY) for _ in range(2)]
            statuses = [start.result() for start in starts]
    yield statuses
    server.stop(dirs)


@pytest.fixture(scope="module")
def instance(two_starts):
    return two_starts[0]


def test_concurrent_starts_share_one_server(two_starts):
    first, second = two_starts
    assert first.running and first.pid == second.pid
    assert first.bolt_uri == second.bolt_uri


def listening_addresses(port: int) -> set[str]:
    """Addresses with a listening TCP socket on port, read from /proc/net (IPv4-mapped as IPv4)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            hex_address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                # the kernel prints each 32-bit word of the address in host (little-endian) order
                raw = b"".join(bytes.fromhex(hex_address[i:i + 8])[::-1]
                               for i in range(0, len(hex_address), 8))
                address = ipaddress.ip_address(raw)
                found.add(str(getattr(address, "ipv4_mapped", None) or address))
    return found


def test_the_server_is_neo4j_5_26_community_and_wants_the_generated_password(instance):
    password = server.read_password(instance.dirs)
    with GraphDatabase.driver(instance.bolt_uri, auth=("neo4j", password)) as driver:
        records, _, _ = driver.execute_query(
            "CALL dbms.components() YIELD versions, edition RETURN versions[0] AS v, edition")
    assert records[0]["v"].startswith("5.26.") and records[0]["edition"] == "community"
    with GraphDatabase.driver(instance.bolt_uri, auth=("neo4j", password + "x")) as driver:
        with pytest.raises(AuthError):
            driver.verify_connectivity()


def test_a_password_opening_with_a_dash_is_set_and_kept(instance):
    assert server.read_password(instance.dirs) == DASH_PASSWORD
    with GraphDatabase.driver(instance.bolt_uri, auth=("neo4j", DASH_PASSWORD)) as driver:
        driver.verify_connectivity()


def test_password_file_is_readable_by_its_owner_only(instance):
    mode = stat.S_IMODE(os.stat(instance.dirs.password_file).st_mode)
    assert mode == 0o600


def test_bolt_and_http_listen_on_loopback_only(instance):
    bolt_port, http_port = server.configured_ports(instance.dirs)
    for port in (bolt_port, http_port):
        assert listening_addresses(port) == {"127.0.0.1"}


def test_the_browser_is_served(instance):
    with urllib.request.urlopen(instance.browser_url, timeout=30) as response:
        page = response.read().decode()
    assert response.status == 200 and "Neo4j Browser" in page


def test_everything_the_instance_writes_is_under_its_data_dir(instance):
    dirs = instance.dirs
    assert instance.pid == int(dirs.pid_file.read_text())
    assert (dirs.databases / "databases" / "neo4j").is_dir()
    assert (dirs.logs / "neo4j.log").is_file()
    assert not (HOME / "data").exists() and not (HOME / "logs").exists()


def test_starting_a_running_instance_keeps_it(instance):
    again = server.start(instance.dirs)
    assert again.running and again.pid == instance.pid


def test_a_second_data_dir_on_a_taken_port_is_refused_in_one_line(instance, tmp_path, free_ports):
    taken, _ = server.configured_ports(instance.dirs)
    other = InstallDirs(home=HOME, data_dir=tmp_path / "other")
    with pytest.raises(ServerError, match=f"port {taken} on 127.0.0.1 is in use") as error:
        server.start(other, bolt_port=taken, http_port=free_ports(1)[0])
    assert "\n" not in str(error.value) and "VBKG_BOLT_PORT" in str(error.value)
    assert not other.pid_file.exists()


def test_stopped_instance_is_restarted_by_get_driver_with_data_and_password(instance,
                                                                             monkeypatch):
    dirs = instance.dirs
    password = server.read_password(dirs)
    with GraphDatabase.driver(instance.bolt_uri, auth=("neo4j", password)) as driver:
        driver.execute_query("CREATE (:Probe {name: $name})", name="kept")
    assert server.stop(dirs) is True
    assert server.status(dirs).running is False
    with GraphDatabase.driver(instance.bolt_uri, auth=("neo4j", password)) as driver:
        with pytest.raises(ServiceUnavailable):
            driver.verify_connectivity()
    assert server.stop(dirs) is False

    bolt_port, http_port = server.configured_ports(dirs)
    for name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    for name, value in {"VBKG_DATA_DIR": dirs.data_dir, "VBKG_BOLT_PORT": bolt_port,
                        "VBKG_HTTP_PORT": http_port, "VBKG_NEO4J_HEAP": "1g",
                        "VBKG_NEO4J_PAGECACHE": "256m"}.items():
        monkeypatch.setenv(name, str(value))
    with config.get_driver() as driver:
        records, _, _ = driver.execute_query("MATCH (p:Probe) RETURN p.name AS name")
    assert [r["name"] for r in records] == ["kept"]
    assert server.status(dirs).running


def test_installing_twice_is_a_no_op_that_needs_no_maven(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # neither java nor mvn reachable
    assert server.install(InstallDirs(home=HOME, data_dir=tmp_path)) is False


def test_missing_java_is_one_line_saying_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ServerError, match="`java` is not on PATH; install a Java 17 or 21"):
        server.install(InstallDirs(home=tmp_path / "home", data_dir=tmp_path / "data"))


def test_missing_maven_is_one_line_saying_what_to_install(monkeypatch, tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "java").symlink_to(server.shutil.which("java"))
    monkeypatch.setenv("PATH", str(bin_dir))
    with pytest.raises(ServerError, match="`mvn` is not on PATH; install Maven"):
        server.install(InstallDirs(home=tmp_path / "home", data_dir=tmp_path / "data"))


def test_a_failed_download_is_one_line_and_leaves_no_half_install(monkeypatch, tmp_path):
    unusable = tmp_path / "not-a-directory"
    unusable.write_text("")
    monkeypatch.setenv("MAVEN_OPTS", f"-Dmaven.repo.local={unusable}")
    dirs = InstallDirs(home=tmp_path / "home", data_dir=tmp_path / "data")
    with pytest.raises(ServerError, match="from Maven Central failed") as error:
        server.install(dirs)
    assert "\n" not in str(error.value) and "\x1b" not in str(error.value)
    assert "Could not create local repository" in str(error.value)  # Maven's own reason
    assert not server.is_installed(dirs) and not dirs.lib.exists()
    assert not (dirs.home / "lib.partial").exists()


def test_start_before_install_says_to_install(tmp_path):
    dirs = InstallDirs(home=tmp_path / "home", data_dir=tmp_path / "data")
    with pytest.raises(ServerError, match="run `vbkg neo4j install`"):
        server.start(dirs)


def test_port_in_use_is_detected(free_ports):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        assert server.port_in_use(sock.getsockname()[1])
    assert not server.port_in_use(free_ports(1)[0])


def vbkg(*args: str, env: dict[str, str]):
    return CliRunner().invoke(app, list(args), env=env)


def test_cli_status_says_where_the_server_is(instance):
    result = vbkg("neo4j", "status", env={"VBKG_DATA_DIR": str(instance.dirs.data_dir)})
    pid = int(instance.dirs.pid_file.read_text())  # a test above restarts the server
    assert result.exit_code == 0
    assert f"running (pid {pid})" in result.output
    assert instance.bolt_uri in result.output and instance.browser_url in result.output
    assert str(instance.dirs.password_file) in result.output


def test_cli_install_twice_says_already_installed(tmp_path):
    result = vbkg("neo4j", "install", env={"VBKG_DATA_DIR": str(tmp_path)})
    assert result.exit_code == 0 and "Already installed" in result.output


def test_cli_errors_are_one_line_and_exit_1(tmp_path):
    result = vbkg("neo4j", "start", env={"VBKG_DATA_DIR": str(tmp_path), "VBKG_BOLT_PORT": "0x1f"})
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "error: VBKG_BOLT_PORT='0x1f' is not a TCP port number (1-65535)"]


def test_the_browser_logs_in_with_the_generated_password(instance):
    """The Browser jar (5.24, the newest on Maven Central) works with this 5.26 server."""
    from playwright.sync_api import sync_playwright

    status = server.status(instance.dirs)  # a test above restarts the server
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--headless=new"])
        page = browser.new_page()
        page.goto(status.browser_url, timeout=60_000)
        page.fill("[data-testid='boltaddress']", status.bolt_uri, timeout=60_000)
        page.fill("[data-testid='username']", "neo4j")
        page.fill("[data-testid='password']", server.read_password(instance.dirs))
        page.click("[data-testid='connect']")
        page.wait_for_selector("text=You are connected as user neo4j", timeout=60_000)
        browser.close()
