"""Where the project's shared material sits: `../shared` beside the clone (as in CI).

The gold records, the real corpus and the scorer are not copied into the repository;
a test that needs them fails with a clear message when the folder is missing.
"""
import importlib.util
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GOLD = SHARED / "gold"
CORPUS = SHARED / "corpus"
SCORER = SHARED / "eval" / "score.py"


def required(path: Path) -> Path:
    """`path`, failing the test with a clear message when ../shared does not hold it."""
    if not path.exists():
        pytest.fail(f"{path} is missing: these tests need ../shared next to the repo")
    return path


def load_scorer():
    """../shared/eval/score.py as a module (it is not a package)."""
    spec = importlib.util.spec_from_file_location("score", required(SCORER))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_sources(paths) -> list[str]:
    """The `source` of each hand-made gold record in `paths`, after checking that the record
    is valid for the scorer, is named after its source, and states its hard readings."""
    check = load_scorer().check_record
    sources = []
    for path in paths:
        record = json.loads(path.read_text(encoding="utf-8"))
        check(record)
        assert path.name == Path(record["source"]).with_suffix(".json").name, path.name
        assert record["notes"], f"{path.name}: the reading of hard cases must be stated"
        sources.append(record["source"])
    return sources
