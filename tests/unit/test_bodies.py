"""Bodies: canonical names and jurisdictions as the gold records write them.

Every phrase is quoted from the seeds (NNN:line) or the corpus.
"""
from __future__ import annotations

import pytest
from vbkg.loaders.extract.bodies import build_scope, canonical_body, find_bodies
from vbkg.loaders.extract.body_lists import parse_list
from vbkg.loaders.extract.body_parse import BodyScope
from vbkg.loaders.extract.body_vocab import body_tokens
from vbkg.loaders.read.source import normalize

HCM = BodyScope("Thành phố Hồ Chí Minh")
HN = BodyScope("Thành phố Hà Nội")
NGHE_AN = BodyScope("Tỉnh Nghệ An")
CENTRAL = BodyScope("Trung ương")


def names(text: str, scope: BodyScope) -> list[tuple[str, str | None, bool]]:
    """(ten, dia_ban, tap_the) of every body found in a normalized text."""
    return [(m.body["ten"], m.body["dia_ban"], m.body.get("tap_the", False))
            for m in find_bodies(normalize(text), 0, scope)]


def listed(text: str, scope: BodyScope) -> list[str]:
    """Names of the bodies in the list that opens `text`."""
    mentions, _ = parse_list(body_tokens(normalize(text)), 0, scope)
    return [m.body["ten"] + ("*" if m.body.get("tap_the") else "") for m in mentions]


# --- canonical names, abbreviations and equivalences


@pytest.mark.parametrize(("phrase", "scope", "ten"), [
    ("Ban Cán sự Đảng UBND Thành phố", HN, "Ban cán sự đảng Ủy ban nhân dân"),  # 003:103
    ("BCS Đảng UBND TP", HN, "Ban cán sự đảng Ủy ban nhân dân"),  # 003:131
    ("Đảng đoàn HĐND Thành phố", HN, "Đảng đoàn Hội đồng nhân dân"),  # 003:99
    ("Đảng đoàn Mặt trận Tổ quốc", HN, "Đảng đoàn Mặt trận Tổ quốc Việt Nam"),  # 001:55
    ("MTTQ", HN, "Ủy ban Mặt trận Tổ quốc Việt Nam"),  # 003:113, gold note "MTTQ as a body"
    ("Ủy ban MTTQ", HN, "Ủy ban Mặt trận Tổ quốc Việt Nam"),  # 001:138
    ("Ban Tổ chức Thành ủy", HCM, "Ban Tổ chức Thành ủy"),
    ("Đảng ủy sở Y tế", HCM, "Đảng ủy Sở Y tế"),  # 000:256, lower-case "sở"
    ("Ban Thường vụ Liên đoàn lao động TPHCM", HCM, "Ban Thường vụ Liên đoàn Lao động"),  # 004:42
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy", NGHE_AN, "Ban Tuyên giáo và Dân vận Tỉnh ủy"),
])
def test_canonical_names_expand_abbreviations_and_drop_the_jurisdiction(phrase, scope, ten):
    assert canonical_body(phrase, scope)["ten"] == ten


def test_ban_chap_hanh_dang_bo_thanh_pho_is_thanh_uy():
    # 000:21 "Hội nghị lần thứ tám Ban Chấp hành Đảng bộ thành phố" issues 05-NQ/TU (gold: Thành ủy)
    body = canonical_body("Hội nghị lần thứ tám Ban Chấp hành Đảng bộ thành phố", HCM)
    assert (body["ten"], body["dia_ban"]) == ("Thành ủy", "Thành phố Hồ Chí Minh")


def test_a_provincial_document_gets_tinh_uy_for_the_same_organs():
    body = canonical_body("Ban Chấp hành Đảng bộ tỉnh", NGHE_AN)
    assert (body["ten"], body["dia_ban"]) == ("Tỉnh ủy", "Tỉnh Nghệ An")


@pytest.mark.parametrize(("phrase", "ten"), [
    ("Ban Bí thư Trung ương", "Ban Bí thư"),  # 003:69
    ("Ban Tổ chức Trung ương", "Ban Tổ chức Trung ương"),  # 003:69
    ("Bộ Chính trị", "Bộ Chính trị"),
    ("Chính phủ", "Chính phủ"),
    ("Đảng uỷ Bộ Y tế", "Đảng ủy Bộ Y tế"),  # tb-432
    ("Bộ Khoa học và Công nghệ", "Bộ Khoa học và Công nghệ"),  # kh-987
])
def test_central_bodies_are_trung_uong_whatever_the_document(phrase, ten):
    body = canonical_body(normalize(phrase), HN)
    assert (body["ten"], body["dia_ban"]) == (ten, "Trung ương")


