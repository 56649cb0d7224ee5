"""The managed local Neo4j: install it from Maven Central, start, stop, and say where it is.

Maven Central publishes the Neo4j Community server as jars, not as a tarball, so
`install` resolves `neo4j_dist/pom.xml` with `mvn dependency:copy-dependencies`
into one lib/ directory (the install home, shared by every data directory), and
`start` launches `org.neo4j.server.CommunityEntryPoint` from it the way the
official `neo4j console` does (same class path and arguments). Everything a
running instance writes (conf, data, logs, pid file, the generated password)
stays under one data directory. See docs/neo4j.md for why this route.
"""
from __future__ import annotations

import fcntl
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
USER = "neo4j"
DEFAULT_BOLT_PORT = 7687
DEFAULT_HTTP_PORT = 7474
JAVA_HINT = "install a Java 17 or 21 runtime (Debian: apt-get install default-jre-headless)"

# The JVM flags the stock neo4j.conf passes (server.jvm.additional) that matter
# here; -XX:+AlwaysPreTouch is left out so small machines start quickly.
JVM_OPTIONS = (
    "-Dfile.encoding=UTF-8",
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
)


class ServerError(RuntimeError):
    """A one-line, actionable reason why the managed Neo4j cannot be installed or run."""


@dataclass(frozen=True)
class Memory:
    """JVM heap and page cache sizes, in Neo4j's notation (512m, 1g)."""

    heap_initial: str = "1g"
    heap_max: str = "2g"
    pagecache: str = "1g"


# Enough for the seeds and the test suites; several such instances fit on one machine.
SMALL_MEMORY = Memory(heap_initial="512m", heap_max="1g", pagecache="256m")


@dataclass(frozen=True)
class InstallDirs:
    """Where one managed instance lives: the shared install home and its own data dir."""

    home: Path
    data_dir: Path

    @property
    def lib(self) -> Path:
        return self.home / "lib"

    @property
    def conf_dir(self) -> Path:
        return self.data_dir / "conf"

    @property
    def conf_file(self) -> Path:
        return self.conf_dir / "neo4j.conf"

    @property
    def databases(self) -> Path:
        return self.data_dir / "data"

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"

    @property
    def run(self) -> Path:
        return self.data_dir / "run"

    @property
    def pid_file(self) -> Path:
        return self.run / "neo4j.pid"

    @property
    def password_file(self) -> Path:
        return self.data_dir / "password"

    @property
    def console_log(self) -> Path:
        return self.logs / "console.log"


@dataclass(frozen=True)
class Status:
    """What `vbkg neo4j status` reports."""

    installed: bool
    running: bool
    pid: int | None
    bolt_uri: str
    browser_url: str
    dirs: InstallDirs


def dist_pom() -> Path:
    """The pom.xml shipped as package data."""
    return Path(str(files("vbkg.loaders") / "neo4j_dist" / "pom.xml"))


def neo4j_version() -> str:
    """The Neo4j version the shipped pom pins (its one source of truth)."""
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    node = ET.parse(dist_pom()).getroot().find("m:properties/m:neo4j.version", ns)
    return node.text.strip()


