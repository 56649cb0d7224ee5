"""`vbkg validate` and `vbkg export` on record files, as a user runs them."""
import json
from pathlib import Path

import pytest
from download_folder import assert_one_line_per_bad_file, download_folder
from rdflib import PROV, RDF, Graph, URIRef
from shared_paths import GOLD
from typer.testing import CliRunner
from vbkg.loaders.cli.app import app

GOLD_RECORDS = [str(p) for p in sorted(GOLD.glob("*.json"))]
runner = CliRunner()


@pytest.fixture
def broken_record(tmp_path: Path) -> Path:
    """Gold 003 with two extraction errors: a task nobody leads, a parent dated later."""
    record = json.loads(next(GOLD.glob("003_*.json")).read_text(encoding="utf-8"))
    record["tasks"][0]["chu_tri"] = []
    record["references"][1]["ngay_ban_hanh"] = "2018-01-01"
    record["references"][1]["evidence"] = {"start": 900, "end": 960, "rule": "preamble",
                                           "quote": "Thực hiện Chương trình số 01-CTr/TU"}
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return path


def test_gold_records_validate_clean():
    result = runner.invoke(app, ["validate", *GOLD_RECORDS, "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert "5 documents, 5 without violations, 0 violations" in result.output


def test_report_groups_violations_by_document_with_evidence(broken_record):
    result = runner.invoke(app, ["validate", str(broken_record), GOLD_RECORDS[0]])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("003_327d61877dd096d8.txt  P|Thành phố Hà Nội|TU|NQ|15|2015-2020")
    assert "trước văn bản mà nó thực hiện (ngày 2018-01-01)" in result.output
    assert "Nhiệm vụ không có cơ quan chủ trì" in result.output
    assert "“Thực hiện Chương trình số 01-CTr/TU”" in result.output
    assert "000_80787e15ab390cc6.txt" not in result.output
    assert lines[-1] == "2 documents, 1 without violations, 2 violations"


def test_english_messages_on_request(broken_record):
    result = runner.invoke(app, ["validate", str(broken_record), "--lang", "en"])
    assert "Obligation has no leading body" in result.output


def test_json_report(broken_record):
    result = runner.invoke(app, ["validate", str(broken_record), "--json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["violations"] == 2
    (document,) = report["documents"]
    shapes = {v["shape"]: v for v in document["violations"]}
    assert set(shapes) == {"ImplementsLaterShape", "ObligationBearerShape"}
    later = shapes["ImplementsLaterShape"]
    assert later["path"] == "vbkg:thucHien"
    assert later["value"] == "doc/P|Thành phố Hà Nội|TU|CTr|1|2015-2020"
    assert later["evidence"]["quote"] == "Thực hiện Chương trình số 01-CTr/TU"
    assert set(later["message"]) == {"vi", "en"}


def test_a_missing_path_exits_2_and_a_broken_record_1_naming_the_file(tmp_path):
    missing = runner.invoke(app, ["validate", str(tmp_path / "nope.json")])
    assert missing.exit_code == 2
    assert "nope.json: no such file or folder" in missing.output
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    broken = runner.invoke(app, ["validate", str(bad), GOLD_RECORDS[0]])
    assert broken.exit_code == 1
    assert "bad.json: not a JSON record" in broken.output
    assert "1 documents validated, 1 inputs failed" in broken.output


@pytest.mark.parametrize("fmt, rdflib_format", [("ttl", "turtle"), ("nt", "nt"),
                                                ("jsonld", "json-ld")])
def test_export_writes_the_graph_in_each_syntax(fmt, rdflib_format, tmp_path):
    out = tmp_path / f"graph.{fmt}"
    records = [*GOLD_RECORDS, "--no-succession"]  # the syntaxes, on the records alone
    result = runner.invoke(app, ["export", *records, "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(out, format=rdflib_format)
    reference = Graph().parse(data=runner.invoke(app, ["export", *records]).output,
                              format="turtle")
    assert len(graph) == len(reference) > 2000


def test_record_that_cannot_be_mapped_exits_1_naming_its_source(tmp_path):
    record = {"source": "x.txt", "document": {"loai": "KeHoach", "so_hieu": "1-KH/TU"},
              "tasks": [], "references": [{"relation": "sua_doi", "so_hieu": "2-NQ/TU"}]}
    path = tmp_path / "x.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert "x.txt: cannot map record to RDF" in result.output


def test_reference_naming_no_document_is_skipped_and_the_record_still_validated(tmp_path, caplog):
    record = {"source": "x.txt", "document": {"loai": "KeHoach"}, "tasks": [],
              "references": [{"relation": "thuc_hien", "loai": "NghiQuyet"}]}
    path = tmp_path / "x.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path), "--json", "--lang", "en"])
    assert result.exit_code == 0  # an issuer not read is a warning, not a violation
    assert any(r.getMessage().startswith("x.txt: skipped a reference with no số hiệu, số")
               for r in caplog.records)
    assert "DocumentIssuerShape" in result.output


def test_validate_a_download_folder_reports_each_bad_file_and_checks_the_rest(tmp_path):
    folder = download_folder(tmp_path / "downloads")
    result = runner.invoke(app, ["validate", str(folder), "--jobs", "1"])
    assert result.exit_code == 1
    assert_one_line_per_bad_file(result.output)
    assert "5 documents validated, 4 inputs failed" in result.output


def test_export_a_download_folder_exports_the_seeds_and_names_each_bad_file(tmp_path):
    folder = download_folder(tmp_path / "downloads")
    out = tmp_path / "g.ttl"
    result = runner.invoke(app, ["export", str(folder), "--no-succession", "-o", str(out)])
    assert result.exit_code == 1
    assert_one_line_per_bad_file(result.output)
    sources = {str(o) for o in Graph().parse(out).objects(None, PROV.wasDerivedFrom)
               if "data%2F" not in str(o)}  # the hierarchy rules cite their data file
    assert len(sources) == 5, sources


def test_export_carries_the_succession_of_bodies_unless_told_not_to(tmp_path):
    out, bare = tmp_path / "with.ttl", tmp_path / "without.ttl"
    assert runner.invoke(app, ["export", *GOLD_RECORDS, "-o", str(out)]).exit_code == 0
    assert runner.invoke(app, ["export", *GOLD_RECORDS, "--no-succession", "-o",
                               str(bare)]).exit_code == 0
    org = "http://www.w3.org/ns/org#"
    graph, without = Graph().parse(out), Graph().parse(bare)
    changes = set(graph.subjects(RDF.type, URIRef(org + "ChangeEvent")))
    assert len(changes) > 1000
    assert not set(without.subjects(RDF.type, URIRef(org + "ChangeEvent")))
    assert (None, URIRef("https://vbkg.org/ontology#keThua"), None) in graph
