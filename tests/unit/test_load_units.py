"""load.units / load.prepare: a .jsonl is cut into chunks of CHUNK lines; one bad line is
one error, and the rest of its chunk still loads."""
import importlib.util
import json
import sys
from pathlib import Path

from shared_paths import GOLD, required
from vbkg.loaders import load
from vbkg.loaders.load import CHUNK, Unit, prepare, units

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "gen_corpus.py"
spec = importlib.util.spec_from_file_location("gen_corpus", SCRIPT)
gen_corpus = importlib.util.module_from_spec(spec)
sys.modules.setdefault("gen_corpus", gen_corpus)
spec.loader.exec_module(gen_corpus)


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def record_lines(n: int) -> list[str]:
    records = gen_corpus.records(max(n, 10), seed=5, with_text=False)
    lines = [json.dumps(r, ensure_ascii=False) for r in records][:n]
    assert len(lines) == n
    return lines


def test_600_records_make_three_units_the_last_one_marked(tmp_path):
    assert CHUNK == 256
    path = write_jsonl(tmp_path / "r.jsonl", record_lines(600))
    got = list(units([path]))
    assert [len(u.lines) for u in got] == [256, 256, 88]
    assert [u.last for u in got] == [False, False, True]
    assert all(u.path == path and u.error is None for u in got)
    numbers = [n for u in got for n, _ in u.lines]
    assert numbers == list(range(1, 601))  # line numbers of the file, in order, none lost


def test_other_inputs_are_one_unit_each_and_chunks_follow_input_order(tmp_path):
    gold = sorted(required(GOLD).glob("*.json"))[0]
    jsonl = write_jsonl(tmp_path / "r.jsonl", record_lines(3))
    got = list(units([gold, jsonl, gold]))
    assert [(u.path, u.lines is None, u.last) for u in got] == [
        (gold, True, True), (jsonl, False, True), (gold, True, True)]


def test_blank_lines_are_skipped_and_keep_the_numbering(tmp_path):
    first, second = record_lines(2)
    path = write_jsonl(tmp_path / "r.jsonl", ["", first, "   ", "", second, ""])
    (unit,) = units([path])
    assert [n for n, _ in unit.lines] == [2, 5]
    rows, errors, _ = prepare(unit, validate=False)
    assert errors == [] and len(rows) == 2


def test_exactly_one_full_chunk_is_one_unit(tmp_path):
    path = write_jsonl(tmp_path / "r.jsonl", record_lines(CHUNK) + [""])
    got = list(units([path]))
    assert [(len(u.lines), u.last) for u in got] == [(CHUNK, True)]


def test_a_malformed_line_is_one_error_and_its_chunk_still_loads(tmp_path):
    lines = record_lines(5)
    lines[2] = '{"document": {"so_hieu": '  # cut short
    lines.insert(4, '["not", "a", "record"]')
    path = write_jsonl(tmp_path / "r.jsonl", lines)
    (unit,) = units([path])
    rows, errors, refused = prepare(unit, validate=False)
    assert len(errors) == 2
    assert errors[0].startswith(f"{path}:3: not a JSON record")
    assert errors[1].startswith(f"{path}:5: not a record")
    assert len(rows) == 4 and refused == []
    sources = {s for r in rows for d in r.documents() for s in d.sources}
    expected = {json.loads(lines[i])["source"] for i in (0, 1, 3, 5)}
    assert sources == expected


def test_a_jsonl_that_is_not_utf8_is_one_error_unit_naming_the_file(tmp_path):
    path = tmp_path / "latin.jsonl"
    path.write_bytes(record_lines(1)[0].encode("utf-8") + b"\n" +
                     "{\"source\": \"Nghị quyết\"}\n".encode("cp1258", errors="replace") +
                     b"\xff\xfe\n")
    got = list(units([path]))
    assert len(got) == 1
    (unit,) = got
    assert unit.error and str(path) in unit.error and unit.lines is None
    rows, errors, refused = prepare(unit, validate=False)
    assert (rows, errors, refused) == ([], [unit.error], [])


def test_an_error_unit_reaches_the_report_once(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"\xff\n")
    report = load.LoadReport()
    heard = []
    docs = list(load.documents([path], report, on_file=heard.append))
    assert docs == [] and len(report.errors) == 1 and str(path) in report.errors[0]
    assert heard == [path]
    assert Unit(path).last is True
