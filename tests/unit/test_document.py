"""Document fields: the header and signature speak for the document, metadata fills gaps."""

from extract_fixtures import corpus, layout_of, seed, source
from vbkg.loaders.extract import extract
from vbkg.loaders.extract.context import build_context
from vbkg.loaders.extract.document import extract_document
from vbkg.loaders.parse.layout import parse
from vbkg.loaders.read.source import read_bytes


def document(path):
    layout = layout_of(path)
    context = build_context(layout)
    return extract_document(layout, context), context


def document_of_text(text: str) -> dict:
    layout = parse(source(text))
    return extract_document(layout, build_context(layout))


def test_flattened_party_header_and_t_m_signature():
    doc, ctx = document(seed("000"))
    assert (doc["loai"], doc["so_hieu"], doc["ngay_ban_hanh"]) == (
        "KeHoach",
        "88-KH/TU",
        "2021-12-24",
    )
    # "T/M BAN THƯỜNG VỤ" of "THÀNH ỦY THÀNH PHỐ HỒ CHÍ MINH": the Ban Thường vụ acts
    assert doc["co_quan_ban_hanh"] == {
        "ten": "Ban Thường vụ Thành ủy",
        "dia_ban": "Thành phố Hồ Chí Minh",
    }
    signer = doc["nguoi_ky"]
    assert (signer["ho_ten"], signer["chuc_vu"], signer["tham_quyen"]) == (
        "Nguyễn Hồ Hải",
        "Phó Bí thư",
        "T/M Ban Thường vụ",
    )
    assert ctx.jurisdiction_rule == "header"


def test_no_header_jurisdiction_from_the_text():
    doc, ctx = document(seed("001"))
    assert (doc["so_hieu"], doc["ngay_ban_hanh"]) == (None, None)
    assert doc["co_quan_ban_hanh"] == {
        "ten": "Ban Thường vụ Thành ủy",
        "dia_ban": "Thành phố Hà Nội",
    }
    assert ctx.jurisdiction_rule == "mentions"  # "Ban Thường vụ Thành ủy Hà Nội" in the preamble


def test_database_copy_prefers_the_document_over_the_publisher():
    doc, _ = document(seed("002"))
    # publisher: "Thành ủy Thành phố Hồ Chí Minh"; preamble: "Ban Thường vụ Thành ủy xây dựng"
    assert doc["co_quan_ban_hanh"] == {
        "ten": "Ban Thường vụ Thành ủy",
        "dia_ban": "Thành phố Hồ Chí Minh",
    }
    assert doc["nguoi_ky"]["ho_ten"] == "Nguyễn Hồ Hải"  # from the metadata row, no signature block
    assert doc["nguoi_ky"]["evidence"]["rule"] == "metadata.nguoi_ky"
    assert doc["trich_yeu"].startswith("Về củng cố")


def test_ocr_document_place_gives_the_city():
    doc, ctx = document(seed("003"))
    assert (doc["so_hieu"], doc["ngay_ban_hanh"]) == ("15-NQ/TU", "2017-07-04")
    assert (
        doc["co_quan_ban_hanh"]["dia_ban"] == "Thành phố Hà Nội"
        and ctx.jurisdiction_rule == "place"
    )
    assert doc["nguoi_ky"]["ho_ten"] is None and doc["nguoi_ky"]["chuc_vu"] == "Bí thư"


def test_press_article():
    doc, _ = document(seed("004"))
    assert doc["loai"] == "BaiBao" and doc["co_quan_ban_hanh"] is None and doc["nguoi_ky"] is None
    assert doc["trich_yeu"].startswith("Đảng ủy Khối Dân - Chính - Đảng TPHCM")


def test_state_plan_signed_kt_chu_tich():
    doc, _ = document(corpus("kh-141"))
    assert (doc["loai"], doc["so_hieu"]) == ("KeHoach", "141/KH-UBND")
    assert doc["co_quan_ban_hanh"] == {"ten": "Ủy ban nhân dân", "dia_ban": "Tỉnh Bắc Ninh"}
    assert doc["nguoi_ky"]["tham_quyen"] == "KT. Chủ tịch"


def test_central_bodies_under_the_central_committee():
    # "BAN CHẤP HÀNH TRUNG ƯƠNG / VĂN PHÒNG", signed "K/T CHÁNH VĂN PHÒNG": the Văn phòng issues
    doc, ctx = document(corpus("kl-07"))
    assert doc["co_quan_ban_hanh"] == {"ten": "Văn phòng Trung ương Đảng", "dia_ban": "Trung ương"}
    assert ctx.central  # "Hà Nội, ngày ..." is the place, not the jurisdiction
    doc, _ = document(corpus("hd-37"))
    assert doc["co_quan_ban_hanh"] == {
        "ten": "Ban Tuyên giáo và Dân vận Trung ương",
        "dia_ban": "Trung ương",
    }
    doc, _ = document(corpus("qd-384"))
    assert (doc["loai"], doc["co_quan_ban_hanh"]["ten"]) == ("QuyDinh", "Ban Bí thư")


