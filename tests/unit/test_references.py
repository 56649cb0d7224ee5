"""References: numbers and their variants, issuers and jurisdictions, relations, merging.

Each case is a sentence quoted from the seeds or the corpus.
"""

from extract_fixtures import corpus, hanoi_document, layout_of, seed, source
from vbkg.loaders.extract import extract
from vbkg.loaders.extract.context import build_context
from vbkg.loaders.extract.references import extract_references
from vbkg.loaders.knowledge.numbers import find_numbers
from vbkg.loaders.parse.layout import parse


def refs_of(src):
    layout = parse(src)
    return {
        r["so_hieu"] or r["so"] or r["ten_goi"]: r
        for r in extract_references(layout, build_context(layout))
    }


def refs_of_file(path):
    layout = layout_of(path)
    return {
        r["so_hieu"] or r["so"] or r["ten_goi"]: r
        for r in extract_references(layout, build_context(layout))
    }


def issuer(ref):
    body = ref["co_quan_ban_hanh"] or {}
    return body.get("ten"), body.get("dia_ban")


def test_number_variants_are_canonical():
    cases = {
        "Số 15 - NQ/TU": "15-NQ/TU",  # 003:4, spaces around the dash
        "Chỉ thị số 10 - CT/W, ngày 30/3/2007": "10-CT/TW",  # 003:69, typo W for TW
        "Hướng dẫn số 31 – HD/BTCTW": "31-HD/BTCTW",  # en dash
        "Số:\n88-KH/TU": "88-KH/TU",  # 000:10-11, line break inside
        "858CV/ĐUK": "858-CV/ĐUK",  # dash missing
        "05-Ctr/ĐUK": "05-CTr/ĐUK",  # case
        "Nghị định 60/2021/NĐ-CP ngày 21/6/2021": "60/2021/NĐ-CP",  # 001:33
        "21/2024/NQHĐND": "21/2024/NQ-HĐND",  # hyphen lost in extraction
        "1206 /QĐ-HVTC": "1206/QĐ-HVTC",
        "Luật Giao dịch điện tử số 20/2023/QH15, ngày 22/6/2023": "20/2023/QH15",  # qd-384
    }
    for raw, canonical in cases.items():
        assert [n.so_hieu for n in find_numbers(raw)] == [canonical], raw


def test_look_alikes_are_not_numbers():
    for text in (
        "Chiều 15-10,",
        "nhiệm kỳ 2020-2025",
        "dịch COVID-19",
        "(ANCT-TTATXH)",
        "Phòng TH/Linh",
        "T/M BAN THƯỜNG VỤ",
        "(để b/c)",
        "trưởng trạm/trạm y tế",
        "./.",
    ):
        assert find_numbers(text) == [], text


def test_preamble_thuc_hien_with_plenum_issuer_and_date():
    refs = refs_of_file(seed("000"))
    ref = refs["05-NQ/TU"]
    assert (ref["relation"], ref["loai"], ref["ngay_ban_hanh"]) == (
        "thuc_hien",
        "NghiQuyet",
        "2021-09-15",
    )
    # "của Hội nghị lần thứ tám Ban Chấp hành Đảng bộ thành phố" is the Thành ủy of HCM
    assert issuer(ref) == ("Thành ủy", "Thành phố Hồ Chí Minh")
    assert ref["trich_yeu"].startswith("Về Kế hoạch tổng thể phòng, chống dịch COVID-19")
    assert refs["436-KL/TU"]["relation"] == "trich_dan"  # "theo Kết\nluận số 436-KL/TU"
    assert issuer(refs["436-KL/TU"]) == ("Ban Thường vụ Thành ủy", "Thành phố Hồ Chí Minh")


