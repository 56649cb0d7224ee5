"""Every SHACL shape catches a record that breaks it and lets a correct one through."""
import json

import pytest
from rdflib import RDF, BNode, Graph, Literal
from rdflib.namespace import PROV
from shared_paths import GOLD
from vbkg.loaders.graph.changes import change_triples, event_triples
from vbkg.loaders.graph.identity import body_key
from vbkg.loaders.graph.rdf import VBKG, document_iri_of, iri, new_graph, record_to_graph
from vbkg.loaders.graph.shacl import (
    SH,
    link_index,
    neighbours_for,
    shapes_graph,
    split_facts,
    validate_graph,
    validate_records,
)
from vbkg.loaders.graph.succession import Event
from vbkg.loaders.load import rows_of

HCM = "Thành phố Hồ Chí Minh"
EVIDENCE = {"start": 100, "end": 160, "quote": "Thực hiện Nghị quyết số 05-NQ/TU", "rule": "r"}


def base() -> dict:
    """Gold record 000 (a correct extraction), with evidence on its first reference."""
    path = next(GOLD.glob("000_*.json"))
    record = json.loads(path.read_text(encoding="utf-8"))
    record["references"][0]["evidence"] = dict(EVIDENCE)
    return record


def ref(**fields) -> dict:
    found = {"relation": "trich_dan", "loai": None, "so_hieu": None, "so": None, "ten_goi": None,
             "ngay_ban_hanh": None, "co_quan_ban_hanh": None, "trich_yeu": None}
    found.update(fields)
    return found


def with_ref(record: dict, **fields) -> dict:
    record["references"].append(ref(**fields))
    return record


def article(record: dict) -> dict:
    record["document"].update(loai="BaiBao", so_hieu=None, co_quan_ban_hanh=None, nguoi_ky=None)
    return record


def self_reference(record: dict) -> dict:
    doc = record["document"]
    return with_ref(record, relation="thuc_hien", loai=doc["loai"], so_hieu=doc["so_hieu"],
                    ngay_ban_hanh=doc["ngay_ban_hanh"], co_quan_ban_hanh=doc["co_quan_ban_hanh"])


def set_doc(**fields):
    return lambda r: r["document"].update(fields) or r


def set_task(index: int, **fields):
    return lambda r: r["tasks"][index].update(fields) or r


def set_first_ref(**fields):
    return lambda r: r["references"][0].update(fields) or r


# shape name → (make the record break the shape, make it satisfy the shape's condition)
CASES = {
    "DocumentKindShape": (set_doc(loai=None), set_doc(loai="KeHoach")),
    "DocumentIssuerShape": (set_doc(co_quan_ban_hanh=None), article),
    "SoHieuShape": (lambda r: with_ref(r, loai="NghiQuyet", so_hieu="NQ05/TU"),
                    lambda r: with_ref(r, loai="NghiQuyet", so_hieu="05-NQ/TU")),
    "StateSoHieuShape": (lambda r: with_ref(r, loai="NghiDinh", so_hieu="60-NĐ/CP"),
                         lambda r: with_ref(r, loai="NghiDinh", so_hieu="60/2021/NĐ-CP")),
    "PartySoHieuShape": (lambda r: with_ref(r, loai="KetLuan", so_hieu="14/KL-TW"),
                         lambda r: with_ref(r, loai="KetLuan", so_hieu="14-KL/TW")),
    "ArticleNumberShape": (lambda r: article(r) and set_doc(so_hieu="12-KH/TU")(r), article),
    "KindMatchesSoHieuShape": (set_first_ref(so_hieu="05-KH/TU"),
                               lambda r: with_ref(r, loai="QuyDinh", so_hieu="66-QĐ/TW")),
    "IssueDateShape": (set_doc(ngay_ban_hanh="2999-01-01"), set_doc(ngay_ban_hanh="2021-12-24")),
    "ImplementsLaterShape": (set_first_ref(ngay_ban_hanh="2022-01-05"),
                             set_first_ref(ngay_ban_hanh="2021-12-24")),
    "NoSelfImplementationShape": (self_reference, set_first_ref(relation="thuc_hien")),
    "ObligationBearerShape": (set_task(0, chu_tri=[]), set_task(0, chu_tri=[
        {"ten": "Ban Tổ chức Thành ủy", "dia_ban": HCM}])),
    "ObligationDeadlineShape": (set_task(0, han="2022-02-30"), set_task(0, han="2022-06-15")),
    "BodyJurisdictionShape": (set_task(0, phoi_hop=[{"ten": "Sở Nội vụ", "dia_ban": None}]),
                              set_task(0, phoi_hop=[{"ten": "Sở Nội vụ", "dia_ban": HCM}])),
}