def default_dirs() -> InstallDirs:
    """Install home and data dir from VBKG_NEO4J_HOME / VBKG_DATA_DIR, else the defaults."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    home = os.environ.get("VBKG_NEO4J_HOME") or cache / "vbkg" / f"neo4j-{neo4j_version()}"
    data = os.environ.get("VBKG_DATA_DIR") or Path.cwd() / ".vbkg" / "neo4j"
    return InstallDirs(home=Path(home).absolute(), data_dir=Path(data).absolute())


def default_ports() -> tuple[int, int]:
    """Bolt and HTTP ports from VBKG_BOLT_PORT / VBKG_HTTP_PORT, else 7687 and 7474."""
    return (_port_from_env("VBKG_BOLT_PORT", DEFAULT_BOLT_PORT),
            _port_from_env("VBKG_HTTP_PORT", DEFAULT_HTTP_PORT))


def _port_from_env(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if not raw:
        return default
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise ServerError(f"{name}={raw!r} is not a TCP port number (1-65535)")
    return int(raw)


# -- install ---------------------------------------------------------------------

def is_installed(dirs: InstallDirs) -> bool:
    return (dirs.lib / ".complete").is_file()


def install(dirs: InstallDirs) -> bool:
    """Fetch the server jars into the install home; False when they were already there.

    Concurrent installs into one home (two test runs on a fresh machine) take turns.
    """
    if is_installed(dirs):
        return False
    _require_tool("java", JAVA_HINT)
    mvn = _require_tool("mvn", "install Maven (Debian: apt-get install maven)")
    dirs.home.mkdir(parents=True, exist_ok=True)
    with open(dirs.home / ".install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if is_installed(dirs):
            return False
        _fetch(dirs, mvn)
    return True


def _fetch(dirs: InstallDirs, mvn: str) -> None:
    """mvn copy-dependencies into lib.partial, renamed to lib only when complete."""
    pom = dirs.home / "pom.xml"
    shutil.copyfile(dist_pom(), pom)
    partial = dirs.home / "lib.partial"
    shutil.rmtree(partial, ignore_errors=True)
    cmd = [mvn, "-B", "-q", "-Dstyle.color=never", "-f", str(pom),
           "dependency:copy-dependencies", f"-DoutputDirectory={partial}"]
    proc = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if proc.returncode != 0:
        shutil.rmtree(partial, ignore_errors=True)
        raise ServerError(
            f"downloading Neo4j {neo4j_version()} from Maven Central failed "
            f"({_last_error_line(proc.stdout + proc.stderr)}); check that Maven Central is "
            "reachable (proxy settings in ~/.m2/settings.xml) and run `vbkg neo4j install` again")
    shutil.rmtree(dirs.lib, ignore_errors=True)
    partial.rename(dirs.lib)
    (dirs.lib / ".complete").write_text(neo4j_version() + "\n")


def _require_tool(name: str, how: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise ServerError(f"`{name}` is not on PATH; {how}")
    return path


def _last_error_line(output: str) -> str:
    """The first [ERROR] line of a tool's output (colour codes removed), else its first line."""
    output = re.sub(r"\x1b\[[0-9;]*m", "", output)
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line.removeprefix("[ERROR] ") for line in lines if "ERROR" in line] or lines
    return errors[0][:300] if errors else "no output"


# -- configuration and password --------------------------------------------------

def write_config(dirs: InstallDirs, bolt_port: int, http_port: int, memory: Memory) -> None:
    """(Re)generate neo4j.conf: loopback only, these ports, every directory under the data dir."""
    dirs.conf_dir.mkdir(parents=True, exist_ok=True)
    settings = {
        "server.default_listen_address": "127.0.0.1",
        "server.default_advertised_address": "127.0.0.1",
        "server.bolt.enabled": "true",
        "server.bolt.listen_address": f"127.0.0.1:{bolt_port}",
        "server.bolt.advertised_address": f"127.0.0.1:{bolt_port}",
        "server.http.enabled": "true",
        "server.http.listen_address": f"127.0.0.1:{http_port}",
        "server.http.advertised_address": f"127.0.0.1:{http_port}",
        "server.https.enabled": "false",
        "server.directories.data": dirs.databases,
        "server.directories.logs": dirs.logs,
        "server.directories.run": dirs.run,
        "server.directories.plugins": dirs.data_dir / "plugins",
        "server.directories.import": dirs.data_dir / "import",
        "server.directories.lib": dirs.lib,
        "server.memory.heap.initial_size": memory.heap_initial,
        "server.memory.heap.max_size": memory.heap_max,
        "server.memory.pagecache.size": memory.pagecache,
        "dbms.usage_report.enabled": "false",
        # `:style`/`:play` of the web app's files from either loopback name (docs/browser.md);
        # Neo4j 5.26 still spells it "whitelist" (the docs' "allowlist" is refused)
        "browser.remote_content_hostname_whitelist": "localhost,127.0.0.1,guides.neo4j.com",
        "dbms.security.allow_csv_import_from_file_urls": "false",  # no LOAD CSV of files
    }
    body = "".join(f"{key}={value}\n" for key, value in settings.items())
    dirs.conf_file.write_text(
        "# Generated by `vbkg neo4j start` on every start; set VBKG_BOLT_PORT,\n"
        "# VBKG_HTTP_PORT, VBKG_NEO4J_HEAP, VBKG_NEO4J_PAGECACHE instead of editing.\n" + body)


def configured_ports(dirs: InstallDirs) -> tuple[int, int] | None:
    """The Bolt and HTTP ports in the generated neo4j.conf, if there is one."""
    conf = _configuration(dirs)
    if conf is None:
        return None
    return (int(conf["server.bolt.listen_address"].rsplit(":", 1)[1]),
            int(conf["server.http.listen_address"].rsplit(":", 1)[1]))


def restart(dirs: InstallDirs) -> Status:
    """Start the server again as it last ran: its ports and memory from neo4j.conf."""
    conf = _configuration(dirs)
    if conf is None:
        return start(dirs)
    memory = Memory(heap_initial=conf["server.memory.heap.initial_size"],
                    heap_max=conf["server.memory.heap.max_size"],
                    pagecache=conf["server.memory.pagecache.size"])
    return start(dirs, *configured_ports(dirs), memory=memory)