def test_tu_symbol_belongs_to_the_documents_city():
    refs = refs_of(
        hanoi_document(
            "II. NỘI DUNG\n\n2. Ban Cán sự đảng Ủy ban nhân dân Thành phố\n\n"
            "(10) Triển khai hiệu quả Nghị quyết số 18-NQ/TU, ngày 30/12/2022 "
            "của Thành ủy về chuyển đổi số, "
            "xây dựng thành phố thông minh.\n"
        )
    )  # 001:51
    assert issuer(refs["18-NQ/TU"]) == ("Thành ủy", "Thành phố Hà Nội")
    assert (
        refs["18-NQ/TU"]["relation"] == "trich_dan"
    )  # an instruction in the body, not the preamble


def test_trailing_date_and_issuer_shared_by_coordinated_numbers():
    refs = refs_of_file(seed("003"))
    for so_hieu in (
        "217-QĐ/TW",
        "218-QĐ/TW",
    ):  # 003:79 "... và Quyết định 218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị"
        assert (refs[so_hieu]["ngay_ban_hanh"], issuer(refs[so_hieu])) == (
            "2013-12-12",
            ("Bộ Chính trị", "Trung ương"),
        )
    assert issuer(refs["10-CT/TW"]) == ("Ban Bí thư", "Trung ương")
    assert issuer(refs["09-HD/BTCTW"]) == ("Ban Tổ chức Trung ương", "Trung ương")


def test_issuer_without_cua_and_state_numbers():
    refs = refs_of_file(seed("001"))
    # 001:35 "Nghị quyết số 13-NQ/TU, ngày 30/6/2022, Kết luận số 52-KL/TU, ngày 07/7/2022
    # Hội nghị lần thứ tám ..." (an issuer with no "của")
    assert issuer(refs["13-NQ/TU"]) == ("Thành ủy", "Thành phố Hà Nội")
    assert issuer(refs["52-KL/TU"]) == ("Thành ủy", "Thành phố Hà Nội")
    # "Nghị quyết số 21/2022/NQ-HĐND, Nghị quyết số 23/NQ-HĐND ngày 12/9/2022 của HĐND Thành phố"
    assert issuer(refs["21/2022/NQ-HĐND"]) == ("Hội đồng nhân dân", "Thành phố Hà Nội")
    assert refs["21/2022/NQ-HĐND"]["ngay_ban_hanh"] is None
    assert refs["23/NQ-HĐND"]["ngay_ban_hanh"] == "2022-09-12"
    assert issuer(refs["60/2021/NĐ-CP"]) == ("Chính phủ", "Trung ương")
    assert issuer(refs["18-NQ/TW"]) == ("Ban Chấp hành Trung ương", "Trung ương")
    # 24-CT/TU: thực hiện in the preamble, quoted again in I.1; one reference, the stronger relation
    assert refs["24-CT/TU"]["relation"] == "thuc_hien"
    assert sum(1 for k in refs if k == "24-CT/TU") == 1


def test_bare_numbers_and_press_relations():
    refs = refs_of_file(seed("004"))
    chi_thi = refs["18"] if refs["18"]["loai"] == "ChiThi" else None
    # "Chỉ thị 18 của UBND TPHCM"; "Nghị quyết 18, 19 của Hội nghị lần thứ 6 Ban Chấp hành TW"
    by_key = {
        (r["loai"], r["so"]): r
        for r in extract_references(layout_of(seed("004")), build_context(layout_of(seed("004"))))
    }
    chi_thi = by_key[("ChiThi", "18")]
    assert issuer(chi_thi) == ("Ủy ban nhân dân", "Thành phố Hồ Chí Minh")
    assert chi_thi["relation"] == "thuc_hien"  # "lãnh đạo thực hiện hiệu quả ... theo ..."
    for so in ("18", "19"):
        nq = by_key[("NghiQuyet", so)]
        assert issuer(nq)[1] == "Trung ương" and nq["relation"] == "trich_dan"  # "theo tinh thần"
    assert refs["05-CT/TW"]["relation"] == "trich_dan"  # inside 01-KL/TW's title
    assert refs["01-KL/TW"]["relation"] == "thuc_hien"
    assert refs["1374"]["loai"] == "QuyDinh"