# Shapes about facts no record states (the succession of bodies, the TRUC_THUOC rules):
# shape name → (a graph breaking it, a graph satisfying it).
YEN_BAI, LAO_CAI = "Tỉnh Yên Bái", "Tỉnh Lào Cai"


def event(kind: str, before: list[tuple], after: list[tuple], basis="202/2025/QH15") -> Event:
    return Event(f"test|{kind}|{after[:1]}", "test", kind, "2025-07-01", basis, tuple(before),
                 tuple(after))


MERGER = event("hop_nhat", [("Tỉnh ủy", YEN_BAI), ("Tỉnh ủy", LAO_CAI)], [("Tỉnh ủy", LAO_CAI)])
RENAMING = event("doi_ten", [("Tỉnh ủy", "Tỉnh Thừa Thiên Huế")], [("Thành ủy", "Thành phố Huế")])
NEW_PARTY = [("Đảng ủy các cơ quan Đảng", LAO_CAI), ("Đảng ủy Ủy ban nhân dân", LAO_CAI)]
SPLIT = event("chia_tach", [("Đảng ủy Khối", LAO_CAI)], NEW_PARTY)
KHOI = [("Đảng ủy Khối A", LAO_CAI), ("Đảng ủy Khối B", LAO_CAI)]
REORGANISATION = event("to_chuc_lai", KHOI, NEW_PARTY)


def events_graph(*events: Event) -> Graph:
    graph = new_graph()
    graph.addN((s, p, o, graph) for s, p, o in event_triples(events))
    return graph


def without(graph: Graph, predicate) -> Graph:
    graph.remove((None, predicate, None))
    return graph


def body(ten: str, dia_ban: str):
    return iri("body", body_key({"ten": ten, "dia_ban": dia_ban}))


def with_self_succession(graph: Graph) -> Graph:
    graph.add((body("Tỉnh ủy", LAO_CAI), VBKG.keThua, body("Tỉnh ủy", LAO_CAI)))
    return graph


def part_of_elsewhere(graph: Graph) -> Graph:
    """A TRUC_THUOC with its rule, to a body of another jurisdiction."""
    child, parent = body("Sở Y tế", HCM), body("Ủy ban nhân dân", YEN_BAI)
    graph.add((parent, RDF.type, VBKG.ToChuc))
    graph.add((parent, VBKG.diaBan, Literal(YEN_BAI)))
    graph.add((child, VBKG.trucThuoc, parent))
    statement = BNode()
    for p, o in ((RDF.type, RDF.Statement), (RDF.subject, child), (RDF.predicate, VBKG.trucThuoc),
                 (RDF.object, parent), (VBKG.rule, Literal("r")),
                 (PROV.wasDerivedFrom, iri("source", "data/hierarchy.toml"))):
        graph.add((statement, p, o))
    return graph


GRAPH_CASES = {
    "ChangeEventShape": (lambda: without(events_graph(MERGER), PROV.startedAtTime),
                         lambda: events_graph(MERGER)),
    "MergerShape": (lambda: events_graph(event("hop_nhat", [("Tỉnh ủy", YEN_BAI)],
                                               [("Tỉnh ủy", LAO_CAI)])),
                    lambda: events_graph(MERGER)),
    "RenamingShape": (lambda: events_graph(event("doi_ten", [("Tỉnh ủy", LAO_CAI)],
                                                 [("Tỉnh ủy", LAO_CAI)])),
                      lambda: events_graph(RENAMING)),
    "SplitShape": (lambda: events_graph(event("chia_tach", SPLIT.predecessors,
                                              SPLIT.successors[:1])),
                   lambda: events_graph(SPLIT)),
    "ReorganisationShape": (lambda: events_graph(event("to_chuc_lai", KHOI[:1], NEW_PARTY)),
                            lambda: events_graph(REORGANISATION)),
    "SuccessionEvidenceShape": (lambda: without(events_graph(MERGER), VBKG.ngayHieuLuc),
                                lambda: events_graph(MERGER)),
    "NoSelfSuccessionShape": (lambda: with_self_succession(events_graph(MERGER)),
                              lambda: events_graph(MERGER)),
    "PartOfEvidenceShape": (lambda: without(record_to_graph(base()), VBKG.rule),
                            lambda: record_to_graph(base())),
    "PartOfJurisdictionShape": (lambda: part_of_elsewhere(record_to_graph(base())),
                                lambda: record_to_graph(base())),
}


def shapes_named() -> set[str]:
    shapes = shapes_graph()
    return {str(s).rsplit("#", 1)[-1] for s in shapes.subjects(RDF.type, SH.NodeShape)}