def test_an_explicit_jurisdiction_wins_over_the_documents():
    body = canonical_body("Thành ủy TPHCM", HN)
    assert (body["ten"], body["dia_ban"]) == ("Thành ủy", "Thành phố Hồ Chí Minh")


# --- district-level units keep their name; self-references are dropped


def test_district_level_bodies_keep_their_unit_name():
    # 000:100 irregular case, 000:266 "Ủy ban nhân dân thành phố Thủ Đức"
    assert names("Ban thường vụ thành ủy Thủ Đức", HCM) == [
        ("Ban Thường vụ Thành ủy Thủ Đức", "Thành phố Hồ Chí Minh", False)]
    assert names("Ủy ban nhân dân thành phố Thủ Đức", HCM) == [
        ("Ủy ban nhân dân thành phố Thủ Đức", "Thành phố Hồ Chí Minh", False)]


def test_thanh_pho_alone_is_the_documents_own_city():
    # 000:261 "Ban cán sự đảng Ủy ban nhân dân thành phố lãnh đạo Ủy ban nhân dân thành phố"
    text = "Ban cán sự đảng Ủy ban nhân dân thành phố lãnh đạo Ủy ban nhân dân thành phố"
    found = names(text, HCM)
    assert [f[0] for f in found] == ["Ban cán sự đảng Ủy ban nhân dân", "Ủy ban nhân dân"]


# --- collectives and ellipsis


def test_cac_quan_uy_huyen_uy_are_two_collectives():
    # 000:100-101
    assert listed("Ban thường vụ thành ủy Thủ Đức, các quận ủy, huyện ủy lãnh đạo", HCM) == [
        "Ban Thường vụ Thành ủy Thủ Đức", "Quận ủy*", "Huyện ủy*"]


def test_shared_head_over_unit_words():
    # 000:228 "Đảng ủy phường, xã, thị trấn"; 000:266-267 "UBND thành phố Thủ Đức, các quận, huyện"
    assert listed("Đảng ủy phường, xã, thị trấn tăng cường", HCM) == [
        "Đảng ủy phường*", "Đảng ủy xã*", "Đảng ủy thị trấn*"]
    assert listed("Ủy ban nhân dân thành phố Thủ Đức, các quận, huyện tập trung", HCM) == [
        "Ủy ban nhân dân thành phố Thủ Đức", "Ủy ban nhân dân quận*", "Ủy ban nhân dân huyện*"]


def test_ban_thuong_vu_quan_huyen_thi_uy():
    # 001:111 "Ban thường vụ quận, huyện, thị ủy và đảng ủy trực thuộc Thành ủy" (gold II.5)
    assert listed("Ban thường vụ quận, huyện, thị ủy và đảng ủy trực thuộc Thành ủy", HN) == [
        "Ban Thường vụ Quận ủy*", "Ban Thường vụ Huyện ủy*", "Ban Thường vụ Thị ủy*",
        "Đảng ủy trực thuộc Thành ủy*"]


def test_dang_doan_is_shared_by_the_mass_organisations_after_it():
    # 000:271-273, gold IV.3
    assert listed("Đảng đoàn Mặt trận Tổ quốc Việt Nam, các tổ chức chính trị - xã hội thành phố "
                  "và Ban Thường vụ Thành Đoàn lãnh đạo", HCM) == [
        "Đảng đoàn Mặt trận Tổ quốc Việt Nam", "Đảng đoàn tổ chức chính trị - xã hội*",
        "Ban Thường vụ Thành Đoàn"]


def test_without_dang_doan_the_front_is_its_committee():
    # 003:117 "Mặt trận Tổ quốc, các tổ chức chính trị - xã hội Thành phố chủ động …" (gold III.5)
    assert listed("Mặt trận Tổ quốc, các tổ chức chính trị - xã hội Thành phố chủ động", HN) == [
        "Ủy ban Mặt trận Tổ quốc Việt Nam", "Tổ chức chính trị - xã hội*"]


def test_an_organ_without_owner_borrows_the_next_ones():
    # 001:117 "định kỳ báo cáo kết quả với Thường trực, Ban Thường vụ Thành ủy"
    assert listed("Thường trực, Ban Thường vụ Thành ủy theo quy định", HN) == [
        "Thường trực Thành ủy", "Ban Thường vụ Thành ủy"]