def test_names_without_numbers():
    refs = refs_of_file(seed("003"))
    name = refs["Nghị quyết Trung ương 4 khóa XII"]
    assert (name["loai"], name["so_hieu"], name["so"]) == ("NghiQuyet", None, None)
    assert issuer(name) == ("Ban Chấp hành Trung ương", "Trung ương")
    congress = refs["Nghị quyết Đại hội đại biểu lần thứ XVI Đảng bộ Thành phố"]
    assert congress["relation"] == "thuc_hien"  # 003:25, two parents in one preamble
    assert refs["01-CTr/TU"]["relation"] == "thuc_hien"
    # "Chương trình số 01 của Thành ủy (khóa XVI)" (003:73) is 01-CTr/TU again
    assert "01" not in refs


def test_nested_titles_in_a_thuc_hien_clause():
    refs = refs_of_file(corpus("kh-987"))
    # "Triển khai Kế hoạch hành động số 328-KH/TU ... về việc thực hiện Nghị quyết số 57-NQ/TW
    #  ...; Kế hoạch số 348/KH-UBND ... về triển khai thực hiện Nghị quyết số 71/NQ-CP ...;
    #  Kế hoạch số 01-KH/BCĐ ... triển khai thực hiện Kế hoạch số 02-KH/BCĐTW ..."
    for so_hieu in ("328-KH/TU", "348/KH-UBND", "01-KH/BCĐ"):
        assert refs[so_hieu]["relation"] == "thuc_hien", so_hieu
    for so_hieu in ("71/NQ-CP", "02-KH/BCĐTW"):  # named inside a parent's description
        assert refs[so_hieu]["relation"] == "trich_dan", so_hieu
    assert issuer(refs["328-KH/TU"]) == ("Tỉnh ủy", "Tỉnh Nghệ An")


def test_a_plans_own_aim_under_muc_dich():
    # kh-141 I.1: "- Triển khai thực hiện kịp thời, đồng bộ, hiệu quả Kế hoạch số 14-KH/TU ...,
    #  Kế hoạch số 24/KH-UBND ... và Nghị quyết số 66-NQ/TW trên địa bàn tỉnh Bắc Ninh."
    refs = refs_of_file(corpus("kh-141"))
    assert refs["14-KH/TU"]["relation"] == refs["24/KH-UBND"]["relation"] == "thuc_hien"
    assert issuer(refs["14-KH/TU"]) == ("Ban Thường vụ Tỉnh ủy", "Tỉnh Bắc Ninh")
    assert refs["66-NQ/TW"]["relation"] == "thuc_hien"
    # "Nghị quyết số 27/NQ- TW": a Party number in state shape; "Nghị quyết số 197/2025/QH15"
    assert refs["27-NQ/TW"]["loai"] == "NghiQuyet"
    assert refs["197/2025/QH15"]["loai"] == "NghiQuyet"
    # the body part of 001 (section II) stays trich_dan: not the plan's own aim
    assert refs_of_file(seed("001"))["18-NQ/TU"]["relation"] == "trich_dan"


def test_can_cu_list():
    refs = refs_of_file(corpus("qd-384"))
    assert refs["57-NQ/TW"]["relation"] == "can_cu"
    assert issuer(refs["57-NQ/TW"]) == ("Bộ Chính trị", "Trung ương")
    assert refs["20/2023/QH15"]["loai"] == "Luat"
    assert refs["05-QĐ/BCĐTW"]["loai"] == "QuyDinh"  # "Quy định số 05-QĐ/BCĐTW": the word decides


def test_the_document_itself_and_its_own_number_are_not_references():
    refs = refs_of_file(seed("002"))
    assert "88-KH/TU" not in refs  # the publisher's title line names the document itself


def test_a_report_is_never_implemented():
    refs = refs_of_file(corpus("press-2025-ket-luan-157"))
    assert refs["392-BC/BTCTW"]["relation"] == "trich_dan"


