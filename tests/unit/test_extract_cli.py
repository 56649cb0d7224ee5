"""`vbkg extract`: one record per file, a one-line error per bad file, exit status, scores."""

import json

from extract_fixtures import CORPUS, SEEDS
from rich.console import Console
from shared_paths import GOLD, load_scorer
from typer.testing import CliRunner
from vbkg.loaders.cli.app import app
from vbkg.loaders.cli.extract import PARALLEL_FROM, extract_file, run
from vbkg.loaders.read.inputs import SOURCE_SUFFIXES, input_files

runner = CliRunner()


def test_every_corpus_and_seed_file_gives_a_record_without_raising():
    files = input_files([SEEDS, CORPUS], SOURCE_SUFFIXES)
    assert len(files) >= 14
    check = load_scorer().check_record
    for path in files:
        name, record, error = extract_file(path)
        assert error is None, error
        check(record)  # the scorer accepts its shape
        for item in [record["document"], *record["references"], *record["tasks"]]:
            ev = item.get("evidence") if item else None
            if ev:
                assert record["text"][ev["start"] : ev["end"]] == ev["quote"], name


def test_writes_one_record_per_file_and_links_copies(tmp_path):
    result = runner.invoke(app, ["extract", str(SEEDS), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(p.with_suffix(".json").name for p in SEEDS.glob("*.txt"))
    first = json.loads((tmp_path / "000_80787e15ab390cc6.json").read_text(encoding="utf-8"))
    assert first["source"] == "000_80787e15ab390cc6.txt"
    assert first["same_as"] == ["002_1b3a01f0590b9bf1.txt"]
    lines = result.stdout.splitlines()
    assert any(
        line.startswith("000_80787e15ab390cc6.txt  KeHoach 88-KH/TU  refs 2  tasks ")
        for line in lines
    )


def test_bad_file_is_reported_on_one_line_and_the_batch_continues(tmp_path):
    bad = tmp_path / "in" / "broken.txt"
    bad.parent.mkdir()
    bad.write_bytes(b"\x00\x01\x02\x03" * 200)
    empty = tmp_path / "in" / "empty.txt"
    empty.write_bytes(b"")
    good = SEEDS / "003_327d61877dd096d8.txt"
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(bad), str(good), str(empty), "--out", str(out)])
    assert result.exit_code == 1
    assert [p.name for p in out.iterdir()] == ["003_327d61877dd096d8.json"]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert len(errors) == 2
    assert any("broken.txt" in line for line in errors) and any(
        "empty.txt" in line for line in errors
    )


def test_jsonl_output_scores_on_the_seeds(tmp_path):
    target = tmp_path / "seeds.jsonl"
    result = runner.invoke(app, ["extract", str(SEEDS), "--jsonl", str(target)])
    assert result.exit_code == 0, result.output
    score = load_scorer()
    report = score.score(score.load_records([GOLD]), score.load_records([target]))
    f1 = {name: m["f1"] for name, m in report["dimensions"].items()}
    for name in (
        "document.loai",
        "document.so_hieu",
        "document.ngay_ban_hanh",
        "document.co_quan_ban_hanh",
        "document.nguoi_ky.ho_ten",
        "implements",
        "same_as",
    ):
        assert f1[name] == 1.0, (name, report["errors"].get(name))
    assert f1["references"] >= 0.95


def test_needs_an_output():
    result = runner.invoke(app, ["extract", str(SEEDS)])
    assert result.exit_code != 0


def test_process_pool_gives_the_same_records_as_one_process(tmp_path):
    files = []
    for i in range(PARALLEL_FROM):
        source = sorted(SEEDS.glob("*.txt"))[i % 5]
        copy = tmp_path / f"{i:02d}_{source.name}"
        copy.write_bytes(source.read_bytes())
        files.append(copy)
    with open(tmp_path / "log", "w") as log:
        pooled, errors = run(files, 2, Console(file=log))
        single, _ = run(files, 1, Console(file=log))
    assert errors == [] and len(pooled) == len(files)
    assert [r["source"] for r in pooled] == [p.name for p in files]
    assert [r["references"] for r in pooled] == [r["references"] for r in single]
