"""Every evidence `rule` is a constant of extract/rules.py, written literally once (issue 10):
grepping a rule seen in the graph lands on the one place that names it."""
import ast

import pytest
from shared_paths import CORPUS, REPO, SHARED, required
from vbkg.loaders.extract import extract, rules
from vbkg.loaders.read.inputs import SOURCE_SUFFIXES, input_files
from vbkg.loaders.read.source import read_path

REGISTRY = {v for k, v in vars(rules).items() if k.isupper() and isinstance(v, str)}


def _rules_in(node, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        if isinstance(node.get("rule"), str):
            found.add(node["rule"])
        for value in node.values():
            _rules_in(value, found)
    elif isinstance(node, list):
        for value in node:
            _rules_in(value, found)
    return found


@pytest.mark.parametrize("folder", [REPO / "examples" / "seeds", CORPUS, SHARED / "corpus2"],
                         ids=["seeds", "corpus", "corpus2"])
def test_every_rule_in_the_records_is_in_the_registry(folder):
    found: set[str] = set()
    for path in input_files([required(folder)], SOURCE_SUFFIXES):
        _rules_in(extract(read_path(path)), found)
    assert found, f"no rule in the records of {folder}"
    assert found <= REGISTRY, found - REGISTRY


def _literals(tree: ast.AST) -> list[str]:
    """The string literals of a module that are values, not a data table's key or file name
    (`press["directive"]`, `load("signature")` name data, never a rule)."""
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript):
            skipped.add(id(node.slice))
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "load":
            skipped.update(id(a) for a in node.args)
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in skipped]


def test_each_rule_is_written_once_in_loaders():
    written = {value: [] for value in REGISTRY}
    for path in (REPO / "loaders").rglob("*.py"):
        for value in _literals(ast.parse(path.read_text(encoding="utf-8"))):
            if value in written:
                written[value].append(str(path.relative_to(REPO)))
    assert {v: w for v, w in written.items() if w != ["loaders/extract/rules.py"]} == {}


def test_a_reference_rule_names_how_it_was_found_and_its_relation():
    for found_by in (rules.BY_NUMBER, rules.BY_BARE_NUMBER, rules.BY_NAME):
        assert all(rule.endswith("." + relation) for relation, rule in found_by.items())
