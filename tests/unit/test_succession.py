"""The succession of bodies: the data expands to the 2025 changes, names resolve by date."""
import json

from rdflib import Literal
from shared_paths import GOLD
from vbkg.loaders.graph.identity import body_key
from vbkg.loaders.graph.rdf import VBKG, iri, record_to_graph
from vbkg.loaders.graph.rows import map_graph
from vbkg.loaders.graph.succession import events, resolve
from vbkg.loaders.knowledge.vocabulary import load

NGHE_AN, YEN_BAI, LAO_CAI = "Tỉnh Nghệ An", "Tỉnh Yên Bái", "Tỉnh Lào Cai"
HCM = "Thành phố Hồ Chí Minh"


def units_on(day: str) -> set[str]:
    """The province-level units on a day: the jurisdictions before any territorial change,
    then each change up to that day (predecessor units out, the successor in)."""
    changes = {(e.date, frozenset(d for _, d in e.predecessors), e.successors[0][1])
               for e in events() if e.rule in ("nq202", "nq1314-hue")}
    units = {j["name"] for j in load("jurisdictions")["jurisdiction"]}
    units = units - {new for _, _, new in changes} | {u for _, olds, _ in changes for u in olds}
    for date, olds, new in sorted(changes, key=lambda c: c[0]):
        if date <= day:
            units = units - olds | {new}
    return units


def test_63_units_become_34():
    assert len(units_on("2024-12-31")) == 63
    assert len(units_on("2025-07-01")) == 34
    assert "Tỉnh Yên Bái" not in units_on("2025-07-01")
    assert {"Thành phố Huế", "Tỉnh Nghệ An", "Tỉnh Lào Cai"} <= units_on("2025-07-01")


def test_every_merger_of_nq202_is_one_event_per_body_with_its_basis():
    (tinh_uy,) = [e for e in events() if e.key == f"nq202|{LAO_CAI}|Tỉnh ủy"]
    assert set(tinh_uy.predecessors) == {("Tỉnh ủy", YEN_BAI), ("Tỉnh ủy", LAO_CAI)}
    assert (tinh_uy.date, tinh_uy.basis, tinh_uy.kind) == ("2025-07-01", "60-NQ/TW", "hop_nhat")
    (ubnd,) = [e for e in events() if e.key == f"nq202|{LAO_CAI}|Ủy ban nhân dân"]
    assert ubnd.basis == "202/2025/QH15"
    hcm = [e for e in events() if e.key == f"nq202|{HCM}|Thành ủy"][0]
    assert {d for _, d in hcm.predecessors} == {HCM, "Tỉnh Bình Dương", "Tỉnh Bà Rịa - Vũng Tàu"}
    assert ("Tỉnh ủy", "Tỉnh Bình Dương") in hcm.predecessors  # a Tỉnh's committee word


def test_sở_rules_run_in_every_province_of_their_day():
    merged = [e for e in events() if e.rule == "so-nong-nghiep-moi-truong"]
    assert len(merged) == 63
    assert {d for e in merged for _, d in e.successors} == units_on("2025-03-01")


def test_done_when_successors():
    def successor(ten, dia_ban, day="2025-12-31"):
        found, event = resolve({"ten": ten, "dia_ban": dia_ban}, day)
        return (found["ten"], found["dia_ban"]), event
    assert successor("Tỉnh ủy", YEN_BAI)[0] == ("Tỉnh ủy", LAO_CAI)
    assert successor("Sở Tài nguyên và Môi trường", NGHE_AN)[0] == (
        "Sở Nông nghiệp và Môi trường", NGHE_AN)
    assert successor("Ban Tuyên giáo Thành ủy", HCM)[0] == ("Ban Tuyên giáo và Dân vận Thành ủy",
                                                           HCM)
    # two steps: merged in March within Yên Bái, carried to Lào Cai in July
    found, event = successor("Sở Tài nguyên và Môi trường", YEN_BAI)
    assert found == ("Sở Nông nghiệp và Môi trường", LAO_CAI) and event.rule == "nq202"
    assert successor("Sở Tài nguyên và Môi trường", YEN_BAI, "2025-04-01")[0] == (
        "Sở Nông nghiệp và Môi trường", YEN_BAI)


def test_a_name_before_its_event_is_the_predecessor_and_collectives_stay():
    body = {"ten": "Sở Tài nguyên và Môi trường", "dia_ban": NGHE_AN}
    assert resolve(body, "2025-02-28") == (body, None)
    assert resolve(body, None) == (body, None)
    collective = {"ten": "Sở Tài nguyên và Môi trường", "dia_ban": NGHE_AN, "tap_the": True}
    assert resolve(collective, "2025-08-01") == (collective, None)


def test_a_split_names_no_one_successor():
    body = {"ten": "Đảng ủy Khối Doanh nghiệp", "dia_ban": NGHE_AN}
    assert resolve(body, "2025-08-01") == (body, None)


def plan(day: str, assignee: str) -> dict:
    """Gold record 000 with its date moved to `day` and its first task given to `assignee`."""
    record = json.loads(next(GOLD.glob("000_*.json")).read_text(encoding="utf-8"))
    record["document"]["ngay_ban_hanh"] = day
    record["tasks"][0]["chu_tri"] = [{"ten": assignee, "dia_ban": HCM}]
    return record


def chu_tri_of_first_task(record: dict) -> tuple[str, dict]:
    rows = map_graph(record_to_graph(record))
    task = min((n for n in rows.nodes.values() if n.labels[0] == "NhiemVu"),
               key=lambda n: int(n.key.rsplit("/", 1)[1]))
    (lead,) = [r for r in rows.rels.values() if r.type == "CHU_TRI" and r.end[1] == task.key]
    return lead.start[1], lead.props


def test_documents_before_and_after_the_event_resolve_to_different_bodies():
    before = plan("2024-12-24", "Sở Kế hoạch và Đầu tư")
    after = plan("2025-04-02", "Sở Kế hoạch và Đầu tư")
    old_key, old_props = chu_tri_of_first_task(before)
    new_key, new_props = chu_tri_of_first_task(after)
    assert old_key == body_key({"ten": "Sở Kế hoạch và Đầu tư", "dia_ban": HCM})
    assert new_key == body_key({"ten": "Sở Tài chính", "dia_ban": HCM})
    assert "keThuaTu" not in old_props
    assert new_props["keThuaTu"] == old_key  # the body as the text names it


def test_the_issuer_is_who_its_own_header_says():
    record = plan("2025-04-02", "Sở Tài chính")
    record["document"]["co_quan_ban_hanh"] = {"ten": "Ban Tuyên giáo Thành ủy", "dia_ban": HCM}
    graph = record_to_graph(record)
    issuer = iri("body", body_key({"ten": "Ban Tuyên giáo Thành ủy", "dia_ban": HCM}))
    assert (issuer, VBKG.ten, Literal("Ban Tuyên giáo Thành ủy")) in graph
    assert (issuer, VBKG.banHanh, None) in graph