def _configuration(dirs: InstallDirs) -> dict[str, str] | None:
    if not dirs.conf_file.is_file():
        return None
    return dict(line.split("=", 1) for line in dirs.conf_file.read_text().splitlines()
                if "=" in line and not line.startswith("#"))


def read_password(dirs: InstallDirs) -> str | None:
    """The generated password of the `neo4j` user, or None before the first start."""
    if not dirs.password_file.is_file():
        return None
    return dirs.password_file.read_text().strip()


def new_password() -> str:
    """A random password that no command line can take for an option (it never opens
    with "-", as a bare token_urlsafe does one time in 64)."""
    return "v" + secrets.token_urlsafe(18)


def _ensure_password(dirs: InstallDirs) -> str:
    """Set the password before the database first starts; the file (mode 600) is written
    only once neo4j-admin has accepted it, so a failure leaves nothing to trip on later."""
    password = read_password(dirs)
    if not (dirs.databases / "databases" / "system").exists():
        password = password or new_password()
        _admin(dirs, "dbms", "set-initial-password", "--", password)  # "--": never an option
        dirs.data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(dirs.password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(password + "\n")
        os.chmod(dirs.password_file, 0o600)
    elif password is None:
        raise ServerError(f"{dirs.data_dir} holds a database but no password file; "
                          "delete the data dir to start afresh")
    return password


def _admin(dirs: InstallDirs, *args: str) -> None:
    """Run a neo4j-admin command (the same AdminTool class the script runs) on this instance."""
    env = {**os.environ, "NEO4J_HOME": str(dirs.home), "NEO4J_CONF": str(dirs.conf_dir)}
    proc = subprocess.run(
        ["java", "-cp", f"{dirs.lib}/*", ADMIN_TOOL, *args],
        env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if proc.returncode != 0:
        raise ServerError(f"neo4j-admin {args[0]} {args[1]} failed: "
                          f"{_last_error_line(proc.stdout + proc.stderr)}")


def import_database(dirs: InstallDirs, nodes: list[Path], relationships: list[Path],
                    report: Path, array_delimiter: str) -> None:
    """Replace the stopped server's `neo4j` database with CSV files (`neo4j-admin database
    import full`): strict, so a bad row or a dangling relationship aborts the import."""
    if running_pid(dirs) is not None:
        raise ServerError("the server must be stopped before `neo4j-admin database import`")
    _admin(dirs, "database", "import", "full", "neo4j", "--overwrite-destination",
           *(f"--nodes={path}" for path in nodes),
           *(f"--relationships={path}" for path in relationships),
           "--multiline-fields=true", f"--array-delimiter=U+{ord(array_delimiter):04X}",
           "--bad-tolerance=0", "--skip-bad-relationships=false",
           "--skip-duplicate-nodes=false", f"--report-file={report}")


# -- process ---------------------------------------------------------------------

def running_pid(dirs: InstallDirs) -> int | None:
    """The pid of this data dir's server if it is alive (the pid file may be stale)."""
    try:
        pid = int(dirs.pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except (FileNotFoundError, ProcessLookupError):
        return None
    mine = f"--config-dir={dirs.conf_dir}".encode()
    return pid if ENTRY_POINT.encode() in cmdline and mine in cmdline else None


def port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def status(dirs: InstallDirs) -> Status:
    """Running: the ports in its neo4j.conf; stopped: the ports the next start will use."""
    pid = running_pid(dirs)
    bolt_port, http_port = (configured_ports(dirs) if pid else None) or default_ports()
    return Status(installed=is_installed(dirs), running=pid is not None, pid=pid,
                  bolt_uri=f"bolt://127.0.0.1:{bolt_port}",
                  browser_url=f"http://127.0.0.1:{http_port}/browser/", dirs=dirs)


def start(dirs: InstallDirs, bolt_port: int | None = None, http_port: int | None = None,
          memory: Memory | None = None, timeout: float = 180.0) -> Status:
    """Start the server (a no-op when it runs) and wait until Bolt and HTTP answer.

    Concurrent starts of one data dir (parallel CLI commands) wait on a lock, so
    that one JVM starts and the others return once its Bolt answers.
    """
    if not is_installed(dirs):
        raise ServerError(f"Neo4j is not installed in {dirs.home}; run `vbkg neo4j install`")
    dirs.run.mkdir(parents=True, exist_ok=True)
    with open(dirs.run / "start.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if running_pid(dirs) is not None:
            return status(dirs)
        return _launch(dirs, bolt_port, http_port, memory or default_memory(), timeout)


def _launch(dirs: InstallDirs, bolt_port: int | None, http_port: int | None, memory: Memory,
            timeout: float) -> Status:
    _require_tool("java", JAVA_HINT)
    env_bolt, env_http = default_ports()
    bolt_port, http_port = bolt_port or env_bolt, http_port or env_http
    for port, var in ((bolt_port, "VBKG_BOLT_PORT"), (http_port, "VBKG_HTTP_PORT")):
        if port_in_use(port):
            raise ServerError(f"port {port} on 127.0.0.1 is in use; stop what listens there "
                              f"or choose another port with {var}")
    write_config(dirs, bolt_port, http_port, memory)
    password = _ensure_password(dirs)
    dirs.logs.mkdir(parents=True, exist_ok=True)
    cmd = ["java", "-cp", f"{dirs.conf_dir}/*:{dirs.lib}/*",
           f"-Xms{memory.heap_initial}", f"-Xmx{memory.heap_max}", *JVM_OPTIONS, ENTRY_POINT,
           f"--home-dir={dirs.home}", f"--config-dir={dirs.conf_dir}", "--console-mode"]
    with open(dirs.console_log, "ab") as log:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                start_new_session=True, cwd=dirs.data_dir)
    dirs.pid_file.write_text(f"{proc.pid}\n")
    _wait_until_ready(dirs, proc, bolt_port, http_port, password, timeout)
    return status(dirs)


def default_memory() -> Memory:
    """Heap and page cache from VBKG_NEO4J_HEAP (max heap) / VBKG_NEO4J_PAGECACHE."""
    heap = os.environ.get("VBKG_NEO4J_HEAP")
    base = Memory()
    return Memory(heap_initial=heap or base.heap_initial, heap_max=heap or base.heap_max,
                  pagecache=os.environ.get("VBKG_NEO4J_PAGECACHE") or base.pagecache)


def _wait_until_ready(dirs: InstallDirs, proc: subprocess.Popen, bolt_port: int, http_port: int,
                      password: str, timeout: float) -> None:
    """Poll until Bolt answers with the password and HTTP (the Browser) accepts connections;
    HTTP comes up a few seconds after Bolt."""
    uri = f"bolt://127.0.0.1:{bolt_port}"
    deadline = time.monotonic() + timeout
    with GraphDatabase.driver(uri, auth=(USER, password)) as driver:
        while True:
            if proc.poll() is not None:
                dirs.pid_file.unlink(missing_ok=True)
                raise ServerError(f"Neo4j exited with code {proc.returncode} while starting: "
                                  f"{_failure_reason(dirs)}")
            try:
                driver.verify_connectivity()
                socket.create_connection(("127.0.0.1", http_port), timeout=2).close()
                return
            except AuthError as exc:
                stop(dirs)
                raise ServerError(f"Neo4j started but rejects the password in "
                                  f"{dirs.password_file}: {exc.message}") from exc
            except (ServiceUnavailable, OSError):
                pass
            if time.monotonic() > deadline:
                stop(dirs)
                raise ServerError(f"Neo4j on {uri} (HTTP port {http_port}) did not answer "
                                  f"within {timeout:.0f}s; see {dirs.logs / 'neo4j.log'}")
            time.sleep(0.5)


def _failure_reason(dirs: InstallDirs) -> str:
    """The most telling line of the logs of a server that died while starting."""
    for log in (dirs.logs / "neo4j.log", dirs.console_log):
        if log.is_file():
            lines = log.read_text(errors="replace").splitlines()
            errors = [line for line in lines if "ERROR" in line or "Exception" in line]
            if errors:
                return f"{errors[-1].strip()[:300]} (see {log})"
    return f"see {dirs.console_log}"


def stop(dirs: InstallDirs, timeout: float = 60.0) -> bool:
    """Stop the server gracefully (SIGTERM, then SIGKILL after timeout); False if not running."""
    pid = running_pid(dirs)
    if pid is None:
        dirs.pid_file.unlink(missing_ok=True)
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _alive(pid):
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            deadline = float("inf")
        time.sleep(0.2)
    dirs.pid_file.unlink(missing_ok=True)
    return True


def _alive(pid: int) -> bool:
    """True while any thread of the process runs (the JVM's main thread may exit first)."""
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except (FileNotFoundError, ProcessLookupError):
        return False
    return any(_task_state(task) not in ("Z", "X", None) for task in tasks)


def _task_state(task: Path) -> str | None:
    try:
        return (task / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return None
