"""A download folder as a new user has one: the seed texts among the usual junk.

The contract of every command that takes inputs (issue 12): each bad file gets one line
naming it and why, the seeds go through, exit status 1, never a traceback.
"""
import shutil
from pathlib import Path

SEEDS = Path(__file__).parents[1] / "examples" / "seeds"
JUNK = {
    "empty.txt": b"",
    "bom-only.txt": b"\xef\xbb\xbf",
    "binary.txt": bytes(range(256)) * 8,
    "404.html": b"<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1>"
                b"<p>The requested URL was not found on this server.</p></body></html>",
}


def download_folder(folder: Path) -> Path:
    """`folder` filled with the five seed texts and the four JUNK files."""
    folder.mkdir(parents=True, exist_ok=True)
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    for name, data in JUNK.items():
        (folder / name).write_bytes(data)
    return folder


def assert_one_line_per_bad_file(output: str) -> None:
    """Each junk file named on exactly one line, and no traceback."""
    assert "Traceback" not in output and "╭" not in output, output
    for name in JUNK:
        assert sum(name in line for line in output.splitlines()) == 1, (name, output)