def test_evidence_quotes_the_header():
    doc, _ = document(seed("000"))
    text = layout_of(seed("000")).source.text
    ev = doc["evidence"]
    assert text[ev["start"] : ev["end"]] == ev["quote"] and "88-KH/TU" in ev["quote"]
    assert ev["rule"] == "header+signature"


def test_standing_organ_of_a_district_committee():
    # DOMAIN.md §1.4: "128-KH/HU" of the Huyện ủy Cô Tô; its Ban Thường vụ signs "T/M BAN THƯỜNG VỤ"
    src = (
        "TỈNH ỦY QUẢNG NINH\nHUYỆN ỦY CÔ TÔ\n*\nSố 128-KH/HU\n\nCô Tô, ngày 05 tháng 3 năm 2024\n\n"
        "KẾ HOẠCH\nTriển khai thực hiện Nghị quyết số 12-NQ/TU\n\n"
        "Thực hiện Nghị quyết số 12-NQ/TU ngày 10/01/2024 của Tỉnh ủy, Ban Thường vụ Huyện ủy "
        "xây dựng Kế hoạch như sau:\n\nI. MỤC ĐÍCH\n\n1. Tuyên truyền sâu rộng./.\n\n"
        "Nơi nhận:\n- Lưu.\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nNguyễn Văn An\n"
    )
    doc = document_of_text(src)
    assert doc["co_quan_ban_hanh"] == {
        "ten": "Ban Thường vụ Huyện ủy Cô Tô",
        "dia_ban": "Tỉnh Quảng Ninh",
    }
    assert doc["so_hieu"] == "128-KH/HU" and doc["nguoi_ky"]["ho_ten"] == "Nguyễn Văn An"


def test_organ_under_a_provincial_committee_signed_k_t():
    # the shape of hd-37 ("BAN CHẤP HÀNH TRUNG ƯƠNG / BAN TUYÊN GIÁO VÀ DÂN VẬN", "K/T TRƯỞNG BAN")
    # one level down: an organ of a Tỉnh ủy
    src = (
        "TỈNH ỦY GIA LAI\nBAN TỔ CHỨC\n*\nSố 05-HD/BTCTU\n\nGia Lai, ngày 03 tháng 9 năm 2025\n\n"
        "HƯỚNG DẪN\nVề công tác cán bộ\n\nI. MỤC ĐÍCH\n\n1. Thống nhất thực hiện./.\n\n"
        "Nơi nhận:\n- Lưu.\n\nK/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\nNguyễn Văn An\n"
    )
    doc = document_of_text(src)
    assert doc["co_quan_ban_hanh"]["ten"] == "Ban Tổ chức Tỉnh ủy"
    assert doc["co_quan_ban_hanh"]["dia_ban"] == "Tỉnh Gia Lai"
    assert (doc["loai"], doc["so_hieu"]) == ("HuongDan", "05-HD/BTCTU")
    assert doc["nguoi_ky"]["tham_quyen"] == "K/T Trưởng ban"


def test_standing_organ_of_a_central_party_committee():
    # 2025: Đảng ủy Chính phủ is one of the four Party organisations under Trung ương (DOMAIN §3.3)
    src = (
        "ĐẢNG BỘ CHÍNH PHỦ\nĐẢNG ỦY CHÍNH PHỦ\n*\nSố 12-NQ/ĐU\n\n"
        "Hà Nội, ngày 05 tháng 6 năm 2025\n\n"
        "NGHỊ QUYẾT\nVề công tác cán bộ\n\nI. MỤC ĐÍCH\n\n1. Thống nhất thực hiện./.\n\n"
        "Nơi nhận:\n- Lưu.\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\nNguyễn Văn An\n"
    )
    doc = document_of_text(src)
    assert doc["co_quan_ban_hanh"] == {
        "ten": "Ban Thường vụ Đảng ủy Chính phủ",
        "dia_ban": "Trung ương",
    }


def test_header_and_signature_flattened_into_table_rows():
    # hd-37's header and signature as a database page lays them out: one table row each
    src = (
        "| BAN CHẤP HÀNH TRUNG ƯƠNG BAN TUYÊN GIÁO VÀ DÂN VẬN * | ĐẢNG CỘNG SẢN VIỆT NAM "
        "--------------- |\n| Số 37-HD/BTGDVTW | Hà Nội, ngày 19 tháng 11 năm 2025 |\n\n"
        "**HƯỚNG DẪN**\n\nVỀ VIỆC ĐỔI MỚI BẢN TIN\n\nI. MỤC ĐÍCH\n1. Thống nhất./.\n\n"
        "Nơi nhận:\n- Lưu HCTĐKT.\n\n| **K/T TRƯỞNG BAN** PHÓ TRƯỞNG BAN **Phạm Tất Thắng** |\n"
    )
    doc = document_of_text(src)
    assert doc["co_quan_ban_hanh"] == {
        "ten": "Ban Tuyên giáo và Dân vận Trung ương",
        "dia_ban": "Trung ương",
    }
    signer = doc["nguoi_ky"]
    assert (signer["ho_ten"], signer["chuc_vu"], signer["tham_quyen"]) == (
        "Phạm Tất Thắng",
        "Phó Trưởng ban",
        "K/T Trưởng ban",
    )


