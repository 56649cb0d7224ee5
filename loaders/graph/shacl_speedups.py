"""Two patches that make validation with SPARQL-based shapes over 20x faster, installed by
`graph/shacl.py` where validation starts (`install_speedups`), never at import.

Both work around per-focus-node work upstream whose result depends only on the query
text (rdflib 7.6, pySHACL 0.40; tests/unit/test_shacl_speedups.py counts the calls, with
and without, so a release that stops repeating the work shows up there):

- rdflib's `SPARQLProcessor.query` (rdflib/plugins/sparql/processor.py) parses and
  translates a query given as text on every call, and pySHACL's SPARQL constraints
  (pyshacl/constraints/sparql/) call `graph.query(text, initBindings=…)` once per focus
  node: 90 % of validation time was re-parsing the shapes' few queries.
- pySHACL's `SPARQLQueryHelper.check_invalid_sparql` (pyshacl/helper/sparql_query_helper.py)
  runs ten regular expressions over the query text before every focus node (12 %).
"""
from __future__ import annotations

from functools import lru_cache

from pyshacl.helper.sparql_query_helper import SPARQLQueryHelper
from rdflib.plugins.sparql import processor as sparql_processor


def install_speedups() -> None:
    """Install both patches in this process (again is a no-op)."""
    _reuse_parsed_queries()
    _check_each_query_once()


def _reuse_parsed_queries() -> None:
    """Parse each SPARQL text once per process instead of once per focus node: the parsed
    algebra does not depend on the bindings, so it is cached."""
    original = sparql_processor.SPARQLProcessor.query
    if getattr(original, "vbkg_cached", False):
        return

    @lru_cache(maxsize=512)
    def prepared(text: str, base: str | None, namespaces: tuple):
        parsed = sparql_processor.parseQuery(text)
        return sparql_processor.translateQuery(parsed, base, dict(namespaces))

    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803
        if isinstance(strOrQuery, str):
            strOrQuery = prepared(strOrQuery, base, tuple(sorted((initNs or {}).items())))
        return original(self, strOrQuery, initBindings, initNs, base, DEBUG)

    query.vbkg_cached = True
    sparql_processor.SPARQLProcessor.query = query


def _check_each_query_once() -> None:
    """Check a SPARQL constraint's text for forbidden clauses once, not once per focus node:
    the verdict depends only on the text and on which variables may be pre-bound, so a
    passed check is remembered."""
    original = SPARQLQueryHelper.check_invalid_sparql
    if getattr(original, "vbkg_cached", False):
        return
    passed: set = set()

    def check(self, sparql_text, valuenode=None, extravars=None):
        key = (sparql_text, valuenode is not None, frozenset(extravars or ()))
        if key not in passed:
            original(self, sparql_text, valuenode, extravars)
            passed.add(key)
        return True

    check.vbkg_cached = True
    SPARQLQueryHelper.check_invalid_sparql = check
