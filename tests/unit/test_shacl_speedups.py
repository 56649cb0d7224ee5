"""graph/shacl_speedups: the patches are installed where validation starts, change no
result, and are still needed — upstream still parses and checks each SPARQL query once per
focus node (counted with and without them; a ratio, not a timing)."""
import json
import subprocess
import sys

from shared_paths import REPO

# Validates a few gold records in a fresh process, counting rdflib's query parses and
# pySHACL's query checks (one document implements itself: a violation to find);
# argv[1] "without" keeps validate_graph from installing the patches.
SCRIPT = r"""
import json, sys
from pathlib import Path
from pyshacl.helper.sparql_query_helper import SPARQLQueryHelper
from rdflib.plugins.sparql import processor
from vbkg.loaders.graph import shacl
from vbkg.loaders.graph.rdf import VBKG, document_iri_of, new_graph, record_to_graph

calls = {"parse": 0, "check": 0}
parse, check = processor.parseQuery, SPARQLQueryHelper.check_invalid_sparql
def counted_parse(*args, **kwargs):
    calls["parse"] += 1
    return parse(*args, **kwargs)
def counted_check(*args, **kwargs):
    calls["check"] += 1
    return check(*args, **kwargs)
processor.parseQuery = counted_parse
SPARQLQueryHelper.check_invalid_sparql = counted_check
if sys.argv[1] == "without":
    shacl.install_speedups = lambda: None
graph = new_graph()
for path in sorted(Path(sys.argv[2]).glob("*.json"))[:3]:
    record = json.loads(path.read_text(encoding="utf-8"))
    record_to_graph(record, graph)
doc = document_iri_of(record)
graph.add((doc, VBKG.thucHien, doc))  # a cycle, for the SPARQL shapes to find
found = shacl.validate_graph(graph)
calls["installed"] = getattr(processor.SPARQLProcessor.query, "vbkg_cached", False)
calls["violations"] = sorted(json.dumps(v.to_json(), sort_keys=True) for v in found)
print(json.dumps(calls))
"""


def run(mode: str) -> dict:
    gold = REPO / "tests" / "corpus_gold"
    done = subprocess.run([sys.executable, "-c", SCRIPT, mode, str(gold)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_validation_installs_the_patches_which_still_save_most_parses_and_checks():
    without, with_ = run("without"), run("with")
    assert (without["installed"], with_["installed"]) == (False, True)
    assert with_["violations"] == without["violations"] != []
    assert with_["parse"] >= 1 and with_["check"] >= 1
    assert without["parse"] >= 5 * with_["parse"]
    assert without["check"] >= 5 * with_["check"]