def test_coordinators_separated_by_semicolons():
    # 003:113, gold III.4 phoi_hop
    assert listed("các ban Đảng Thành ủy; các cấp ủy trực thuộc; MTTQ, tổ chức chính trị - xã hội "
                  "và các ngành Thành phố hướng dẫn", HN) == [
        "Ban Đảng Thành ủy*", "Cấp ủy trực thuộc Thành ủy*", "Ủy ban Mặt trận Tổ quốc Việt Nam",
        "Tổ chức chính trị - xã hội*", "Ngành*"]


def test_cap_uy_cap_tren_co_so_drops_its_attachment():
    # 003:119 "cấp ủy cấp trên cơ sở trực thuộc Thành ủy" -> "Cấp ủy cấp trên cơ sở" (gold III.6)
    assert listed("cấp ủy cấp trên cơ sở trực thuộc Thành ủy", HN) == ["Cấp ủy cấp trên cơ sở*"]


def test_every_level_is_a_collective():
    # 003:91 "Cấp ủy, UBKT các cấp tăng cường" (gold II.7)
    assert listed("Cấp ủy, UBKT các cấp tăng cường", HN) == ["Cấp ủy*", "Ủy ban Kiểm tra*"]


def test_a_plural_is_carried_over_commas():
    # kl-07 "các văn phòng tỉnh uỷ, thành uỷ"
    assert listed(normalize("các văn phòng tỉnh uỷ, thành uỷ cụ thể hoá"), CENTRAL) == [
        "Văn phòng Tỉnh ủy*", "Văn phòng Thành ủy*"]


def test_vague_nouns_name_no_body_but_do_not_end_the_list():
    # kh-141 "Các Sở, ngành, đơn vị, UBND cấp xã."
    assert listed("Các Sở, ngành, đơn vị, UBND cấp xã.", BodyScope("Tỉnh Bắc Ninh")) == [
        "Sở*", "Ngành*", "Ủy ban nhân dân cấp xã*"]
    assert listed("các cơ quan liên quan hướng dẫn", HCM) == []


# --- document-local names


def test_the_khoi_of_a_press_article_names_its_short_forms():
    # 004:1 headline, then "Đảng ủy khối" (004:4) and "các cơ quan báo chí thuộc khối" (004:40)
    text = ("Đảng ủy Khối Dân - Chính - Đảng TPHCM cần tăng tốc hoàn thành nhiệm vụ\n"
            "yêu cầu Đảng ủy khối và các cấp ủy cơ sở khẩn trương. "
            "Đối với các cơ quan báo chí thuộc khối, Chủ tịch HĐND TPHCM chỉ đạo")
    scope = build_scope(HCM, text)
    assert scope.khoi == "Dân - Chính - Đảng"
    found = {m.body["ten"] for m in find_bodies(text, 0, scope)}
    assert {"Đảng ủy Khối Dân - Chính - Đảng", "Cấp ủy cơ sở",
            "Cơ quan báo chí thuộc Khối Dân - Chính - Đảng"} <= found


def test_a_local_abbreviation_definition_is_harvested():
    text = "Ban Chỉ đạo … giao Ban Tổ chức Thành ủy (BTCTU2) chủ trì. BTCTU2 báo cáo."
    scope = build_scope(HN, text)
    assert scope.local["BTCTU2"]["ten"] == "Ban Tổ chức Thành ủy"
    later = text.rindex("BTCTU2")
    hits = [m for m in find_bodies(text, 0, scope) if m.start == later]
    assert [m.body["ten"] for m in hits] == ["Ban Tổ chức Thành ủy"]


@pytest.mark.parametrize("text", [
    # 003:21 "(ANCT-TTATXH)", 001:37 TTHC, 001:109 CCHC/CNTT, 003:105 GPMB, 001:53 indices
    "bảo đảm an ninh chính trị, trật tự an toàn xã hội (ANCT-TTATXH) của địa phương",
    "ủy quyền giải quyết TTHC theo Quyết định",
    "Tham mưu đẩy mạnh CCHC, ứng dụng CNTT, chuyển đổi số",
    "hỗ trợ GPMB, tái định cư",
    "Chỉ số Cải cách hành chính (PAR INDEX); (SIPAS); (PAPI); (PCI) của Thành phố",
])
def test_look_alike_acronyms_are_never_bodies(text):
    scope = build_scope(HN, text)
    assert scope.local == {}
    assert names(text, scope) == []


def test_spans_point_at_the_words_that_name_the_body():
    text = "4. Ban Tổ chức Thành ủy chủ trì, phối hợp"
    (m,) = find_bodies(text, 100, HCM)
    assert (m.start, m.end) == (103, 123)
    assert text[m.start - 100:m.end - 100] == "Ban Tổ chức Thành ủy"