def test_html_page_blocks_are_paragraphs():
    # seed 003's header, preamble and signature as an HTML page (tables for header and closing)
    html = (
        "<html><body><table><tr><td><b>THÀNH ỦY HÀ NỘI</b><br/>*</td>"
        "<td><b>ĐẢNG CỘNG SẢN VIỆT NAM</b></td></tr><tr><td>Số 15 - NQ/TU</td>"
        "<td><i>Hà Nội, ngày 04 tháng 7 năm 2017</i></td></tr></table>"
        "<p><b>NGHỊ QUYẾT</b></p><p>Về việc xây dựng tổ chức cơ sở đảng trong sạch vững mạnh</p>"
        "<p>Thực hiện Nghị quyết Đại hội đại biểu lần thứ XVI Đảng bộ Thành phố, Chương trình "
        "số 01-CTr/TU, ngày 26/4/2016 của Thành ủy (khóa XVI) về xây dựng Đảng và hệ thống "
        "chính trị, Ban Thường vụ Thành ủy ban hành Nghị quyết như sau:</p>"
        "<p><b>III. TỔ CHỨC THỰC HIỆN</b></p><p>1. Ban Thường vụ Thành ủy</p>"
        "<p>Xây dựng kế hoạch tổ chức thực hiện Nghị quyết./.</p><table><tr><td><b>Nơi nhận:</b>"
        "<br/>- Lưu.</td><td><b>T/M BAN THƯỜNG VỤ<br/>BÍ THƯ</b><br/>Hoàng Văn An</td></tr></table>"
        "</body></html>"
    )
    record = extract(read_bytes(html.encode("utf-8"), "003.html"))
    doc = record["document"]
    assert doc["trich_yeu"] == "Về việc xây dựng tổ chức cơ sở đảng trong sạch vững mạnh"
    assert (doc["so_hieu"], doc["nguoi_ky"]["ho_ten"]) == ("15-NQ/TU", "Hoàng Văn An")
    assert {r["so_hieu"]: r["relation"] for r in record["references"]}["01-CTr/TU"] == "thuc_hien"


def test_a_commune_committee_issues_under_its_own_name():
    # corpus2 tb-831: "ỦY BAN NHÂN DÂN / PHƯỜNG CAM ĐƯỜNG" … "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"
    doc = document_of_text(
        "ỦY BAN NHÂN DÂN               CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        " PHƯỜNG CAM ĐƯỜNG                        Độc lập - Tự do - Hạnh phúc\n\n"
        "   Số: 831 /TB-UBND                  Cam Đường, ngày 06 tháng 8 năm 2026\n\n"
        "THÔNG BÁO\nVề việc công khai thông tin\n\nCăn cứ Luật Tổ chức chính quyền địa "
        "phương ngày 16/6/2025 của tỉnh Lào Cai;\nNội dung.\n\n"
        "Nơi nhận:\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Xuân Nhẫn\n")
    assert doc["co_quan_ban_hanh"]["ten"] == "Ủy ban nhân dân phường Cam Đường"


def test_the_number_of_the_documents_own_type_wins_in_the_header():
    # corpus2 kh-1105: "ĐOÀN KIỂM TRA / THEO QUYẾT ĐỊNH / SỐ 1050/QĐ-SCT" above "Số: 1105/KH-ĐKT"
    doc = document_of_text(
        "   SỞ CÔNG THƯƠNG                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "    ĐOÀN KIỂM TRA                         Độc lập - Tự do - Hạnh Phúc\n"
        "  THEO QUYẾT ĐỊNH\n"
        "   SỐ 1050/QĐ-SCT                      Lào Cai, ngày 10 tháng 3 năm 2026\n\n"
        "     Số: 1105/KH-ĐKT\n\n"
        "                               KẾ HOẠCH\nKiểm tra việc chấp hành\n\n"
        "      1. Mục tiêu\n")
    assert doc["so_hieu"] == "1105/KH-ĐKT" and doc["loai"] == "KeHoach"


def test_a_letter_whose_header_was_lost_is_a_cong_van():
    # corpus2 cv-ubnd-thanh-pho: the page starts at "Kính gửi:", ends with "TM. ỦY BAN NHÂN DÂN"
    doc = document_of_text(
        "Kính gửi:\n- Các sở, ban, ngành thuộc Thành phố;\n\nThực hiện chỉ đạo của Ban Thường vụ "
        "Thành ủy tại Văn bản số 43-CV/TU ngày 12/11/2025.\n\nNơi nhận:\n- Như trên;\n"
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Xuân Lưu\n")
    assert doc["loai"] == "CongVan"
    assert doc["nguoi_ky"]["ho_ten"] == "Nguyễn Xuân Lưu"
