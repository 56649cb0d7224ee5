"""read.inputs: the one rule by which every command turns its arguments into files."""
import io

import pytest
from vbkg.loaders.read.inputs import SOURCE_SUFFIXES, InputError, input_files


@pytest.fixture
def folder(tmp_path):
    for name in ("b.txt", "a.json", "sub/c.md", "sub/d.jsonl", "scan.pdf", "notes.odt",
                 ".git/e.txt",
                 "sub/.ipynb_checkpoints/f.txt", ".hidden.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    return tmp_path


def names(files, root):
    return [str(p.relative_to(root)) for p in files]


def test_a_folder_gives_the_commands_suffixes_sorted_without_hidden_parts(folder):
    assert names(input_files([folder]), folder) == ["a.json", "b.txt", "scan.pdf", "sub/c.md",
                                                    "sub/d.jsonl"]
    assert names(input_files([folder], SOURCE_SUFFIXES), folder) == ["b.txt", "scan.pdf",
                                                                     "sub/c.md"]


def test_a_file_named_directly_is_read_whatever_its_suffix_or_name(folder):
    named = [folder / "notes.odt", folder / ".hidden.txt"]
    assert input_files(named, SOURCE_SUFFIXES) == named


def test_a_dash_reads_paths_from_stdin(folder):
    stdin = io.StringIO(f"{folder / 'b.txt'}\n\n  {folder / 'sub'}  \n")
    assert names(input_files(["-"], SOURCE_SUFFIXES, stdin), folder) == ["b.txt", "sub/c.md"]


def test_a_missing_path_is_one_line_naming_it(folder):
    with pytest.raises(InputError, match=r"^.*nowhere\.txt: no such file or folder$"):
        input_files([folder / "b.txt", folder / "nowhere.txt"])