def test_in_a_central_text_provincial_units_are_collectives():
    # tb-432 4.2 "phối hợp với Đảng uỷ Bộ Tư pháp, Uỷ ban nhân dân các tỉnh, thành phố"
    assert listed("Đảng uỷ Bộ Tư pháp, Uỷ ban nhân dân các tỉnh, thành phố chỉ đạo", CENTRAL) == [
        "Đảng ủy Bộ Tư pháp", "Ủy ban nhân dân tỉnh*", "Ủy ban nhân dân thành phố*"]
    # the same words in a provincial text name the province itself
    assert listed("Ủy ban nhân dân tỉnh chỉ đạo", NGHE_AN) == ["Ủy ban nhân dân"]


def test_after_a_district_unit_thanh_pho_is_a_district_level_city():
    # provincial plans: "UBND các huyện, thành phố, thị xã căn cứ chức năng, nhiệm vụ …"
    assert listed("UBND các huyện, thành phố, thị xã căn cứ chức năng", NGHE_AN) == [
        "Ủy ban nhân dân huyện*", "Ủy ban nhân dân thành phố*", "Ủy ban nhân dân thị xã*"]


def test_provincial_committees_share_the_final_uy_too():
    # the provincial form of 001:111: "Ban thường vụ huyện, thị, thành ủy"
    assert listed("Ban thường vụ huyện, thị, thành ủy và đảng ủy trực thuộc Tỉnh ủy", NGHE_AN) == [
        "Ban Thường vụ Huyện ủy*", "Ban Thường vụ Thị ủy*", "Ban Thường vụ Thành ủy*",
        "Đảng ủy trực thuộc Tỉnh ủy*"]


def test_a_text_without_jurisdiction_is_read_at_its_speakers_level():
    # press report of Kết luận 157-KL/TW: "Bộ Chính trị yêu cầu các cấp ủy, tổ chức đảng …"
    text = "Bộ Chính trị yêu cầu các cấp ủy, tổ chức đảng tiếp tục làm tốt công tác tư tưởng."
    scope = build_scope(None, text)
    assert scope.jurisdiction == "Trung ương"
    assert names(text, scope)[1] == ("Cấp ủy", None, True)  # every lower level's: SCHEMA.md


def test_an_attachment_is_read_past_and_names_no_body():
    # "Các đảng ủy xã, phường trực thuộc Tỉnh ủy căn cứ Kế hoạch này …"
    mentions, end = parse_list(body_tokens("Các đảng ủy xã, phường trực thuộc Tỉnh ủy căn cứ"),
                               0, NGHE_AN)
    assert [m.body["ten"] for m in mentions] == ["Đảng ủy xã", "Đảng ủy phường"]
    assert body_tokens("Các đảng ủy xã, phường trực thuộc Tỉnh ủy căn cứ")[end].text == "căn"


# --- named kinds of the political system are collectives; generic nouns name none


@pytest.mark.parametrize(("text", "scope", "expected"), [
    # tb-432: the four kinds, "các cấp" read with the last
    ("cấp uỷ, tổ chức đảng, chính quyền, đoàn thể các cấp tập trung thực hiện", CENTRAL,
     ["Cấp ủy*", "Tổ chức đảng*", "Chính quyền*", "Đoàn thể*"]),
    # tb-432 4.5
    ("Cấp uỷ, chính quyền địa phương các cấp", CENTRAL, ["Cấp ủy*", "Chính quyền địa phương*"]),
    # kl-07 3: "cơ quan đảng ở Trung ương" is a kind, and the plural "văn phòng" is carried
    # only to the committees of the same kind
    ("các văn phòng tỉnh uỷ, thành uỷ, cơ quan đảng ở Trung ương kịp thời báo cáo", CENTRAL,
     ["Văn phòng Tỉnh ủy*", "Văn phòng Thành ủy*", "Cơ quan đảng ở Trung ương*"]),
    # kh-987 IV.3 and IV.4
    ("Các Sở, ban, ngành cấp tỉnh", NGHE_AN, ["Sở*", "Ban*", "Ngành*"]),
    ("Các doanh nghiệp viễn thông", NGHE_AN, ["Doanh nghiệp viễn thông*"]),
    ("các đơn vị điện lực trên địa bàn tỉnh", NGHE_AN, ["Đơn vị điện lực*"]),
])
def test_named_kinds_are_collectives(text, scope, expected):
    assert listed(text, scope) == expected


