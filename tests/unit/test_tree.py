"""The tree is the pipeline (issue 10): stage folders, few loose modules, small modules."""
from shared_paths import REPO

LOADERS = REPO / "loaders"
MAX_LINES = 600


def test_at_most_four_modules_sit_loose_in_loaders():
    loose = sorted(p.name for p in LOADERS.glob("*.py") if p.name != "__init__.py")
    assert len(loose) <= 4, loose


def test_no_module_is_over_600_lines():
    too_long = {
        str(p.relative_to(base)): n
        for base in (LOADERS, REPO / "api")
        for p in base.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}, too_long