def test_evidence_is_the_sentence_in_the_text():
    layout = layout_of(seed("003"))
    for ref in extract_references(layout, build_context(layout)):
        ev = ref["evidence"]
        assert layout.source.text[ev["start"] : ev["end"]] == ev["quote"]
        written = ref["so_hieu"] or ref["ten_goi"]
        if ref["so_hieu"]:
            assert ref["so_hieu"].split("-")[0].split("/")[0] in ev["quote"]
        assert written and ev["rule"].startswith("reference.")


def test_plain_source_without_references():
    assert (
        refs_of(source("KẾ HOẠCH\n\nVề việc kiểm tra\n\nNội dung không dẫn văn bản nào.\n")) == {}
    )


def test_same_number_of_another_committee_is_not_the_document_itself():
    src = source(
        "ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH\nHUYỆN ỦY HÓC MÔN\n*\nSố 01-KH/HU\n"
        "TP. Hồ Chí Minh, ngày 18 tháng 10 năm 2020\n\nKẾ HOẠCH\nVề phòng, chống thiên tai\n\n"
        "Thực hiện Kế hoạch số 01-KH/HU, ngày 27 tháng 9 năm 2020 của Ban Thường vụ Huyện ủy "
        "Bình Chánh về phòng, chống thiên tai, Ban Thường vụ Huyện ủy Hóc Môn ban hành Kế hoạch "
        "thực hiện như sau:\nI. MỤC ĐÍCH\n1. Kế hoạch số 01-KH/HU này được phổ biến đến chi bộ./.\n"
        "Nơi nhận:\n- Lưu.\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\nNguyễn Văn An\n"
    )
    [ref] = extract(src)["references"]
    assert ref["relation"] == "thuc_hien" and ref["ngay_ban_hanh"] == "2020-09-27"
    assert ref["co_quan_ban_hanh"]["dia_ban"] == "Thành phố Hồ Chí Minh"


def test_state_letter_basis_then_implementation_in_one_clause():
    # header lines of kh-987 (UBND tỉnh Nghệ An); a công văn number; "Căn cứ …; thực hiện …"
    src = source(
        "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n---------------\nSố: 12/UBND-VX\n"
        "V/v sắp xếp đơn vị hành chính cấp xã\nNghệ An, ngày 02 tháng 6 năm 2025\n\n"
        "Căn cứ Kết luận số 157-KL/TW ngày 25/5/2025 của Bộ Chính trị; thực hiện Kế hoạch hành "
        "động số 328-KH/TU ngày 24/4/2025 của Ban chấp hành Đảng bộ tỉnh Nghệ An, Ủy ban nhân "
        "dân tỉnh yêu cầu các sở, ban, ngành triển khai thực hiện.\n\n"
        "Nơi nhận:\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nHoàng Phú Hiền\n"
    )
    record = extract(src)
    assert (record["document"]["loai"], record["document"]["so_hieu"]) == ("CongVan", "12/UBND-VX")
    assert record["document"]["trich_yeu"] == "sắp xếp đơn vị hành chính cấp xã"
    refs = {r["so_hieu"]: r for r in record["references"]}
    assert refs["157-KL/TW"]["relation"] == "can_cu"
    assert refs["328-KH/TU"]["relation"] == "thuc_hien"
    assert issuer(refs["328-KH/TU"]) == ("Tỉnh ủy", "Tỉnh Nghệ An")


def test_a_number_in_a_press_headline_is_not_the_documents_own():
    src = source(
        "Bộ Chính trị ban hành Kết luận số 157-KL/TW về sắp xếp đơn vị hành chính\n\n"
        "Ngày 25/5/2025, thay mặt Bộ Chính trị, đồng chí Trần Cẩm Tú ký ban hành Kết luận số "
        "157-KL/TW của Bộ Chính trị về triển khai thực hiện các nghị quyết, kết luận.\n"
    )
    record = extract(src)
    assert record["document"]["loai"] == "BaiBao" and record["document"]["so_hieu"] is None
    assert [r["so_hieu"] for r in record["references"]] == ["157-KL/TW"]


