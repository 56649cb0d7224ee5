"""store/bulk.write_csv: neo4j-admin CSV, one file per label and typed-column signature."""
import csv

import pytest
from vbkg.loaders.graph.rows import GraphRows, NodeRow, RelRow
from vbkg.loaders.store.bulk import ARRAY_DELIMITER, BulkImportError, write_csv

PLAN = "P|HCM|TU|KH|88|2020-2025"


def read(path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as text:
        return list(csv.reader(text))


def files_by_header(paths) -> dict[tuple, list[list[str]]]:
    tables = [read(p) for p in paths]
    return {tuple(t[0]): t[1:] for t in tables}


def rows_with(*nodes, rels=()) -> GraphRows:
    rows = GraphRows()
    for node in nodes:
        rows.add_node(node)
    for row in rels:
        rows.add_rel(row)
    return rows


def test_headers_are_typed_and_values_round_trip(tmp_path):
    plan = NodeRow(PLAN, ("VanBan", "KeHoach", "VanBanChinhThuc"),
                   {"trichYeu": 'Kế hoạch "88"\ndòng hai', "nam": 2021, "hieuLuc": True},
                   ["000.txt", "002.txt"])
    task = NodeRow(f"{PLAN}/000.txt/1", ("NhiemVu",), {"noiDung": "a,b", "diemNguon": 3})
    giao = RelRow("GIAO", ("VanBan", PLAN), ("NhiemVu", task.key), {"thu": 1}, ["000.txt"])
    nodes, rels = write_csv(rows_with(plan, task, rels=[giao]), tmp_path)
    tables = files_by_header(nodes)
    plan_header = ("key:ID(VanBan)", ":LABEL", "hieuLuc:boolean", "nam:long",
                   "sources:string[]", "stub:boolean", "trichYeu:string")
    assert tables[plan_header] == [[PLAN, ARRAY_DELIMITER.join(plan.labels), "true", "2021",
                                    f"000.txt{ARRAY_DELIMITER}002.txt", "false",
                                    'Kế hoạch "88"\ndòng hai']]
    task_header = ("key:ID(NhiemVu)", ":LABEL", "diemNguon:long", "noiDung:string")
    assert tables[task_header] == [[task.key, "NhiemVu", "3", "a,b"]]
    (rel_file,) = rels
    assert read(rel_file) == [
        [":START_ID(VanBan)", ":END_ID(NhiemVu)", ":TYPE", "sources:string[]", "thu:long"],
        [PLAN, task.key, "GIAO", "000.txt", "1"]]


def test_quotes_are_doubled_and_newlines_stay_inside_the_field(tmp_path):
    node = NodeRow("k", ("Nguon",), {"text": 'say "hi"\nthen, go'})
    (path,), _ = write_csv(rows_with(node), tmp_path)
    raw = path.read_text(encoding="utf-8")
    assert '"say ""hi""\nthen, go"' in raw
    assert raw.count("\n") == 3  # header, the row's own newline inside quotes, the row's end


def test_an_empty_string_is_written_quoted_so_it_stays_a_property(tmp_path):
    (path,), _ = write_csv(rows_with(NodeRow("k", ("Nguon",), {"ten": ""})), tmp_path)
    assert path.read_text(encoding="utf-8").splitlines()[1] == '"k","Nguon",""'


def test_nodes_with_other_property_types_land_in_other_files(tmp_path):
    as_int = NodeRow("a", ("ToChuc",), {"cap": 1})
    as_text = NodeRow("b", ("ToChuc",), {"cap": "tỉnh"})
    without = NodeRow("c", ("ToChuc",), {})
    nodes, _ = write_csv(rows_with(as_int, as_text, without), tmp_path)
    tables = files_by_header(nodes)
    assert tables == {
        ("key:ID(ToChuc)", ":LABEL", "cap:long"): [["a", "ToChuc", "1"]],
        ("key:ID(ToChuc)", ":LABEL", "cap:string"): [["b", "ToChuc", "tỉnh"]],
        ("key:ID(ToChuc)", ":LABEL"): [["c", "ToChuc"]],
    }


def test_a_stub_without_sources_has_no_sources_column(tmp_path):
    stub = NodeRow("P|HCM|TU|NQ|5|2020-2025", ("VanBan", "NghiQuyet"), {"soHieu": "05-NQ/TU"},
                   [], stub=True)
    (path,), _ = write_csv(rows_with(stub), tmp_path)
    header, row = read(path)
    assert header == ["key:ID(VanBan)", ":LABEL", "soHieu:string", "stub:boolean"]
    assert row == [stub.key, f"VanBan{ARRAY_DELIMITER}NghiQuyet", "05-NQ/TU", "true"]


@pytest.mark.parametrize("value", [{"a": 1}, None, [1, 2], ["a", f"b{ARRAY_DELIMITER}c"]])
def test_a_value_csv_cannot_type_is_refused(tmp_path, value):
    with pytest.raises(BulkImportError, match="bad"):
        write_csv(rows_with(NodeRow("k", ("Nguon",), {"bad": value})), tmp_path)


def test_a_relationship_value_csv_cannot_type_is_refused(tmp_path):
    rel = RelRow("CO_NGUON", ("VanBan", PLAN), ("Nguon", "k"), {"bad": None}, ["000.txt"])
    with pytest.raises(BulkImportError, match="bad"):
        write_csv(rows_with(rels=[rel]), tmp_path)
