"""Record → RDF (Contract 2): IRIs from identity keys, classes, provenance on every link."""
import copy
import json
from urllib.parse import quote

import pytest
from rdflib import RDF, Literal, URIRef
from rdflib.namespace import PROV
from shared_paths import GOLD
from vbkg.loaders.graph.rdf import VBKG, RecordError, iri, link_triples, new_graph, record_to_graph
from vbkg.loaders.graph.rows import map_graph

XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
HCM = "Thành phố Hồ Chí Minh"


def gold(name: str) -> dict:
    return json.loads(next(GOLD.glob(f"{name}_*.json")).read_text(encoding="utf-8"))


def statements(graph, s, p, o):
    return [st for st in graph.subjects(RDF.subject, s)
            if (st, RDF.predicate, p) in graph and (st, RDF.object, o) in graph]


def test_document_iri_is_the_percent_encoded_identity_key():
    graph = record_to_graph(gold("000"))
    doc = URIRef("https://vbkg.org/id/doc/" + quote(f"P|{HCM}|TU|KH|88|2020-2025", safe=""))
    assert (doc, RDF.type, VBKG.VanBan) in graph
    assert (doc, RDF.type, VBKG.KeHoach) in graph
    assert (doc, VBKG.soHieu, Literal("88-KH/TU")) in graph
    assert (doc, VBKG.ngayBanHanh, Literal("2021-12-24", datatype=XSD_DATE)) in graph
    assert (doc, VBKG.khoaMotPhan, Literal(f"P|{HCM}|TU|KH|88")) in graph
    assert str(iri("task", "a|b")) + "/1" == "https://vbkg.org/id/task/a%7Cb/1"
    source = quote(gold("000")["source"], safe="")
    assert (URIRef(f"{iri('task', str(graph.value(doc, VBKG.key)))}/{source}/1"), RDF.type,
            VBKG.NhiemVu) in graph


def test_two_copies_of_one_document_keep_their_tasks_apart_in_one_graph():
    """Two publishers' copies of one plan: in one exported graph the n-th task of each
    copy is its own resource, with one key each."""
    other = dict(gold("000"), source="other-publisher.txt")
    graph = record_to_graph(other, record_to_graph(gold("000")))
    tasks = set(graph.subjects(RDF.type, VBKG.NhiemVu))
    assert len(tasks) == 2 * len(gold("000")["tasks"])
    assert all(len(list(graph.objects(task, VBKG.key))) == 1 for task in tasks)


def test_every_link_is_reified_with_its_source_and_evidence():
    record = gold("000")
    record["references"][0]["evidence"] = {"start": 5, "end": 40, "quote": "Thực hiện Nghị quyết",
                                           "rule": "preamble.thuc_hien"}
    graph = record_to_graph(record)
    links = [(s, p, o) for s, p, o in graph
             if p in (VBKG.thucHien, VBKG.trichDan, VBKG.banHanh, VBKG.giao, VBKG.chuTri,
                      VBKG.phoiHop, VBKG.baoCaoCho, VBKG.ky, VBKG.coNguon)]
    assert links
    source = iri("source", record["source"])
    for link in links:
        assert [st for st in statements(graph, *link)
                if (st, PROV.wasDerivedFrom, source) in graph], link
    doc = next(graph.subjects(VBKG.coNguon, source))
    target = graph.value(doc, VBKG.thucHien)
    (statement,) = statements(graph, doc, VBKG.thucHien, target)
    assert graph.value(statement, VBKG.evidenceQuote) == Literal("Thực hiện Nghị quyết")
    assert graph.value(statement, VBKG.evidenceStart) == Literal(5)
    assert graph.value(statement, VBKG.rule) == Literal("preamble.thuc_hien")


def test_two_copies_of_one_document_become_one_node_with_two_sources():
    graph = new_graph()
    record_to_graph(gold("000"), graph)
    record_to_graph(gold("002"), graph)
    docs = set(graph.subjects(VBKG.coNguon, None))
    assert len(docs) == 1
    assert len(list(graph.objects(docs.pop(), VBKG.coNguon))) == 2


def test_source_iri_uses_the_sha256_when_the_record_has_one():
    record = gold("004")
    record["meta"] = {"sha256": "ab" * 32, "encoding": "utf-8", "publisher": "SGGP",
                      "format": "text", "warnings": []}
    graph = record_to_graph(record)
    source = iri("source", "ab" * 32)
    assert (source, RDF.type, VBKG.Nguon) in graph
    assert (source, VBKG.publisher, Literal("SGGP")) in graph
    assert (source, VBKG.file, Literal(record["source"])) in graph


def test_bodies_carry_kind_jurisdiction_and_collectiveness():
    record = gold("000")
    record["tasks"][0]["chu_tri"][0]["loai"] = "CapUy"
    graph = record_to_graph(record)
    thu_duc = iri("body", f"{HCM}|ban thường vụ thành ủy thủ đức")
    assert {VBKG.ToChuc, VBKG.CapUy} <= set(graph.objects(thu_duc, RDF.type))
    assert (thu_duc, VBKG.diaBan, Literal(HCM)) in graph
    quan_uy = iri("body", f"{HCM}|quận ủy|*")
    assert (quan_uy, RDF.type, VBKG.TapThe) in graph
    assert (quan_uy, VBKG.tapThe, Literal(True)) in graph