def violated(record: dict) -> set[str]:
    return {v.shape for v in validate_graph(record_to_graph(record))}


def test_every_shape_has_a_case_and_the_cycle_test_below():
    assert shapes_named() == set(CASES) | set(GRAPH_CASES) | {"NoImplementationCycleShape"}


@pytest.mark.parametrize("shape", sorted(GRAPH_CASES))
def test_shape_catches_a_violating_graph(shape):
    breaking, _ = GRAPH_CASES[shape]
    assert shape in {v.shape for v in validate_graph(breaking())}


@pytest.mark.parametrize("shape", sorted(GRAPH_CASES))
def test_shape_passes_a_conforming_graph(shape):
    _, conforming = GRAPH_CASES[shape]
    assert validate_graph(conforming()) == []


def test_the_succession_data_conforms_to_every_shape():
    graph = new_graph()
    graph.addN((s, p, o, graph) for s, p, o in change_triples())
    assert validate_graph(graph) == []


def test_gold_records_conform():
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]
    assert [r.violations for r in validate_records(records, workers=1)] == [[]] * len(records)


@pytest.mark.parametrize("shape", sorted(CASES))
def test_shape_catches_a_violating_record(shape):
    breaking, _ = CASES[shape]
    assert shape in violated(breaking(base()))


@pytest.mark.parametrize("shape", sorted(CASES))
def test_shape_passes_a_conforming_record(shape):
    _, conforming = CASES[shape]
    assert violated(conforming(base())) == set()


def resolution_implementing_plan_88(**reference) -> dict:
    """Nghị quyết 05 recorded as implementing Kế hoạch 88, which implements it: a cycle."""
    return {
        "source": "resolution.txt", "same_as": [], "tasks": [],
        "document": {"loai": "NghiQuyet", "so_hieu": "05-NQ/TU", "ngay_ban_hanh": "2021-09-15",
                     "co_quan_ban_hanh": {"ten": "Thành ủy", "dia_ban": HCM},
                     "trich_yeu": None, "nguoi_ky": None},
        "references": [ref(**{"relation": "thuc_hien", "loai": "KeHoach", "so_hieu": "88-KH/TU",
                              "co_quan_ban_hanh": {"ten": "Ban Thường vụ Thành ủy",
                                                   "dia_ban": HCM}, **reference})],
    }


def test_implementation_cycle_across_two_documents_is_found_with_neighbours():
    plan = base()
    resolution = resolution_implementing_plan_88(ngay_ban_hanh="2021-12-24")
    reports = validate_records([plan, resolution], workers=1)
    assert {v.shape for v in reports[0].violations} == {"NoImplementationCycleShape"}
    assert {v.shape for v in reports[1].violations} == {"NoImplementationCycleShape",
                                                        "ImplementsLaterShape"}
    alone = [validate_records([r], workers=1)[0].violations for r in (plan, resolution)]
    assert not any(v.shape == "NoImplementationCycleShape" for vs in alone for v in vs)


def test_implementation_chain_without_cycle_passes():
    plan = base()
    resolution = {
        "source": "resolution.txt", "same_as": [], "tasks": [], "references": [],
        "document": {"loai": "NghiQuyet", "so_hieu": "05-NQ/TU", "ngay_ban_hanh": "2021-09-15",
                     "co_quan_ban_hanh": {"ten": "Thành ủy", "dia_ban": HCM},
                     "trich_yeu": None, "nguoi_ky": None},
    }
    assert [r.violations for r in validate_records([plan, resolution], workers=1)] == [[], []]


def test_violation_carries_bilingual_message_and_evidence_sentence():
    (violation,) = validate_graph(record_to_graph(set_first_ref(ngay_ban_hanh="2022-01-05")(
        base())))
    assert violation.shape == "ImplementsLaterShape"
    assert violation.message["vi"].startswith("Văn bản ban hành ngày 2021-12-24")
    assert violation.message["en"].startswith("Document dated 2021-12-24")
    assert violation.evidence.quote == EVIDENCE["quote"]
    assert violation.evidence.source == "000_80787e15ab390cc6.txt"
    assert (violation.evidence.start, violation.evidence.end) == (100, 160)


def test_split_refuses_the_violating_link_and_its_reification_only():
    graph = record_to_graph(set_first_ref(ngay_ban_hanh="2022-01-05")(base()))
    split = split_facts(graph)
    (refusal,) = split.refused
    doc, parent = refusal.violation.focus, refusal.violation.value
    assert (doc, VBKG.thucHien, parent) in refusal.triples
    assert (doc, VBKG.thucHien, parent) not in split.accepted
    assert not [st for st in split.accepted.subjects(RDF.predicate, VBKG.thucHien)
                if split.accepted.value(st, RDF.object) == parent]
    assert len(split.accepted) == len(graph) - len(refusal.triples)
    assert (doc, VBKG.trichDan, None) in split.accepted


