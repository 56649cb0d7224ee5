"""RDF → property-graph rows (contract 2 → contract 3), on the gold records of the seeds."""
import copy
import json

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from shared_paths import GOLD
from vbkg.loaders.graph import rdf
from vbkg.loaders.graph.rows import (
    GraphRows,
    MappingError,
    NodeRow,
    copy_score,
    map_graph,
    preferred_copy,
    relationship_type,
)


def gold(prefix: str) -> dict:
    return json.loads(next(GOLD.glob(f"{prefix}_*.json")).read_text(encoding="utf-8"))


def rows_of(record: dict) -> GraphRows:
    return map_graph(rdf.record_to_graph(record))


def documents(rows: GraphRows, so_hieu: str):
    return [n for n in rows.nodes.values()
            if n.labels[0] == "VanBan" and n.props.get("soHieu") == so_hieu]


def test_labels_are_the_class_and_its_superclasses():
    (plan,) = documents(rows_of(gold("000")), "88-KH/TU")
    assert plan.labels[0] == "VanBan"
    assert "KeHoach" in plan.labels
    assert plan.props["loai"] == "KeHoach"  # the most specific class


def test_loaded_document_has_its_source_and_references_are_stubs():
    rows = rows_of(gold("000"))
    (plan,) = documents(rows, "88-KH/TU")
    (resolution,) = documents(rows, "05-NQ/TU")
    assert plan.stub is False and plan.sources == ["000_80787e15ab390cc6.txt"]
    assert resolution.stub is True and resolution.sources == []
    assert resolution.props["ngayBanHanh"] == "2021-09-15"


def test_reference_becomes_a_relationship_with_its_evidence():
    record = copy.deepcopy(gold("000"))
    quote = "Thực hiện Nghị quyết số 05-NQ/TU"
    record["references"][0]["evidence"] = {"start": 10, "end": 42, "quote": quote,
                                           "rule": "preamble"}
    rows = rows_of(record)
    (plan,) = documents(rows, "88-KH/TU")
    (resolution,) = documents(rows, "05-NQ/TU")
    rel = rows.rels[("THUC_HIEN", ("VanBan", plan.key), ("VanBan", resolution.key))]
    assert rel.props == {"evidenceStart": 10, "evidenceEnd": 42, "evidenceQuote": quote,
                         "rule": "preamble"}
    assert rel.sources == ["000_80787e15ab390cc6.txt"]


def test_two_copies_of_one_document_are_one_node_with_two_sources():
    rows = rows_of(gold("000"))
    rows.extend(rows_of(gold("002")))
    (plan,) = documents(rows, "88-KH/TU")
    assert plan.sources == ["000_80787e15ab390cc6.txt", "002_1b3a01f0590b9bf1.txt"]


def without_headings(record: dict, source: str) -> dict:
    """The same document from a page that dropped its headings: tasks without sections."""
    copy_ = copy.deepcopy(record)
    copy_["source"] = source
    for task in copy_["tasks"]:
        task["section"] = None
    return copy_


def test_task_keys_name_their_source_so_two_copies_do_not_collide():
    first, second = gold("000"), without_headings(gold("000"), "zzz_copy.txt")
    rows = rows_of(first)
    rows.extend(rows_of(second))
    tasks = [n for n in rows.nodes.values() if n.labels[0] == "NhiemVu"]
    assert len(tasks) == 2 * len(first["tasks"])
    assert {t.key.split("/")[-2] for t in tasks} == {first["source"], "zzz_copy.txt"}


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_the_copy_with_numbered_sections_is_preferred_in_either_order(order):
    # "aaa" sorts first: the tie-break by file name would pick it, the score must not
    copies = [gold("000"), without_headings(gold("000"), "aaa_copy.txt")]
    rows = GraphRows()
    for i in order:
        rows.extend(rows_of(copies[i]))
    (plan,) = documents(rows, "88-KH/TU")
    assert plan.props["nguonChinh"] == "000_80787e15ab390cc6.txt"
    assert plan.props["diemNguon"] > rows_of(copies[1]).documents()[0].props["diemNguon"]


def test_copy_score_puts_the_signature_before_the_sections():
    assert copy_score(True, set()) > copy_score(False, {"I", "II", "III"})
    assert copy_score(False, {"I", "II"}) > copy_score(False, {"2"})


def test_equal_copies_are_decided_by_file_name_whatever_the_order():
    a, b = {"diemNguon": 5, "nguonChinh": "a.txt"}, {"diemNguon": 5, "nguonChinh": "b.txt"}
    assert preferred_copy(a, b) and not preferred_copy(b, a)


def test_same_number_of_different_issuers_are_two_documents():
    rows = rows_of(gold("001"))
    (tw,) = documents(rows, "18-NQ/TW")
    (tu,) = documents(rows, "18-NQ/TU")
    assert tw.key != tu.key
    assert tu.props["diaBan"] == "Thành phố Hà Nội"


def test_tasks_keep_source_section_deadline_and_assignees():
    rows = rows_of(gold("000"))
    tasks = [n for n in rows.nodes.values() if n.labels[0] == "NhiemVu"]
    assert {t.props["section"] for t in tasks} >= {"IV.1", "IV.4"}
    assert all(t.props["source"] == "000_80787e15ab390cc6.txt" for t in tasks)
    (iv4,) = [t for t in tasks if t.props["section"] == "IV.4"]
    assert iv4.props["dinhKy"] == "6 tháng"
    reports = [r for r in rows.rels.values() if r.type == "BAO_CAO_CHO" and r.start[1] == iv4.key]
    assert [rows.nodes[r.end[1]].props["ten"] for r in reports] == ["Ban Thường vụ Thành ủy"]


def test_body_belongs_to_the_committee_its_name_implies():
    rows = rows_of(gold("000"))
    ban = next(n for n in rows.nodes.values() if n.props.get("ten") == "Ban Tổ chức Thành ủy")
    (up,) = [r for r in rows.rels.values() if r.type == "TRUC_THUOC" and r.start[1] == ban.key]
    parent = rows.nodes[up.end[1]]
    assert parent.props == {"ten": "Thành ủy", "diaBan": "Thành phố Hồ Chí Minh",
                            "tapThe": False}
    assert up.props == {"rule": "hierarchy:co-quan-cua-cap-uy",
                        "evidenceQuote": "Ban Tổ chức Thành ủy"}
    assert up.sources == ["hierarchy.toml"]


def test_a_stub_never_overwrites_the_loaded_document():
    loaded = NodeRow("k", ("VanBan", "KeHoach"), {"trichYeu": "Về A"}, ["a.txt"])
    stub = NodeRow("k", ("VanBan",), {"trichYeu": "khác", "so": "5"}, stub=True)
    loaded.absorb(stub)
    assert loaded.props == {"trichYeu": "Về A", "so": "5"}
    assert loaded.stub is False and loaded.labels == ("VanBan", "KeHoach")


def test_relationship_type_names():
    assert relationship_type("thucHien") == "THUC_HIEN"
    assert relationship_type("baoCaoCho") == "BAO_CAO_CHO"
    assert relationship_type("coNguon") == "CO_NGUON"


def test_resource_without_a_root_class_is_refused():
    g = Graph()
    g.add((URIRef("https://vbkg.org/id/doc/x"), RDF.type, rdf.VBKG.KhongCo))
    g.add((URIRef("https://vbkg.org/id/doc/x"), rdf.VBKG.soHieu, Literal("1-NQ/TU")))
    with pytest.raises(MappingError, match="needs one of"):
        map_graph(g)