def test_signer_statement_carries_post_and_authority():
    graph = record_to_graph(gold("000"))
    person = next(graph.subjects(RDF.type, VBKG.Nguoi))
    assert graph.value(person, VBKG.hoTen) == Literal("Nguyễn Hồ Hải")
    doc = graph.value(person, VBKG.ky)
    (statement,) = statements(graph, person, VBKG.ky, doc)
    assert graph.value(statement, VBKG.chucVu) == Literal("Phó Bí thư")
    assert graph.value(statement, VBKG.thamQuyen) == Literal("T/M Ban Thường vụ")


def test_reference_with_only_a_jurisdiction_gets_no_issuer_body():
    graph = record_to_graph(gold("004"))
    plan = iri("doc", f"N|{HCM}|KeHoach|kế hoạch phát triển kinh tế - xã hội 5 năm 2021 - 2025")
    assert (plan, VBKG.diaBan, Literal(HCM)) in graph
    assert not list(graph.subjects(VBKG.banHanh, plan))


def test_obligation_to_issue_a_plan_points_at_the_document_to_implement():
    record = gold("000")
    parent = {k: v for k, v in record["references"][0].items() if k != "relation"}
    record["tasks"][4]["van_ban_phai_ban_hanh"] = {"loai": "KeHoach", "thuc_hien": parent}
    graph = record_to_graph(record)
    task = next(t for t in graph.subjects(VBKG.vanBanPhaiBanHanh, Literal("KeHoach")))
    target = graph.value(task, VBKG.veVanBan)
    assert graph.value(target, VBKG.soHieu) == Literal("05-NQ/TU")


def test_unknown_document_kind_is_left_out_for_shacl_to_report():
    record = gold("003")
    record["document"]["loai"] = "ToTrinh"
    graph = record_to_graph(record)
    doc = next(graph.subjects(VBKG.coNguon, None))
    assert set(graph.objects(doc, RDF.type)) == {VBKG.VanBan}


def test_broken_record_raises_one_line_naming_the_source():
    record = copy.deepcopy(gold("000"))
    record["references"][0]["relation"] = "sua_doi"
    with pytest.raises(RecordError, match=r"^000_80787e15ab390cc6\.txt: .*sua_doi"):
        record_to_graph(record)


def test_graph_maps_onto_property_graph_rows():
    graph = new_graph()
    for path in sorted(GOLD.glob("*.json")):
        record_to_graph(json.loads(path.read_text(encoding="utf-8")), graph)
    rows = map_graph(graph)
    loaded = {n.key: n.sources for n in rows.documents()}
    assert loaded[f"P|{HCM}|TU|KH|88|2020-2025"] == ["000_80787e15ab390cc6.txt",
                                                     "002_1b3a01f0590b9bf1.txt"]
    key = f"P|{HCM}|TU|KH|88|2020-2025"
    (rel,) = [r for r in rows.rels.values() if r.type == "THUC_HIEN" and r.start[1] == key]
    assert rel.end == ("VanBan", f"P|{HCM}|TU|NQ|5|2020-2025")
    assert "000_80787e15ab390cc6.txt" in rel.sources


def test_link_triples_are_what_the_mapping_emits_for_thuc_hien_and_dates():
    for path in sorted(GOLD.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        graph = record_to_graph(record)
        links = set(link_triples(record))
        assert links <= set(graph)
        doc = next(graph.subjects(VBKG.coNguon, None))
        expected = {(doc, VBKG.thucHien, o) for o in graph.objects(doc, VBKG.thucHien)}
        assert {t for t in links if t[1] == VBKG.thucHien} == expected


def test_reference_naming_no_document_is_skipped_with_a_warning_and_the_rest_maps(caplog):
    record = copy.deepcopy(gold("000"))
    kept = len(record["references"])
    evidence = {"start": 1, "end": 9, "quote": "Nghị quyết của Đảng"}
    record["references"].append({"relation": "thuc_hien", "loai": "NghiQuyet",
                                 "evidence": evidence})
    record["tasks"][0]["van_ban_phai_ban_hanh"] = {"loai": "KeHoach",
                                                   "thuc_hien": {"loai": "NghiQuyet"}}
    with caplog.at_level("WARNING", logger="vbkg.rdf"):
        graph = record_to_graph(record)
    doc = next(graph.subjects(VBKG.coNguon, None))
    linked = [o for p in (VBKG.thucHien, VBKG.canCu, VBKG.trichDan)
              for o in graph.objects(doc, p)]
    assert len(linked) == kept
    assert len(list(graph.subjects(RDF.type, VBKG.NhiemVu))) == len(record["tasks"])
    task = next(graph.subjects(VBKG.vanBanPhaiBanHanh, Literal("KeHoach")))
    assert graph.value(task, VBKG.veVanBan) is None
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 2
    assert all(w.startswith("000_80787e15ab390cc6.txt: skipped a reference") for w in warnings)
    assert "'Nghị quyết của Đảng'" in warnings[0]
    assert {t for t in link_triples(record) if t[1] == VBKG.thucHien} == {
        (doc, VBKG.thucHien, o) for o in graph.objects(doc, VBKG.thucHien)}


def test_source_keeps_the_normalized_text_the_evidence_indexes_into():
    record = gold("000")
    record["text"] = "Thực hiện Nghị quyết số 05-NQ/TU …"
    graph = record_to_graph(record)
    [source] = graph.subjects(VBKG.file, Literal(record["source"]))
    assert (source, VBKG.text, Literal(record["text"])) in graph
