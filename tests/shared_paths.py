"""Where the project's shared material sits: `../shared` beside the clone (as in CI).

The gold records, the real corpus and the scorer are not copied into the repository;
a test that needs them fails with a clear message when the folder is missing.
"""
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GOLD = SHARED / "gold"
CORPUS = SHARED / "corpus"
SCORER = SHARED / "eval" / "score.py"
