"""The query library's files and parameter handling (no server)."""
import re

import pytest
from vbkg.loaders.cli.query import parse_params
from vbkg.loaders.store import queries
from vbkg.loaders.store.queries import QueryError

# The table of docs/architecture.md: every named question must exist with these parameters.
ARCHITECTURE = {
    "who_implements": {"soHieu", "diaBan", "keThua"},
    "implements_chain": {"key", "soHieu", "keThua"},
    "implementation_tree": {"key", "soHieu"},
    "body_obligations": {"ten", "diaBan", "keThua", "limit"},
    "implementation_gaps": {"diaBan", "keThua", "limit"},
    "reports_owed": {"ten", "diaBan", "limit"},
    "citing_documents": {"soHieu", "diaBan"},
    "missing_documents": {"diaBan", "limit"},
    "body_profile": {"ten", "diaBan", "keThua"},
    "successors": {"ten", "diaBan"},
    "document": {"key", "soHieu"},
    "document_obligations": {"key"},
    "search": {"q", "limit", "loai", "coQuan", "diaBan", "nam"},
    "documents_by_number": {"fragment", "limit"},
    "counts": set(),
}


@pytest.mark.parametrize("name", sorted(ARCHITECTURE))
def test_architecture_queries_exist_with_their_parameters(name):
    query = queries.load(name)
    assert {p.name for p in query.params} == ARCHITECTURE[name]


@pytest.mark.parametrize("name", queries.names())
def test_every_query_uses_exactly_its_declared_parameters(name):
    query = queries.load(name)
    body = "\n".join(line for line in query.text.splitlines() if not line.startswith("//"))
    used = set(re.findall(r"\$(\w+)", body))
    assert used == {p.name for p in query.params}
    assert query.purpose and query.example.startswith("vbkg query ")


def test_positional_value_fills_the_main_parameter_and_hyphens_are_accepted():
    query = queries.load("who-implements")
    assert query.bind({}, "05-NQ/TU") == {"soHieu": "05-NQ/TU", "diaBan": None, "keThua": False}


@pytest.mark.parametrize(("given", "bound"), [("true", True), ("True", True), ("1", True),
                                              ("false", False), ("0", False), ("no", False)])
def test_a_bool_parameter_reads_true_and_false(given, bound):
    query = queries.load("body_obligations")
    assert query.bind({"ten": "Sở Nội vụ", "diaBan": "Tỉnh Nghệ An", "keThua": given})[
        "keThua"] is bound


def test_values_are_converted_and_defaults_applied():
    query = queries.load("search")
    assert query.bind({"limit": "5"}, "chuyển đổi số") == {
        "q": "chuyển đổi số", "limit": 5, "loai": None, "coQuan": None, "diaBan": None,
        "nam": None}
    assert query.bind({"q": "x"})["limit"] == 20


@pytest.mark.parametrize(("name", "values", "positional", "message"), [
    ("body_obligations", {"ten": "Sở Nội vụ"}, None, "needs parameter diaBan"),
    ("who_implements", {"soHieu": "1", "nam": "2"}, None, "has no parameter nam"),
    ("search", {"limit": "ten"}, "x", "must be int"),
    ("body_profile", {"ten": "x", "diaBan": "y", "keThua": "maybe"}, None, "must be bool"),
    ("counts", {}, "x", "takes no positional value"),
    ("who_implements", {"soHieu": "1"}, "2", "given twice"),
])
def test_bad_parameters_get_a_one_line_error(name, values, positional, message):
    with pytest.raises(QueryError, match=message):
        queries.load(name).bind(values, positional)


def test_unknown_query_names_the_known_ones():
    with pytest.raises(QueryError, match="who_implements"):
        queries.load("who-implement")


def test_header_without_example_is_refused():
    with pytest.raises(QueryError, match="Example"):
        queries.parse("x", "// Purpose: nothing\nRETURN 1\n")


def test_cli_params_split_on_the_first_equals_sign():
    assert parse_params(["q=a=b", "diaBan=Tỉnh Nghệ An"]) == {"q": "a=b",
                                                              "diaBan": "Tỉnh Nghệ An"}
    with pytest.raises(QueryError, match="NAME=VALUE"):
        parse_params(["diaBan"])