def test_ban_is_a_kind_only_inside_a_list_of_collectives():
    # kh-141 IV.2 "các Sở, ban, ngành, đơn vị và UBND cấp xã"; "ban hành" is a verb
    bac_ninh = BodyScope("Tỉnh Bắc Ninh")
    assert listed("các Sở, ban, ngành, đơn vị và UBND cấp xã bố trí", bac_ninh) == \
        ["Sở*", "Ban*", "Ngành*", "Ủy ban nhân dân cấp xã*"]
    assert listed("ban hành Kế hoạch", bac_ninh) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Các Sở, ngành, đơn vị liên quan kiện toàn", []),  # kh-141 IV.4
    ("các sở, ban, ngành, cơ quan, đơn vị liên quan triển khai", []),  # kh-987 closing
    ("Sở Tư pháp; các cơ quan, đơn vị, địa phương liên quan.", ["Sở Tư pháp"]),  # kh-141 III.4
])
def test_a_list_closed_by_lien_quan_names_no_collective(text, expected):
    assert listed(text, BodyScope("Tỉnh Bắc Ninh")) == expected


def test_cac_co_quan_dang_lien_quan_names_no_body():
    # qd-384 Điều 18.2.c
    assert listed("các cơ quan đảng liên quan thực hiện rà soát", CENTRAL) == []


def test_lien_quan_den_is_no_closer():
    # kh-141 IV.5 "UBND các xã, phường", here followed by the verb "liên quan đến"
    bac_ninh = BodyScope("Tỉnh Bắc Ninh")
    assert listed("UBND các xã, phường liên quan đến công tác xây dựng pháp luật", bac_ninh) == \
        ["Ủy ban nhân dân xã*", "Ủy ban nhân dân phường*"]
    assert listed("UBND các xã, phường liên quan triển khai", bac_ninh) == []


# --- where a body sits when the text names no place (SCHEMA.md body dia_ban)


@pytest.mark.parametrize(("phrase", "scope", "expected"), [
    # corpus2 ct-09 (Cần Thơ) 8.c, cv-5973 (Lào Cai) 8: the level word is the suffix
    ("Công an thành phố chủ trì", BodyScope("Thành phố Cần Thơ"), ("Công an", "Thành phố Cần Thơ")),
    ("Thanh tra tỉnh kiểm tra", BodyScope("Tỉnh Lào Cai"), ("Thanh tra", "Tỉnh Lào Cai")),
    ("Thuế tỉnh thực hiện", BodyScope("Tỉnh Lào Cai"), ("Thuế", "Tỉnh Lào Cai")),
])
def test_provincial_agencies_lose_their_level_word(phrase, scope, expected):
    assert names(phrase, scope)[0][:2] == expected


def test_lower_level_collectives_in_a_central_text_have_no_dia_ban():
    # corpus2 kl-75 IV.4 "Các tỉnh uỷ, thành uỷ ..."; tests/corpus_gold/kl-221 item 4
    mentions, _ = parse_list(body_tokens(normalize("Các tỉnh ủy, thành ủy lãnh đạo")), 0, CENTRAL)
    found = [(m.body["ten"], m.body["dia_ban"], m.body.get("tap_the")) for m in mentions]
    assert found == [("Tỉnh ủy", None, True), ("Thành ủy", None, True)]
    assert names("Bộ Chính trị giao", CENTRAL) == [("Bộ Chính trị", "Trung ương", False)]


def test_a_central_text_about_one_province_places_its_bodies_there():
    # corpus2 tb-634 (TB-VPCP, "làm việc với Thường trực Tỉnh ủy Thanh Hóa") II
    scope = BodyScope("Trung ương", subject="Tỉnh Thanh Hóa")
    assert names("Thường trực Tỉnh ủy chỉ đạo", scope) == [
        ("Thường trực Tỉnh ủy", "Tỉnh Thanh Hóa", False)]
    assert names("Bộ Xây dựng chủ trì", scope)[0][1] == "Trung ương"


def test_special_zones_and_zone_boards_are_bodies():
    # corpus2 qd-1627 "UBND các phường, xã, đặc khu"; kh-310 "Ban Quản lý các khu công nghệ cao
    # và khu công nghiệp"
    scope = BodyScope("Tỉnh Quảng Ngãi")
    assert listed("UBND các phường, xã, đặc khu thực hiện", scope) == [
        "Ủy ban nhân dân phường*", "Ủy ban nhân dân xã*", "Ủy ban nhân dân đặc khu*"]
    assert names("Ban Quản lý các khu công nghệ cao và khu công nghiệp chủ trì", HN)[0][0] == (
        "Ban Quản lý các khu công nghệ cao và khu công nghiệp")