def test_split_refuses_a_whole_node_when_the_result_is_about_the_node():
    graph = record_to_graph(set_task(0, chu_tri=[])(base()))
    split = split_facts(graph)
    (refusal,) = split.refused
    task = refusal.violation.focus
    assert (task, None, None) not in split.accepted
    assert (None, None, task) not in split.accepted
    assert len(list(split.accepted.subjects(RDF.type, VBKG.NhiemVu))) == len(base()["tasks"]) - 1


def test_a_document_whose_kind_or_issuer_was_not_read_is_kept_with_its_tasks():
    # a miss of ours, not a fault of the source: reported as a warning, nothing refused
    graph = record_to_graph(set_doc(loai=None, co_quan_ban_hanh=None)(base()))
    found = validate_graph(graph)
    assert {(v.shape, v.severity) for v in found} == {
        ("DocumentKindShape", "Warning"), ("DocumentIssuerShape", "Warning")}
    assert set(split_facts(graph).accepted) == set(graph)


def test_a_contradiction_refuses_the_fact_not_the_document():
    # "14-CT/TU" on a Kế hoạch: the kind contradicts the number; the plan and its tasks stay
    graph = record_to_graph(set_doc(so_hieu="14-CT/TU")(base()))
    accepted = split_facts(graph).accepted
    assert list(accepted.subjects(VBKG.coNguon, None))
    assert list(accepted.subjects(RDF.type, VBKG.NhiemVu))
    assert len(accepted) < len(graph)


def test_a_state_conclusion_and_a_collective_without_place_conform():
    # real pages: "Kết luận liên ngành tư pháp Trung ương số 23/KL-LNTPTW"; SCHEMA.md collectives
    record = with_ref(base(), loai="KetLuan", so_hieu="23/KL-LNTPTW")
    record = set_task(0, phoi_hop=[{"ten": "Tỉnh ủy", "dia_ban": None, "tap_the": True}])(record)
    assert violated(record) == set()


def test_conforming_graph_is_accepted_whole():
    graph = record_to_graph(base())
    accepted = split_facts(graph).accepted
    assert isinstance(accepted, Graph)
    assert set(accepted) == set(graph)



def test_parallel_batches_report_the_same_as_one_process():
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]
    records[3] = set_task(0, chu_tri=[])(records[3])
    records[1] = set_first_ref(so_hieu="24-KH/TU")(records[1])
    one = validate_records(records, workers=1)
    pooled = validate_records(records, workers=2, batch_size=2)
    summary = [(r.source, sorted(v.shape for v in r.violations)) for r in one]
    assert summary == [(r.source, sorted(v.shape for v in r.violations)) for r in pooled]
    assert [shapes for _, shapes in summary] == [
        [], ["KindMatchesSoHieuShape"], [], ["ObligationBearerShape"], []]


def test_a_cycle_seen_only_through_the_neighbours_is_refused():
    plan, resolution = base(), resolution_implementing_plan_88(ngay_ban_hanh="2021-12-24")
    resolution["document"]["ngay_ban_hanh"] = "2022-01-10"  # no date conflict: only the cycle
    graph = record_to_graph(resolution)
    doc, link = document_iri_of(resolution), (None, VBKG.thucHien, None)
    assert link in split_facts(graph).accepted
    neighbours = neighbours_for(link_index([plan, resolution]), [doc])
    split = split_facts(graph, neighbours=neighbours)
    accepted = split.accepted
    assert link not in accepted
    assert "NoImplementationCycleShape" in [r.violation.shape for r in split.refused]
    assert set(accepted) == set(graph) - {t for t in graph if t[1] == VBKG.thucHien} - {
        t for st in graph.subjects(RDF.predicate, VBKG.thucHien) for t in graph.triples((st, None,
                                                                                           None))}


def test_the_loader_reports_each_refusal_on_one_line_with_shape_and_message():
    record = set_task(0, chu_tri=[])(base())
    rows, refused = rows_of(record)
    (line,) = refused
    assert line.startswith(f"{record['source']}: not loaded (ObligationBearerShape): ")
    assert "Obligation has no leading body" in line and "\n" not in line
    assert len([n for n in rows.nodes.values() if n.labels[0] == "NhiemVu"]) == len(
        record["tasks"]) - 1