def test_gan_voi_in_the_purpose_section_is_a_citation():
    # DOMAIN.md §4.5: "gắn với [X]" is trich_dan, also under "MỤC ĐÍCH, YÊU CẦU"
    refs = refs_of(
        hanoi_document(
            "I. MỤC ĐÍCH, YÊU CẦU\n\n1. Triển khai thực hiện nghiêm túc Chỉ thị số 24-CT/TU ngày "
            "07/8/2023 của Ban Thường vụ Thành ủy.\n\n2. Gắn việc thực hiện với Nghị quyết số "
            "18-NQ/TU, ngày 30/12/2022 của Thành ủy về chuyển đổi số.\n"
        )
    )
    assert refs["24-CT/TU"]["relation"] == "thuc_hien"
    assert refs["18-NQ/TU"]["relation"] == "trich_dan"


def test_basis_named_without_a_number():
    refs = refs_of_file(corpus("qd-384"))
    # "- Căn cứ Điều lệ Đảng;" and "- Căn cứ Quy chế làm việc của Ban Chấp hành Trung ương, ..."
    assert refs["Điều lệ Đảng"]["relation"] == "can_cu"
    quy_che = next(r for k, r in refs.items() if k.startswith("Quy chế làm việc"))
    assert quy_che["loai"] == "QuyChe" and quy_che["relation"] == "can_cu"
    assert "Bộ Chính trị và Ban Bí thư" in quy_che["ten_goi"]


def test_numbers_of_2025_ministries_departments_and_dotted_resolutions():
    # corpus2 cv-5973 "Văn bản số 4250/BNNMT-ĐCKS", qd-1627 "3679/STC-QLGCS",
    # tb-634 "Nghị quyết số 66.4/2025/NQ-CP"
    found = [(n.so_hieu, n.loai) for n in find_numbers(
        "Văn bản số 4250/BNNMT-ĐCKS; Công văn số 3679/STC-QLGCS; Nghị quyết số 66.4/2025/NQ-CP")]
    assert found == [("4250/BNNMT-ĐCKS", "CongVan"), ("3679/STC-QLGCS", "CongVan"),
                     ("66.4/2025/NQ-CP", "NghiQuyet")]


def test_an_opening_list_wrapped_onto_new_lines_is_implemented_item_by_item():
    # corpus2 kh-0125 (Đắk Lắk): "Thực hiện Chỉ thị số 46-CT/TW …; Chỉ thị số 28/CT-TTg …;
    # Hướng dẫn số 7886/HD-BNV …" with an item starting its own line
    refs = refs_of(hanoi_document(
        "Thực hiện Chỉ thị số 46-CT/TW ngày 16/5/2025 của Bộ Chính trị về lãnh đạo bầu cử;\n"
        "Hướng dẫn số 7886/HD-BNV ngày 14/9/2025 của Bộ Nội vụ về khen thưởng;\n"
        "Chỉ thị số 02-CT/TU ngày 05/8/2025 của Ban Thường vụ Thành ủy.\n\n"
        "I. MỤC ĐÍCH\n1. Ban Tổ chức Thành ủy chủ trì.\n"))
    assert {k: r["relation"] for k, r in refs.items()} == {
        "46-CT/TW": "thuc_hien", "7886/HD-BNV": "thuc_hien", "02-CT/TU": "thuc_hien"}


def test_a_party_tt_is_a_thong_tri_and_a_state_tt_a_thong_tu():
    # real pages: "Thông tri số 02-TT/TU … của Thành ủy"; "Thông tư số 18/2024/TT-BTC"
    found = [(n.so_hieu, n.loai) for n in find_numbers("số 02-TT/TU; số 18/2024/TT-BTC")]
    assert found == [("02-TT/TU", None), ("18/2024/TT-BTC", "ThongTu")]
