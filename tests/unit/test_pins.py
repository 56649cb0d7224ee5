"""Installs are reproducible: every Python package and the Maven plugin at a pinned version."""
import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).parents[2]
POM = {"m": "http://maven.apache.org/POM/4.0.0"}


def pins() -> dict[str, str]:
    lines = (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines()
    found = [line.split("==") for line in lines if line and not line.startswith("#")]
    assert all(len(pin) == 2 for pin in found), "constraints.txt: one name==version a line"
    return {re.sub(r"[-_.]+", "-", name).lower(): version for name, version in found}


def test_every_dependency_and_test_tool_is_pinned_by_the_constraints_the_makefile_uses():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["test"]
    names = {re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9_.-]+", d)[0]).lower() for d in wanted}
    assert names - set(pins()) == set()
    assert "-c constraints.txt" in (REPO / "Makefile").read_text(encoding="utf-8")


def test_the_maven_plugin_is_pinned():
    pom = ET.parse(REPO / "loaders" / "neo4j_dist" / "pom.xml")
    plugins = {p.findtext("m:artifactId", namespaces=POM): p.findtext("m:version", namespaces=POM)
               for p in pom.iterfind(".//m:build/m:plugins/m:plugin", POM)}
    assert re.fullmatch(r"\d+(\.\d+)+", plugins.get("maven-dependency-plugin") or "")
