"""Obligations: one rule family per test, on sentences quoted from the seeds and the corpus.

Sections are built by hand (label, heading, paragraphs) so each rule is tested
apart from layout parsing; the last tests run the seeds through `parse` and
compare with the gold records.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from shared_paths import GOLD, required
from vbkg.loaders.extract.context import build_context
from vbkg.loaders.extract.periods import deadline, period
from vbkg.loaders.extract.tasks import extract_tasks
from vbkg.loaders.parse.layout import parse
from vbkg.loaders.parse.model import Header, Layout, Paragraph, Section, Signature
from vbkg.loaders.read.source import SourceText, normalize, read_path

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"


@dataclass
class Ctx:
    jurisdiction: str | None
    year: int | None = None


class Doc:
    """A document assembled line by line, so every paragraph keeps its true offsets."""

    def __init__(self) -> None:
        self.text = ""

    def para(self, text: str, bullet: str | None = None) -> Paragraph:
        text = normalize(text)
        start = len(self.text)
        self.text += text + "\n"
        return Paragraph(text, start, start + len(text), bullet)

    def section(self, path: str, heading: str | None, *paragraphs: str,
                children: list[Section] | None = None) -> Section:
        label = path.rsplit(".", 1)[-1]
        head = self.para(heading) if heading is not None else None
        paras = [self.para(p, "-" if p.startswith("- ") else None) for p in paragraphs]
        return Section(path, label, head, paras, children or [])

    def layout(self, sections: list[Section], kind: str = "party",
               paragraphs: list[Paragraph] | None = None) -> Layout:
        source = SourceText("test.txt", self.text, "utf-8", "text", "0" * 64)
        return Layout(source, Header(), {}, [], sections, [], Signature(), kind,
                      body_end=len(self.text), paragraphs=paragraphs or [])


HCM = Ctx("Thành phố Hồ Chí Minh", 2021)
HN = Ctx("Thành phố Hà Nội", 2023)


def triples(tasks: list[dict]) -> set[tuple[str, str, str]]:
    return {(t["section"], role, b["ten"] + ("*" if b.get("tap_the") else ""))
            for t in tasks for role in ("chu_tri", "phoi_hop", "bao_cao_cho") for b in t[role]}


def one(tasks: list[dict], section: str) -> dict:
    (task,) = [t for t in tasks if t["section"] == section]
    return task


# --- who acts


def test_heading_names_the_assignee_of_each_numbered_item():
    # 001:21-25: "1. Đảng đoàn Hội đồng nhân dân Thành phố" -> (1), (2) are its tasks
    d = Doc()
    items = [d.section("II.1.(1)", "Xây dựng các cơ chế, chính sách của Thành phố."),
             d.section("II.1.(2)", "Tăng cường hoạt động chất vấn, trả lời chất vấn.")]
    root = d.section("II.1", "Đảng đoàn Hội đồng nhân dân Thành phố", children=items)
    tasks = extract_tasks(d.layout([root]), HN)
    assert triples(tasks) == {("II.1.(1)", "chu_tri", "Đảng đoàn Hội đồng nhân dân"),
                              ("II.1.(2)", "chu_tri", "Đảng đoàn Hội đồng nhân dân")}
    assert tasks[0]["evidence"]["rule"] == "heading_assignee"


def test_sentence_subject_before_the_first_verb():
    # 000:255-259 (IV.1), hard-wrapped in the seed
    d = Doc()
    sec = d.section("IV.1", "Ban Thường vụ Thành ủy Thủ Đức, các quận ủy, huyện ủy và Đảng ủy sở "
                    "Y tế xây dựng Kế hoạch cụ thể để quán triệt và triển khai thực hiện hiệu "
                    "quả việc củng cố, kiện toàn hệ thống chính trị cơ sở. Định kỳ sơ kết, đánh "
                    "giá kết quả thực hiện, đề ra phương hướng thực hiện trong thời gian tới.")
    task = one(extract_tasks(d.layout([sec]), HCM), "IV.1")
    assert [b["ten"] for b in task["chu_tri"]] == [
        "Ban Thường vụ Thành ủy Thủ Đức", "Quận ủy", "Huyện ủy", "Đảng ủy Sở Y tế"]
    assert task["dinh_ky"] == "định kỳ"  # the next sentence still belongs to the same subject
    assert task["noi_dung"].startswith("xây dựng Kế hoạch cụ thể")


def test_chu_tri_phoi_hop_and_a_periodic_report():
    # 000:282-287 (IV.4): "các cơ quan liên quan" names no body; "kịp thời đề xuất" is no report
    d = Doc()
    sec = d.section("IV.4", "Ban Tổ chức Thành ủy chủ trì, phối hợp với các cơ quan liên quan "
                    "hướng dẫn, kiểm tra việc thực hiện Kế hoạch này của các cấp ủy, tổ chức "
                    "đảng, chính quyền; định kỳ 6 tháng, báo cáo Ban Thường vụ Thành ủy; kịp "
                    "thời đề xuất Ban Thường vụ Thành ủy xem xét, chỉ đạo giải quyết./.")
    task = one(extract_tasks(d.layout([sec]), HCM), "IV.4")
    assert [b["ten"] for b in task["chu_tri"]] == ["Ban Tổ chức Thành ủy"]
    assert task["phoi_hop"] == []
    assert [b["ten"] for b in task["bao_cao_cho"]] == ["Ban Thường vụ Thành ủy"]
    assert task["dinh_ky"] == "6 tháng"


def test_giao_x_chu_tri_is_its_own_task_beside_the_heading_group():
    # 003:109-113 (III.4): coordinators separated by ";"
    d = Doc()
    sec = d.section(
        "III.4", "Các ban Đảng và Văn phòng Thành ủy",
        "Theo chức năng nhiệm vụ, xây dựng kế hoạch cụ thể, các đề án, chuyên đề công tác để tham "
        "mưu cho Ban Thường vụ Thành ủy lãnh đạo thực hiện Nghị quyết; thường xuyên theo dõi, đôn "
        "đốc, kiểm tra và báo cáo kết quả thực hiện của các đơn vị thuộc phạm vi phụ trách với Ban "
        "Thường vụ Thành ủy theo định kỳ.",
        "Giao Ban Tổ chức Thành ủy chủ trì phối hợp với các ban Đảng Thành ủy; các cấp ủy trực "
        "thuộc; MTTQ, tổ chức chính trị - xã hội và các ngành Thành phố hướng dẫn, đôn đốc, kiểm "
        "tra, sơ kết, tổng kết, rút kinh nghiệm, tổng hợp báo cáo kết quả thực hiện Nghị quyết với "
        "Ban Thường vụ Thành ủy.")
    tasks = extract_tasks(d.layout([sec]), HN)
    assert triples(tasks) == {
        ("III.4", "chu_tri", "Ban Đảng Thành ủy*"), ("III.4", "chu_tri", "Văn phòng Thành ủy"),
        ("III.4", "bao_cao_cho", "Ban Thường vụ Thành ủy"),
        ("III.4", "chu_tri", "Ban Tổ chức Thành ủy"),
        ("III.4", "phoi_hop", "Ban Đảng Thành ủy*"),
        ("III.4", "phoi_hop", "Cấp ủy trực thuộc Thành ủy*"),
        ("III.4", "phoi_hop", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
        ("III.4", "phoi_hop", "Tổ chức chính trị - xã hội*"), ("III.4", "phoi_hop", "Ngành*")}
    assert {t["evidence"]["rule"] for t in tasks} == {"heading_assignee", "giao_chu_tri"}


def test_chi_dao_x_chu_tri_makes_a_nested_task_and_keeps_its_partners():
    # 000:260-270 (IV.2): UBND is only led, Sở Nội vụ leads with partners
    d = Doc()
    sec = d.section(
        "IV.2", "Ban cán sự đảng Ủy ban nhân dân thành phố lãnh đạo Ủy ban nhân dân thành phố khẩn "
        "trương hoàn thiện Báo cáo đánh giá mô hình tổ chức; chỉ đạo sở Nội vụ chủ trì cùng Ủy ban "
        "nhân dân thành phố Thủ Đức, các quận, huyện tập trung kiện toàn hệ thống chính trị cơ sở; "
        "chỉ đạo sở Nội vụ chủ trì phối hợp cùng sở Y tế, Ủy ban nhân dân thành phố Thủ Đức, các "
        "quận, huyện củng cố, kiện toàn trung tâm y tế huyện.")
    tasks = extract_tasks(d.layout([sec]), HCM)
    assert triples(tasks) == {
        ("IV.2", "chu_tri", "Ban cán sự đảng Ủy ban nhân dân"),
        ("IV.2", "chu_tri", "Sở Nội vụ"),
        ("IV.2", "phoi_hop", "Ủy ban nhân dân thành phố Thủ Đức"),
        ("IV.2", "phoi_hop", "Ủy ban nhân dân quận*"),
        ("IV.2", "phoi_hop", "Ủy ban nhân dân huyện*"),
        ("IV.2", "phoi_hop", "Sở Y tế")}


def test_partners_of_a_directed_body_are_not_the_actors():
    # 000:217-222 (III.4 bullet 1): "chỉ đạo Ban Tổ chức cấp ủy cấp huyện phối hợp với …"
    d = Doc()
    sec = d.section("III.4", "Thực hiện tốt công tác kết nạp đảng.",
                    "- Ban Thường vụ thành ủy Thủ Đức, các quận ủy, huyện ủy quan tâm, chỉ đạo Ban "
                    "Tổ chức cấp ủy cấp huyện phối hợp với Mặt trận Tổ quốc cấp huyện và Đảng ủy "
                    "cấp xã quan tâm đưa chức danh Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam.")
    task = one(extract_tasks(d.layout([sec]), HCM), "III.4")
    assert task["phoi_hop"] == []


def test_a_report_by_a_directed_body_is_not_the_actors():
    # "chỉ đạo X làm …" makes no task for X (DOMAIN.md §4.2), nor a report for the actor
    d = Doc()
    sec = d.section("IV.2", "Ban cán sự đảng Ủy ban nhân dân tỉnh chỉ đạo các sở, ngành rà soát, "
                    "báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện.")
    task = one(extract_tasks(d.layout([sec]), Ctx("Tỉnh Nghệ An", 2025)), "IV.2")
    assert task["bao_cao_cho"] == []


def test_intro_clause_before_the_subject():
    # 003:73 (II.4) "Trên cơ sở kết quả …, Ban Thường vụ Thành ủy sẽ đánh giá …"
    d = Doc()
    sec = d.section("II.4", "Thực hiện tốt công tác tổ chức, cán bộ đáp ứng yêu cầu nhiệm vụ",
                    "Trên cơ sở kết quả thực hiện nhiệm vụ chính trị, công tác xây dựng Đảng và hệ "
                    "thống chính trị, Ban Thường vụ Thành ủy sẽ đánh giá, phân loại chất lượng đối "
                    "với đảng bộ cấp trên cơ sở trực thuộc Thành ủy.")
    tasks = extract_tasks(d.layout([sec]), Ctx("Thành phố Hà Nội", 2017))
    assert triples(tasks) == {("II.4", "chu_tri", "Ban Thường vụ Thành ủy")}
    assert tasks[0]["evidence"]["rule"] == "intro_subject"


def test_a_directive_reported_inside_a_numbered_item():
    # Thông báo kết luận shape (tb-432): the speaker asks a body to act
    d = Doc()
    sec = d.section("4", None, "Đồng chí Tổng Bí thư đề nghị Đảng uỷ Chính phủ chỉ đạo các bộ, "
                    "ngành rà soát, hoàn thiện chính sách đối với trẻ em có hoàn cảnh đặc biệt.")
    tasks = extract_tasks(d.layout([sec]), Ctx("Trung ương", 2025))
    assert triples(tasks) == {("4", "chu_tri", "Đảng ủy Chính phủ")}
    assert tasks[0]["evidence"]["rule"] == "directive"


def test_a_topic_with_a_colon_names_the_assignee():
    # "Đối với X: …", a common item form of provincial plans
    d = Doc()
    sec = d.section("II.2", "Đối với đảng ủy các xã, phường: rà soát, kiện toàn tổ chức bộ máy, "
                    "bảo đảm hoạt động thông suốt.")
    tasks = extract_tasks(d.layout([sec]), Ctx("Tỉnh Nghệ An", 2025))
    assert triples(tasks) == {("II.2", "chu_tri", "Đảng ủy xã*"),
                              ("II.2", "chu_tri", "Đảng ủy phường*")}
    assert tasks[0]["noi_dung"].startswith("rà soát")


# --- what is not a task


def test_bullets_without_subject_do_not_inherit_the_previous_bullet():
    # 000:100-117 (III.1): only the first bullet names its assignees
    d = Doc()
    sec = d.section(
        "III.1", "Củng cố, kiện toàn bộ máy, nhân sự, xây dựng hệ chính trị cơ sở vững mạnh",
        "- Ban thường vụ thành ủy Thủ Đức, các quận ủy, huyện ủy lãnh đạo, chỉ đạo các đảng ủy "
        "phường, xã, thị trấn nhanh chóng rà soát, củng cố, kiện toàn hệ thống chính trị cơ sở.",
        "- Quan tâm tăng cường cán bộ trẻ giữ chức vụ lãnh đạo cấp xã; nắm tình hình Nhân dân, "
        "giám sát chặt chẽ việc thực hiện các chính sách hỗ trợ, báo cáo Thành ủy.")
    (task,) = extract_tasks(d.layout([sec]), HCM)
    assert task["bao_cao_cho"] == []
    assert "Quan tâm" not in task["evidence"]["quote"]


def test_a_vague_actor_ends_the_previous_assignees_sentences():
    # state plans close with "…, các cơ quan, đơn vị kịp thời báo cáo UBND tỉnh (qua Sở Nội vụ)"
    d = Doc()
    sec = d.section("II.4", "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh phối hợp tuyên truyền.",
                    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị "
                    "kịp thời báo cáo UBND tỉnh (qua Sở Nội vụ) để xem xét, giải quyết./.")
    task = one(extract_tasks(d.layout([sec], kind="state"), Ctx("Tỉnh Bắc Ninh", 2025)), "II.4")
    assert task["bao_cao_cho"] == []
    assert "Trong quá trình" not in task["evidence"]["quote"]


@pytest.mark.parametrize("sentence", [
    # 001:11 purpose (section I), 001:123 no subject, 001:125 people by office,
    # 003:79 people by office, kl-221 a statement of the Bộ Chính trị
    "Quán triệt, triển khai và tổ chức thực hiện nghiêm túc, hiệu quả Chỉ thị số 24-CT/TU.",
    "Phát huy vai trò của các Ban Chỉ đạo, đặc biệt là Ban chỉ đạo Quản lý tổ chức bộ máy.",
    "Các đồng chí Ủy viên Ban Thường vụ Thành ủy được giao phụ trách các đảng bộ trực thuộc "
    "Thành ủy nêu cao tinh thần trách nhiệm.",
    "Người đứng đầu cấp ủy, chính quyền các cấp tăng cường làm việc, trao đổi, đối thoại.",
    "Bộ Chính trị, Ban Bí thư ghi nhận và biểu dương các cấp ủy, tổ chức đảng.",
])
def test_sentences_that_assign_nothing(sentence):
    d = Doc()
    sec = d.section("III.2", None, sentence)
    assert extract_tasks(d.layout([sec]), HN) == []


def test_a_period_word_needs_a_report_in_its_own_clause():
    # "hằng năm" counts only in a clause that reports: a report cue in another clause
    # of the same text does not make it a period
    assert period("Hằng năm tổ chức hội nghị; các sở báo cáo kết quả.") is None
    assert period("Các sở tổ chức hội nghị; hằng năm báo cáo kết quả.") == "hằng năm"


def test_the_first_period_pattern_wins_over_an_earlier_clause():
    # the patterns are tried in data order over every clause: "định kỳ 6 tháng" in the
    # second clause outranks "hằng năm … báo cáo" in the first
    assert period("Hằng năm báo cáo Tỉnh ủy; định kỳ 6 tháng kiểm tra.") == "6 tháng"


def test_a_bare_period_word_ends_its_clause():
    # "định kỳ" right before "; " is a period; "định kỳ không quá 05 năm" is not (001:47)
    assert period("Các sở kiểm tra định kỳ; không để chậm trễ.") == "định kỳ"
    assert period("Định kỳ không quá 05 năm luân chuyển cán bộ.") is None


def test_a_rotation_rule_is_not_a_period():
    # 001:47 (II.2.(8)) "định kỳ không quá 05 năm luân chuyển" (gold dinh_ky null)
    d = Doc()
    item = d.section("II.2.(8)", "Chỉ đạo Sở Nội vụ Thành phố tăng cường công tác thanh tra; định "
                     "kỳ không quá 05 năm luân chuyển, chuyển đổi vị trí công tác chuyên viên.")
    root = d.section("II.2", "Ban Cán sự đảng Ủy ban nhân dân Thành phố", children=[item])
    task = one(extract_tasks(d.layout([root]), HN), "II.2.(8)")
    assert task["dinh_ky"] is None
    assert [b["ten"] for b in task["chu_tri"]] == ["Ban cán sự đảng Ủy ban nhân dân"]


# --- when


def test_yearly_report_with_a_deadline_takes_the_documents_year():
    # kh-987 IV.1: "Trước ngày 15/12 hàng năm tổng hợp, báo cáo Bộ Khoa học và Công nghệ, …"
    d = Doc()
    sec = d.section("IV.1", "Sở Khoa học và Công nghệ",
                    "- Chủ trì, phối hợp các đơn vị liên quan hướng dẫn, theo dõi, kiểm tra; Trước "
                    "ngày 15/12 hàng năm tổng hợp, báo cáo Bộ Khoa học và Công nghệ, Ủy nhân dân "
                    "tỉnh kết quả triển khai thực hiện.")
    task = one(extract_tasks(d.layout([sec], kind="state"), Ctx("Tỉnh Nghệ An", 2025)), "IV.1")
    assert task["han"] == "2025-12-15"
    assert task["dinh_ky"] == "hằng năm"
    assert {(b["ten"], b["dia_ban"]) for b in task["bao_cao_cho"]} == {
        ("Bộ Khoa học và Công nghệ", "Trung ương"), ("Ủy ban nhân dân", "Tỉnh Nghệ An")}


def test_a_dated_deadline():
    # kl-07 3: "Thời gian hoàn thành trước ngày 30/12/2025."
    d = Doc()
    sec = d.section("3", None, "Giao Văn phòng Trung ương Đảng phối hợp với các cơ quan liên quan "
                    "tham mưu đề xuất. Thời gian hoàn thành trước ngày 30/12/2025.")
    task = one(extract_tasks(d.layout([sec]), Ctx("Trung ương", 2025)), "3")
    assert task["han"] == "2025-12-30"


@pytest.mark.parametrize(("text", "year", "han"), [
    ("Thời gian hoàn thành trước ngày 30/12/2025.", None, "2025-12-30"),  # kl-07
    ("báo cáo UBND tỉnh kết quả hằng năm (trước ngày 15 tháng 11)", 2025, "2025-11-15"),  # kh-141
    ("hoàn tất sắp xếp cấp xã trước 15/7, cấp tỉnh trước 15/8", 2025, "2025-07-15"),  # KL 157 press
    ("hoàn thành chậm nhất ngày 30/6/2025", None, "2025-06-30"),
    ("báo cáo trước ngày 15/11 hằng năm", None, None),  # no year anywhere: no date
    ("nhiệm kỳ 2020-2025, ngày 15-10", 2021, None),  # dates that are no deadline
])
def test_deadlines(text, year, han):
    assert deadline(text, year) == han


def test_a_yearly_deadline_already_past_at_issue_is_next_years():
    # kh-141 (20/11/2025): "… kết quả thực hiện Kế hoạch hằng năm (trước ngày 15 tháng 11)"
    assert deadline("hằng năm (trước ngày 15 tháng 11)", 2025, "2025-11-20") == "2026-11-15"
    assert deadline("trước ngày 15/12 hàng năm", 2025, "2025-11-20") == "2025-12-15"


# --- state plans, press, lead-ins


def test_a_heading_may_say_whose_responsibility_it_is():
    # state plans: "Trách nhiệm của …", "… (cơ quan thường trực)"
    d = Doc()
    a = d.section("IV.1", "Trách nhiệm của Sở Tư pháp", "- Theo dõi, đôn đốc thực hiện Kế hoạch.")
    b = d.section("IV.2", "Sở Nội vụ (cơ quan thường trực)", "- Hướng dẫn, kiểm tra thực hiện.")
    tasks = extract_tasks(d.layout([a, b], kind="state"), Ctx("Tỉnh Bắc Ninh", 2025))
    assert triples(tasks) == {("IV.1", "chu_tri", "Sở Tư pháp"), ("IV.2", "chu_tri", "Sở Nội vụ")}


def test_field_style_state_plan():
    # kh-141 III.1
    d = Doc()
    sec = d.section("III.1", "Rà soát, kiện toàn đội ngũ cán bộ, công chức xây dựng chính sách",
                    "- Thường xuyên rà soát, kiện toàn đội ngũ cán bộ, công chức.",
                    "*Đơn vị chủ trì thực hiện: *Các Sở, ngành, đơn vị, UBND cấp xã.",
                    "*Đơn vị phối hợp: *Sở Nội vụ, Sở Tư pháp.",
                    "*Thời gian thực hiện: *Thường xuyên.")
    tasks = extract_tasks(d.layout([sec], kind="state"), Ctx("Tỉnh Bắc Ninh", 2025))
    assert triples(tasks) == {
        ("III.1", "chu_tri", "Sở*"), ("III.1", "chu_tri", "Ngành*"),
        ("III.1", "chu_tri", "Ủy ban nhân dân cấp xã*"),
        ("III.1", "phoi_hop", "Sở Nội vụ"), ("III.1", "phoi_hop", "Sở Tư pháp")}


def test_each_label_block_of_a_numbered_item_is_its_own_task():
    # kh-141 III.4: bullets, labels, more bullets, more labels, in one numbered item
    d = Doc()
    sec = d.section("III.4", "Nâng cao phẩm chất, năng lực cho đội ngũ cán bộ, công chức",
                    "- Tăng cường công tác giáo dục chính trị, tư tưởng, kỷ luật, kỷ cương.",
                    "*Đơn vị thực hiện: *Các Sở, ngành, đơn vị, UBND cấp xã.",
                    "*Đơn vị phối hợp: *Sở Tư pháp.",
                    "*Thời gian thực hiện: *Thường xuyên.",
                    "- Tổ chức tập huấn, bồi dưỡng kiến thức, kỹ năng xây dựng pháp luật.",
                    "*Đơn vị chủ trì tham mưu thực hiện: *Sở Tư pháp.",
                    "*Đơn vị phối hợp thực hiện: *Các cơ quan, đơn vị, địa phương liên quan.",
                    "- Nâng cao kiến thức, kỹ năng xây dựng pháp luật.",
                    "*Đơn vị chủ trì: *Sở Nội vụ.",
                    "*Đơn vị phối hợp: *Sở Tư pháp; các cơ quan, đơn vị, địa phương liên quan.")
    tasks = extract_tasks(d.layout([sec], kind="state"), Ctx("Tỉnh Bắc Ninh", 2025))
    assert triples(tasks) == {
        ("III.4", "chu_tri", "Sở*"), ("III.4", "chu_tri", "Ngành*"),
        ("III.4", "chu_tri", "Ủy ban nhân dân cấp xã*"), ("III.4", "phoi_hop", "Sở Tư pháp"),
        ("III.4", "chu_tri", "Sở Tư pháp"), ("III.4", "chu_tri", "Sở Nội vụ")}
    assert len(tasks) == 3


def test_a_field_cell_reads_each_semicolon_part():
    # kh-141 III.7: a ";" part the vocabulary does not know does not hide the next one
    d = Doc()
    sec = d.section("III.7", "Đẩy mạnh chuyển đổi số",
                    "- Xây dựng, duy trì thường xuyên các chuyên mục về xây dựng pháp luật.",
                    "*Đơn vị chủ trì thực hiện: *Báo và Phát thanh, Truyền hình tỉnh; Sở Tư "
                    "pháp, các cơ quan, đơn vị, địa phương.",
                    # the two first parts swapped, so the unknown name comes first
                    "*Đơn vị phối hợp: *Trung tâm Thông tin tỉnh; Sở Khoa học và Công nghệ; các "
                    "cơ quan, đơn vị liên quan.")
    tasks = extract_tasks(d.layout([sec], kind="state"), Ctx("Tỉnh Bắc Ninh", 2025))
    assert triples(tasks) == {
        ("III.7", "chu_tri", "Báo và Phát thanh, Truyền hình"), ("III.7", "chu_tri", "Sở Tư pháp"),
        ("III.7", "phoi_hop", "Sở Khoa học và Công nghệ")}


def test_a_heading_wrapped_by_the_publisher_goes_on_in_its_first_paragraph():
    # kh-987 IV.2 "**2. Ban Quản lý Khu kinh tế\nĐông Nam**"
    d = Doc()
    sec = d.section("IV.2", "Ban Quản lý Khu kinh tế", "Đông Nam",
                    "- Phối hợp chặt chẽ Sở Khoa học và Công nghệ để hỗ trợ doanh nghiệp.")
    task = one(extract_tasks(d.layout([sec], kind="state"), Ctx("Tỉnh Nghệ An", 2025)), "IV.2")
    assert [b["ten"] for b in task["chu_tri"]] == ["Ban Quản lý Khu kinh tế Đông Nam"]
    assert [b["ten"] for b in task["phoi_hop"]] == ["Sở Khoa học và Công nghệ"]


def test_field_time_gives_the_period():
    # kh-141 III.4 "*Thời gian thực hiện: *Hằng năm."
    d = Doc()
    sec = d.section("III.4", "Nâng cao phẩm chất, năng lực cho đội ngũ cán bộ, công chức",
                    "*Đơn vị chủ trì: *Sở Tư pháp.", "*Thời gian thực hiện: *Hằng năm.")
    task = one(extract_tasks(d.layout([sec], kind="state"), Ctx("Tỉnh Bắc Ninh", 2025)), "III.4")
    assert (task["dinh_ky"], task["han"]) == ("hằng năm", None)


def test_task_table_rows():
    # the reader writes table rows as "cell | cell |" lines
    d = Doc()
    sec = d.section(
        "II", "NHIỆM VỤ",
        "| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n"
        "| 1 | Xây dựng cơ sở dữ liệu | Sở Khoa học và Công nghệ | Các sở, ngành; UBND cấp xã "
        "| Trước ngày 30/6/2025 |\n"
        "| 2 | Rà soát thủ tục hành chính | Văn phòng UBND tỉnh | Sở Tư pháp | Hằng quý |")
    tasks = extract_tasks(d.layout([sec], kind="state"), Ctx("Tỉnh Nghệ An", 2025))
    assert triples(tasks) == {
        ("II.1", "chu_tri", "Sở Khoa học và Công nghệ"), ("II.1", "phoi_hop", "Sở*"),
        ("II.1", "phoi_hop", "Ngành*"), ("II.1", "phoi_hop", "Ủy ban nhân dân cấp xã*"),
        ("II.2", "chu_tri", "Văn phòng Ủy ban nhân dân"), ("II.2", "phoi_hop", "Sở Tư pháp")}
    first, second = tasks
    assert (first["han"], second["dinh_ky"]) == ("2025-06-30", "hằng quý")
    assert first["noi_dung"] == "Xây dựng cơ sở dữ liệu"
    assert first["evidence"]["rule"] == "table_row"
    assert first["evidence"]["quote"].startswith("| 1 | Xây dựng")


def test_lead_in_names_the_assignee_of_lettered_points():
    # qd-384 Điều 18.2 "Văn phòng Trung ương Đảng có trách nhiệm:" a) b) …
    d = Doc()
    points = [d.section("Điều 18.2.a", "Chủ trì, phối hợp với các cơ quan đảng ở Trung ương tổ "
                        "chức triển khai việc chia sẻ dữ liệu."),
              d.section("Điều 18.2.b", "Chủ trì, xây dựng, ban hành Khung kiến trúc dữ liệu.")]
    root = d.section("Điều 18.2", "Văn phòng Trung ương Đảng có trách nhiệm:", children=points)
    tasks = extract_tasks(d.layout([root]), Ctx("Trung ương", 2025))
    assert triples(tasks) == {("Điều 18.2.a", "chu_tri", "Văn phòng Trung ương Đảng"),
                              ("Điều 18.2.a", "phoi_hop", "Cơ quan đảng ở Trung ương*"),
                              ("Điều 18.2.b", "chu_tri", "Văn phòng Trung ương Đảng")}


def test_lead_in_names_the_assignee_of_the_bullets_after_it():
    d = Doc()
    sec = d.section("III.2", None, "Sở Nội vụ có trách nhiệm:",
                    "- Chủ trì, phối hợp với Sở Tư pháp hướng dẫn thực hiện Kế hoạch.",
                    "- Tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12/2025.")
    (task,) = extract_tasks(d.layout([sec], kind="state"), Ctx("Tỉnh Bắc Ninh", 2025))
    assert triples([task]) == {("III.2", "chu_tri", "Sở Nội vụ"),
                               ("III.2", "phoi_hop", "Sở Tư pháp"),
                               ("III.2", "bao_cao_cho", "Ủy ban nhân dân")}
    assert (task["han"], task["evidence"]["rule"]) == ("2025-12-15", "lead_in")
    assert "có trách nhiệm" not in task["evidence"]["quote"]


def test_press_directives_of_the_speaker():
    # 004:20, 004:28, 004:40, 004:42, and a delegate's wish (004:82) that is no directive
    d = Doc()
    paras = [d.para("Đảng ủy Khối Dân - Chính - Đảng TPHCM cần tăng tốc hoàn thành nhiệm vụ"),
             d.para("Qua đó, đồng chí yêu cầu Đảng ủy khối tập trung lãnh đạo, triển khai thực "
                    "hiện Kế hoạch của Ban Thường vụ Thành ủy."),
             d.para("Do đó, đồng chí đề nghị Ban Thường vụ Đảng ủy khối tập trung triển khai thực "
                    "hiện kết luận."),
             d.para("Đối với các cơ quan báo chí thuộc khối, Chủ tịch HĐND TPHCM chỉ đạo công tác "
                    "truyền thông phải chủ động, đi trước."),
             d.para("Dịp này, đồng chí Nguyễn Thị Lệ cũng đặt hàng Ban Thường vụ Liên đoàn lao "
                    "động TPHCM xây dựng đề án đổi mới."),
             d.para("Đồng chí Lê Duy Minh mong muốn các sở, ngành thuộc khối cần kết nối."),
             d.para("Đồng chí yêu cầu các cơ quan, đơn vị liên quan khẩn trương triển khai.")]
    tasks = extract_tasks(d.layout([], kind="press", paragraphs=paras), HCM)
    assert triples(tasks) == {
        ("", "chu_tri", "Đảng ủy Khối Dân - Chính - Đảng"),
        ("", "chu_tri", "Ban Thường vụ Đảng ủy Khối Dân - Chính - Đảng"),
        ("", "chu_tri", "Cơ quan báo chí thuộc Khối Dân - Chính - Đảng*"),
        ("", "chu_tri", "Ban Thường vụ Liên đoàn Lao động")}
    assert {t["evidence"]["rule"] for t in tasks} == {"press_directive"}


# --- implementing documents and evidence


def test_an_obligation_to_issue_a_plan_names_the_document_itself():
    # 003:121 (III.6) in Nghị quyết 15-NQ/TU
    d = Doc()
    sec = d.section("III.6", "Ban Thường vụ quận, huyện, thị ủy; cấp ủy cấp trên cơ sở trực thuộc "
                    "Thành ủy", "Xây dựng kế hoạch tổ chức thực hiện Nghị quyết; Định kỳ hàng "
                    "năm tổ chức đánh giá, báo cáo Ban Thường vụ Thành ủy kết quả thực hiện.")
    issuer = {"ten": "Ban Thường vụ Thành ủy", "dia_ban": "Thành phố Hà Nội"}
    document = {"loai": "NghiQuyet", "so_hieu": "15-NQ/TU", "ngay_ban_hanh": "2017-07-04",
                "co_quan_ban_hanh": issuer}
    tasks = extract_tasks(d.layout([sec]), Ctx("Thành phố Hà Nội", 2017), [], document)
    task = one(tasks, "III.6")
    assert task["dinh_ky"] == "hằng năm"
    assert task["van_ban_phai_ban_hanh"]["loai"] == "KeHoach"
    assert task["van_ban_phai_ban_hanh"]["thuc_hien"]["so_hieu"] == "15-NQ/TU"


def test_an_obligation_to_issue_a_plan_for_a_named_parent():
    # 001:113 (II.5.(1)): "cụ thể hóa Chỉ thị, Kế hoạch thực hiện … bằng các chương trình, kế hoạch"
    d = Doc()
    item = d.section("II.5.(1)", "Nghiên cứu, cụ thể hóa Chỉ thị, Kế hoạch thực hiện của Ban "
                     "Thường vụ Thành ủy bằng các chương trình, kế hoạch cụ thể phù hợp.")
    root = d.section("II.5", "Ban thường vụ quận, huyện, thị ủy và đảng ủy trực thuộc Thành ủy",
                     children=[item])
    parent = {"relation": "thuc_hien", "loai": "ChiThi", "so_hieu": "24-CT/TU",
              "ngay_ban_hanh": "2023-08-07"}
    task = one(extract_tasks(d.layout([root]), HN, [parent], {"loai": "KeHoach"}), "II.5.(1)")
    assert task["van_ban_phai_ban_hanh"] == {
        "loai": "KeHoach",
        "thuc_hien": {"loai": "ChiThi", "so_hieu": "24-CT/TU", "so": None, "ten_goi": None,
                      "ngay_ban_hanh": "2023-08-07", "co_quan_ban_hanh": None, "trich_yeu": None}}


def test_an_obligation_to_issue_a_plan_for_a_numbered_document():
    # DOMAIN.md §4.4 "xây dựng kế hoạch (tổ chức) thực hiện [parent]"; the number is in the text
    d = Doc()
    sec = d.section("IV.3", "Các sở, ngành xây dựng kế hoạch thực hiện Nghị quyết số 57-NQ/TW "
                    "ngày 22/12/2024 của Bộ Chính trị; định kỳ báo cáo Ủy ban nhân dân tỉnh.")
    parent = {"relation": "trich_dan", "loai": "NghiQuyet", "so_hieu": "57-NQ/TW"}
    task = one(extract_tasks(d.layout([sec]), Ctx("Tỉnh Nghệ An", 2025), [parent],
                             {"loai": "KeHoach", "so_hieu": "987/KH-UBND"}), "IV.3")
    assert task["van_ban_phai_ban_hanh"]["thuc_hien"]["so_hieu"] == "57-NQ/TW"
    assert [b["ten"] for b in task["bao_cao_cho"]] == ["Ủy ban nhân dân"]


def test_evidence_quotes_the_source_span():
    d = Doc()
    d.para("KẾ HOẠCH")
    sec = d.section("III.1", "Ban Thường vụ Thành ủy, Thường trực Thành ủy tăng cường công tác "
                    "lãnh đạo, chỉ đạo với quyết tâm chính trị và thống nhất cao.")
    layout = d.layout([sec])
    (task,) = extract_tasks(layout, HN)
    ev = task["evidence"]
    assert ev["quote"] == layout.source.text[ev["start"]:ev["end"]]
    assert ev["quote"].startswith("Ban Thường vụ Thành ủy, Thường trực")
    assert ev["rule"] == "sentence_subject"
    assert ev["spans"] == [[ev["start"], ev["end"]]]


def test_merged_sentences_are_listed_in_the_evidence():
    # 003:53: II.1's subject sentence, then "Định kỳ tổ chức …" of the same assignees
    d = Doc()
    sec = d.section("II.1", "Tăng cường sự lãnh đạo của các cấp ủy Đảng",
                    "Các cấp ủy cấp trên cơ sở tăng cường sự lãnh đạo đối với các TCCSĐ trực "
                    "thuộc. Định kỳ tổ chức các hình thức thông tin, báo cáo, giao ban.")
    layout = d.layout([sec])
    (task,) = extract_tasks(layout, Ctx("Thành phố Hà Nội", 2017))
    ev = task["evidence"]
    assert ev["quote"].endswith("trực thuộc.")
    assert [layout.source.text[a:b][:6] for a, b in ev["spans"]] == ["Các cấ", "Định k"]
    assert task["dinh_ky"] == "định kỳ"


# --- the seeds, end to end through parse


def _seed_cases() -> list:
    golds = [json.loads(p.read_text(encoding="utf-8"))
             for p in sorted(required(GOLD).glob("*.json"))]
    return [pytest.param(g, id=g["source"][:3]) for g in golds if g["tasks"] is not None]


def _keys(tasks: list[dict]) -> set:
    return {(t["section"], role, b["ten"].casefold(), b["dia_ban"], bool(b.get("tap_the")))
            for t in tasks for role in ("chu_tri", "phoi_hop", "bao_cao_cho") for b in t[role]}


@pytest.mark.parametrize("gold", _seed_cases())
def test_seed_tasks_match_the_gold_record(gold):
    layout = parse(read_path(SEEDS / gold["source"]))
    tasks = extract_tasks(layout, build_context(layout), gold["references"], gold["document"])
    assert _keys(tasks) == _keys(gold["tasks"])
    assert all(t["chu_tri"] for t in tasks)
    assert all(t["evidence"]["quote"] == layout.source.text[t["evidence"]["start"]:
                                                            t["evidence"]["end"]] for t in tasks)


# --- a lead sentence closing the preamble hands out the numbered points


def _with_preamble(d: Doc, lead: str, sections: list[Section]) -> Layout:
    layout = d.layout(sections)
    layout.preamble = [d.para(lead)]
    layout.source = SourceText("test.txt", d.text, "utf-8", "text", "0" * 64)
    return layout


def test_a_preamble_lead_sentence_names_the_assignees_of_the_points_after_it():
    # tb-432: the lead sentence, item 1 (no subject of its own), item 4 (a topic heading
    # that only announces its sub-points) and 4.5 (a subject of its own)
    d = Doc()
    one_ = d.section("1", "Giảm tối đa số trẻ bị bỏ rơi mới: Đây là nhiệm vụ ưu tiên.")
    sub = d.section("4.5", "Cấp uỷ, chính quyền địa phương các cấp, nhất là thành phố Hà Nội, "
                    "Thành phố Hồ Chí Minh và các đô thị lớn phải đi đầu trong chuyển đổi mô "
                    "hình chăm sóc trẻ em có hoàn cảnh đặc biệt.")
    four = d.section("4", "Về phân công nhiệm vụ của các cơ quan liên quan:", children=[sub])
    layout = _with_preamble(d, "Để làm tốt việc này, yêu cầu cấp uỷ, tổ chức đảng, chính "
                            "quyền, đoàn thể các cấp tập trung thực hiện tốt một số nhiệm vụ, "
                            "giải pháp sau:", [one_, four])
    tasks = extract_tasks(layout, Ctx("Trung ương", 2025))
    assert triples(tasks) == {
        ("1", "chu_tri", "Cấp ủy*"), ("1", "chu_tri", "Tổ chức đảng*"),
        ("1", "chu_tri", "Chính quyền*"), ("1", "chu_tri", "Đoàn thể*"),
        ("4.5", "chu_tri", "Cấp ủy*"), ("4.5", "chu_tri", "Chính quyền địa phương*")}


def test_the_issuing_formula_closing_the_preamble_hands_out_nothing():
    # qd-384: "Ban Bí thư … quy định … như sau:" names no duty, so Điều 4 is not its task
    d = Doc()
    item = d.section("I.4.2", None, "Dữ liệu được chia sẻ bảo đảm an toàn, bảo mật.")
    layout = _with_preamble(d, "Ban Bí thư Trung ương Đảng quy định về kết nối, chia sẻ thông "
                            "tin dữ liệu giữa các cơ quan đảng với các cơ quan, tổ chức khác "
                            "trong hệ thống chính trị như sau:", [item])
    assert extract_tasks(layout, Ctx("Trung ương", 2025)) == []


def test_partners_of_a_vaguely_directed_body_are_not_the_actors():
    # qd-384 Điều 18.3: the directed "các cơ quan chuyên môn Bộ Công an" coordinate, not the lead
    d = Doc()
    sec = d.section("III.18.3", None, "Đảng ủy Công an Trung ương chủ trì, chỉ đạo các cơ quan "
                    "chuyên môn Bộ Công an phối hợp với Văn phòng Trung ương Đảng tổ chức liên "
                    "thông, trao đổi, chia sẻ dữ liệu.")
    tasks = extract_tasks(d.layout([sec]), Ctx("Trung ương", 2025))
    assert triples(tasks) == {("III.18.3", "chu_tri", "Đảng ủy Công an Trung ương")}


def test_a_section_reporting_the_past_holds_no_task():
    # kl-07 1.(2): bodies act in the past under "Về đánh giá tình hình … đến nay"
    d = Doc()
    point = d.section("1.(2)", "Duy trì nền nếp, nâng cao chất lượng công tác thông tin phục vụ "
                      "lãnh đạo. Các văn phòng tỉnh uỷ, thành uỷ đẩy mạnh cải cách hành chính; "
                      "đến nay 100% các văn phòng đã xây dựng báo cáo tháng, báo cáo quý.")
    root = d.section("1", "Về đánh giá tình hình hoạt động từ tháng 6/2022 đến nay",
                     children=[point])
    # 001 II.2.(4): "Đánh giá việc thực hiện …" orders an evaluation and stays a task
    order = d.section("II.2.(4)", "Đánh giá việc thực hiện chủ trương phân cấp quản lý nhà nước",
                      "Ủy ban nhân dân Thành phố tổng hợp, báo cáo Thành ủy.")
    tasks = extract_tasks(d.layout([root, order]), HN)
    assert {t["section"] for t in tasks} == {"II.2.(4)"}


def test_points_numbered_inside_a_paragraph_are_sections_of_their_own():
    # tb-432 4.1: "Giao Đảng ủy Chính phủ: (i) Chỉ đạo X chủ trì …; (ii) Chỉ đạo Y chủ trì …"
    d = Doc()
    sec = d.section("4.1", "Giao Đảng uỷ Chính phủ: *(i) *Chỉ đạo Đảng uỷ Bộ Y tế chủ trì xây "
                    "dựng và hoàn thiện quy trình liên thông. *(ii) *Chỉ đạo Đảng uỷ Bộ Giáo dục "
                    "và Đào tạo chủ trì xây dựng các chương trình giáo dục, hỗ trợ hoà nhập.")
    tasks = extract_tasks(d.layout([sec]), Ctx("Trung ương", 2025))
    assert triples(tasks) == {
        ("4.1.(i)", "chu_tri", "Đảng ủy Chính phủ"), ("4.1.(i)", "chu_tri", "Đảng ủy Bộ Y tế"),
        ("4.1.(ii)", "chu_tri", "Đảng ủy Chính phủ"),
        ("4.1.(ii)", "chu_tri", "Đảng ủy Bộ Giáo dục và Đào tạo")}
    nested = next(t for t in tasks if t["chu_tri"][0]["ten"] == "Đảng ủy Bộ Y tế")
    evidence = d.text[slice(*nested["evidence"]["spans"][0])]
    assert evidence.strip(" *").startswith("Chỉ đạo Đảng ủy Bộ Y tế")


def test_a_single_parenthesised_i_is_no_point():
    d = Doc()
    sec = d.section("2", "Sở Nội vụ chủ trì rà soát các vị trí (i) theo quy định.")
    tasks = extract_tasks(d.layout([sec], kind="state"), Ctx("Tỉnh Bắc Ninh", 2025))
    assert {t["section"] for t in tasks} == {"2"}


def test_a_heading_naming_a_kind_of_organisation_is_a_collective_assignee():
    # kh-987 IV.5 and IV.6 ("KCN" spelled out from "Khu công nghiệp (viết tắt KCN)")
    d = Doc()
    d.para("Phát triển sóng 5G tại các Khu công nghiệp (viết tắt KCN) đã đi vào hoạt động.")
    five = d.section("IV.5", "Các chủ đầu tư xây dựng và kinh doanh hạ tầng Khu công nghiệp",
                     "- Phối hợp chặt chẽ với Ban Quản lý Khu kinh tế Đông Nam, Sở Khoa học và "
                     "Công nghệ và các doanh nghiệp viễn thông trong quá trình khảo sát.")
    six = d.section("IV.6", "Các doanh nghiệp thứ cấp đang hoạt động trong KCN",
                    "- Khuyến khích các doanh nghiệp đầu tư, ứng dụng thiết bị và giải pháp IoT.")
    vague = d.section("IV.7", "Các cơ quan, đơn vị, địa phương",
                      "- Xây dựng kế hoạch triển khai thực hiện.")
    # corpus2 ct-09 11: where they are and the predicate are not part of the kind's name
    water = d.section("IV.8", "Các đơn vị cấp nước sạch trên địa bàn tỉnh có trách nhiệm",
                      "- Đầu tư mạng lưới cấp nước.")
    tasks = extract_tasks(d.layout([five, six, vague, water], kind="state"),
                          Ctx("Tỉnh Nghệ An", 2025))
    assert triples(tasks) == {
        ("IV.5", "chu_tri", "Chủ đầu tư xây dựng và kinh doanh hạ tầng Khu công nghiệp*"),
        ("IV.5", "phoi_hop", "Ban Quản lý Khu kinh tế Đông Nam"),
        ("IV.5", "phoi_hop", "Sở Khoa học và Công nghệ"),
        ("IV.5", "phoi_hop", "Doanh nghiệp viễn thông*"),
        ("IV.6", "chu_tri", "Doanh nghiệp thứ cấp đang hoạt động trong khu công nghiệp*"),
        ("IV.8", "chu_tri", "Đơn vị cấp nước sạch*")}


def test_the_subject_after_the_then_of_a_condition():
    # kl-07 3: "… nếu có khó khăn, vướng mắc thì các văn phòng tỉnh ủy, thành ủy, cơ quan đảng
    # ở Trung ương kịp thời báo cáo"
    d = Doc()
    sec = d.section("3", "Về các kiến nghị, đề xuất", "Quá trình tổ chức thực hiện nếu có khó "
                    "khăn, vướng mắc thì các văn phòng tỉnh uỷ, thành uỷ, cơ quan đảng ở Trung "
                    "ương kịp thời báo cáo, trao đổi.")
    tasks = extract_tasks(d.layout([sec]), Ctx("Trung ương", 2025))
    assert triples(tasks) == {("3", "chu_tri", "Văn phòng Tỉnh ủy*"),
                              ("3", "chu_tri", "Văn phòng Thành ủy*"),
                              ("3", "chu_tri", "Cơ quan đảng ở Trung ương*")}


def test_report_and_advise_names_the_recipient():
    # qd-384 Điều 18.2.đ "báo cáo, tham mưu Ban Bí thư sửa đổi, bổ sung Quy định"
    d = Doc()
    sec = d.section("III.18.2.đ", None, "Văn phòng Trung ương Đảng theo dõi các cơ quan đảng thực "
                    "hiện Quy định này; báo cáo, tham mưu Ban Bí thư sửa đổi, bổ sung Quy định.")
    task = one(extract_tasks(d.layout([sec]), Ctx("Trung ương", 2025)), "III.18.2.đ")
    assert [b["ten"] for b in task["bao_cao_cho"]] == ["Ban Bí thư"]


@pytest.mark.parametrize(("issuer", "expected"), [
    ({"ten": "Văn phòng Trung ương Đảng", "dia_ban": "Trung ương"},
     {("3", "chu_tri", "Văn phòng Trung ương Đảng")}),
    ({"ten": "Ban Bí thư", "dia_ban": "Trung ương"}, set()),  # not the issuer's own organ
])
def test_an_organ_word_alone_is_the_issuer_it_opens(issuer, expected):
    # kl-07 3: "Văn phòng sẽ phối hợp với các cơ quan liên quan tham mưu đề xuất …"
    d = Doc()
    sec = d.section("3", "Về các kiến nghị, đề xuất", "Văn phòng sẽ phối hợp với các cơ quan "
                    "liên quan tham mưu đề xuất cấp có thẩm quyền xem xét, giải quyết.")
    tasks = extract_tasks(d.layout([sec]), Ctx("Trung ương", 2025),
                          document={"loai": "KetLuan", "co_quan_ban_hanh": issuer})
    assert triples(tasks) == expected


def test_members_named_in_brackets_after_a_generic_head_coordinate():
    # kh-987 IV.1 "Phối hợp chặt chẽ với các nhà mạng (Viettel Nghệ An, VNPT Nghệ An, …)"
    d = Doc()
    sec = d.section("IV.1", "Sở Khoa học và Công nghệ",
                    "- Phối hợp chặt chẽ với các nhà mạng (Viettel Nghệ An, VNPT Nghệ An, "
                    "MobiFone Nghệ An) để xây dựng lộ trình, kế hoạch cụ thể triển khai trạm "
                    "phát sóng 5G.",
                    "- Phối hợp với các đơn vị (nếu có) để hỗ trợ doanh nghiệp.")
    task = one(extract_tasks(d.layout([sec], kind="state"), Ctx("Tỉnh Nghệ An", 2025)), "IV.1")
    assert [b["ten"] for b in task["phoi_hop"]] == ["Viettel Nghệ An", "VNPT Nghệ An",
                                                    "MobiFone Nghệ An"]


def test_the_general_articles_of_a_quy_dinh_hold_no_task():
    # qd-384 Điều 4 "Nguyên tắc chung": a rule for whoever holds the role, not an assignment
    d = Doc()
    point = d.section("I.4.1", None, "Ban Bí thư là chủ sở hữu dữ liệu và thống nhất quản lý dữ "
                      "liệu. Ban Bí thư phân công Chủ quản dữ liệu thực hiện quản lý, khai thác và "
                      "sử dụng theo chức năng, nhiệm vụ.")
    article = d.section("I.4", "Nguyên tắc chung", children=[point])
    assert extract_tasks(d.layout([article]), Ctx("Trung ương", 2025)) == []


def test_a_lead_in_that_names_partners_keeps_them():
    # kh-987 IV.3 "Chủ trì, phối hợp các đơn vị điện lực …" written as a lead-in to bullets
    d = Doc()
    sec = d.section("IV.3", "Các Sở, ban, ngành cấp tỉnh",
                    "Chủ trì, phối hợp các đơn vị điện lực trên địa bàn tỉnh thực hiện các nhiệm "
                    "vụ sau:",
                    "- Rà soát, đảm bảo khả năng cung ứng điện ổn định, an toàn cho các trạm BTS.")
    task = one(extract_tasks(d.layout([sec], kind="state"), Ctx("Tỉnh Nghệ An", 2025)), "IV.3")
    assert [b["ten"] for b in task["phoi_hop"]] == ["Đơn vị điện lực"]


def test_the_annex_table_after_the_signature_gives_one_task_per_row():
    # corpus2 kh-617 (Đồng Tháp) "PHỤ LỤC / DANH MỤC CÁC NHIỆM VỤ TRỌNG TÂM", group rows I, II
    doc = Doc()
    doc.para("Nơi nhận: - Như trên.")
    end = len(doc.text)
    doc.text += ("PHỤ LỤC\nSTT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |\n"
                 "I. NÂNG CAO NHẬN THỨC |\n"
                 "1 | Triển khai nền tảng đào tạo | Sở KH&CN | Sở Nội vụ | Thường xuyên |\n"
                 "II. HOÀN THIỆN CƠ CHẾ |\n"
                 "4 | Xây dựng Bộ tiêu chí | Sở Tài chính | Sở KH&CN | Quí IV-2025 |\n")
    layout = doc.layout([])
    layout.body_end = end
    tasks = extract_tasks(layout, Ctx("Tỉnh Đồng Tháp", 2025))
    assert triples(tasks) == {
        ("Phụ lục.I.1", "chu_tri", "Sở Khoa học và Công nghệ"),
        ("Phụ lục.I.1", "phoi_hop", "Sở Nội vụ"),
        ("Phụ lục.II.4", "chu_tri", "Sở Tài chính"),
        ("Phụ lục.II.4", "phoi_hop", "Sở Khoa học và Công nghệ"),
    }


def test_an_annex_chu_tri_cell_outside_the_vocabulary_is_the_bodys_name():
    # corpus2 kh-310 (Hà Nội) PHỤ LỤC: "Ban Quản lý các khu công nghệ cao và khu công nghiệp"
    doc = Doc()
    doc.para("Nơi nhận: - Như trên.")
    end = len(doc.text)
    doc.text += ("PHỤ LỤC\nTT | Nội dung/nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp |\n"
                 "1. | Tổ chức điều chỉnh quy hoạch | Ban Quản lý các khu công nghệ cao và khu "
                 "công nghiệp | Sở Tài chính |\n"
                 "2. | Khảo sát | các đơn vị liên quan | Sở Tài chính |\n")
    layout = doc.layout([])
    layout.body_end = end
    assert triples(extract_tasks(layout, HN)) == {
        ("Phụ lục.1", "chu_tri", "Ban Quản lý các khu công nghệ cao và khu công nghiệp"),
        ("Phụ lục.1", "phoi_hop", "Sở Tài chính"),
    }
