"""Layout parsing on the seeds and the corpus: header, sections, closing, hard wraps."""

from extract_fixtures import corpus, layout_of, seed
from vbkg.loaders.parse.layout import parse
from vbkg.loaders.parse.lines import LABEL, mask
from vbkg.loaders.parse.signature import sentence_case
from vbkg.loaders.read.source import SourceText


def _sections(layout):
    """Every section of the tree (`Layout.sections`, `Section.children`) by its path."""
    found, todo = {}, list(layout.sections)
    while todo:
        section = todo.pop()
        found[section.path] = section
        todo.extend(section.children)
    return found


def test_header_of_a_flattened_party_header():
    layout = layout_of(seed("000"))
    h, text = layout.header, layout.source.text
    assert layout.kind == "party"
    assert [s.value for s in h.issuer_lines] == ["THÀNH", "ỦY", "THÀNH PHỐ HỒ CHÍ MINH"]
    assert h.so_hieu.value == "88-KH/TU" and text[h.so_hieu.start : h.so_hieu.end] == "88-KH/TU"
    assert (h.date.value, h.place.value, h.type_word.value) == (
        "2021-12-24",
        "TP. Hồ Chí Minh",
        "KeHoach",
    )
    assert h.trich_yeu.value.startswith("Về củng cố, kiện toàn hệ thống chính trị cơ sở")
    assert h.trich_yeu.value.endswith("phát triển kinh tế - xã hội")


def test_wrapped_headings_are_joined_and_short_headings_stay_apart():
    sections = _sections(layout_of(seed("000")))
    assert sections["I"].heading.text == "NHẬN ĐỊNH TÌNH HÌNH"  # "I. NHẬN ĐỊNH TÌNH\nHÌNH"
    # "1. Ban\nThường vụ Thành ủy Thủ Đức, ...": the item number wrapped away from its subject
    assert sections["IV.1"].heading.text.startswith("Ban Thường vụ Thành ủy Thủ Đức, các quận ủy")
    assert sections["II.1"].heading.text == "Mục tiêu"  # "1. Mục tiêu\nCủng cố, ..."
    assert sections["II.1"].paragraphs[0].text.startswith("Củng cố, kiện toàn hệ thống chính trị")
    # "chính trị\n- xã hội và huy động" is a wrapped line, not a bullet
    bullets = sections["II.2"].paragraphs
    assert len(bullets) == 2 and all(p.bullet == "-" for p in bullets)
    assert "các tổ chức chính trị - xã hội và huy động tổng hợp" in bullets[0].text


def test_paragraph_text_keeps_offsets_into_the_source():
    layout = layout_of(seed("000"))
    text = layout.source.text
    for p in layout.paragraphs:
        assert len(p.text) == p.end - p.start
        assert p.text.split() == mask(text[p.start : p.end]).split()


def test_section_paths_in_the_gold_style():
    paths = set(_sections(layout_of(seed("001"))))
    assert {"I", "II.1.(1)", "II.2.(11)", "II.4.1", "II.4.1.(2)", "II.4.2.(1)", "III.5"} <= paths
    # the unnumbered paragraph after (5) belongs to (5)  (001:39)
    continuation = _sections(layout_of(seed("001")))["II.2.(5)"].paragraphs
    assert continuation[0].text.startswith("Quyết liệt trong chỉ đạo đơn giản hóa")


def test_page_break_inside_a_sentence_is_joined():
    body = _sections(layout_of(seed("003")))["II.1"].paragraphs[0].text
    assert "bám sát 8 Chương trình công  tác toàn khóa của Thành ủy" in body  # 003:51-53


def test_ocr_number_and_missing_name():
    layout = layout_of(seed("003"))
    assert layout.header.so_hieu.value == "15-NQ/TU"  # "Số 15 - NQ/TU"
    assert layout.header.date.value == "2017-07-04"  # not the stamp "Tháng 7 Năm 2017"
    sig = layout.signature
    assert (sig.tham_quyen.value, sig.chuc_vu.value, sig.ho_ten) == (
        "T/M Ban Thường vụ",
        "Bí thư",
        None,
    )


def test_closing_signature_and_noi_nhan():
    layout = layout_of(seed("000"))
    text = layout.source.text
    assert text[layout.body_end : layout.body_end + 3] == "./."
    assert layout.noi_nhan[0].text.startswith("- Các đồng chí Thành ủy viên")
    assert layout.noi_nhan[-1].text.startswith("- Lưu Văn phòng Thành ủy")
    sig = layout.signature
    assert (sig.tham_quyen.value, sig.chuc_vu.value, sig.ho_ten.value) == (
        "T/M Ban Thường vụ",
        "Phó Bí thư",
        "Nguyễn Hồ Hải",
    )  # "T/M BAN THƯỜNG\nVỤ"


def test_document_without_header_starts_at_its_type_word():
    layout = layout_of(seed("001"))
    assert layout.header.so_hieu is None and layout.header.date is None
    assert layout.header.trich_yeu.value.startswith("Thực hiện Chỉ thị về tăng cường kỷ luật")
    assert layout.preamble[0].text.startswith("Thực hiện Chỉ thị số 24-CT/TU ngày 07/8/2023")
    assert layout.signature.chuc_vu.value == "Phó Bí thư Thường trực"


def test_publisher_metadata_rows():
    layout = layout_of(seed("002"))
    meta = {k: v.value for k, v in layout.metadata.items()}
    assert meta["so_hieu"] == "88-KH/TU" and meta["nguoi_ky"] == "Nguyễn Hồ Hải"
    assert meta["ngay_ban_hanh"] == "24/12/2021" and meta["loai"] == "Kế hoạch"
    assert meta["trich_yeu"].startswith("Về củng cố")  # from the publisher's title line
    assert layout.preamble[0].text.startswith("Thực hiện Nghị quyết số 05-NQ/TU")


def test_database_page_metadata_split_over_lines():
    layout = layout_of(corpus("kl-221"))
    meta = {k: v.value for k, v in layout.metadata.items()}
    assert (meta["so_hieu"], meta["nguoi_ky"], meta["ngay_ban_hanh"]) == (
        "221-KL/TW",
        "Trần Cẩm Tú",
        "28/11/2025",
    )
    assert layout.source.text[layout.body_end :].startswith("Nơi nhận:")
    assert layout.signature.ho_ten.value == "Trần Cẩm Tú"


def test_press_article():
    layout = layout_of(seed("004"))
    assert layout.kind == "press" and layout.sections == []
    assert layout.header.trich_yeu.value.startswith("Đảng ủy Khối Dân - Chính - Đảng TPHCM cần")
    assert layout.source.text[layout.body_end :].lstrip().startswith("THU HƯỜNG")  # byline


def test_state_signature_with_two_authorities():
    sig = layout_of(corpus("kh-141")).signature
    assert [a.value for a in sig.authorities] == ["TM. Ủy ban nhân dân", "KT. Chủ tịch"]
    assert (sig.chuc_vu.value, sig.ho_ten.value) == ("Phó Chủ tịch", "Phạm Văn Thịnh")


def test_chapters_and_articles():
    paths = set(_sections(layout_of(corpus("qd-384"))))
    # Chương . Điều . khoản . điểm, as the corpus gold writes them ("III.18.2.a")
    assert {"I", "I.1", "I.4.9", "II.6.1.a", "III.18.2.a"} <= paths


def test_label_grammar():
    assert LABEL.match("IV. TỔ CHỨC THỰC")["roman"] == "IV"
    assert LABEL.match("I- MỤC ĐÍCH, YÊU CẦU")["roman"] == "I"
    assert LABEL.match("4.1. Ban Tuyên giáo Thành ủy")["multi"] == "4.1"
    assert LABEL.match("(3) Chỉ đạo các sở")["paren"] == "3"
    assert LABEL.match("a) Tích hợp trực tiếp")["letter"] == "a"
    for text in ("10 năm 2021 - 2030", "6.772,65km²", "2020-2025", "15-10"):
        assert LABEL.match(text) is None, text


def test_sentence_case_of_signature_lines():
    assert sentence_case("PHÓ CHÁNH VĂN PHÒNG THƯỜNG TRỰC") == "Phó Chánh Văn phòng Thường trực"
    assert sentence_case("T/M BAN THƯỜNG VỤ") == "T/M Ban Thường vụ"


def test_odd_inputs_do_not_raise():
    for text in ("x", "|\n|\n", "KẾ HOẠCH", "Số:\n", "T/M\n", "1.\n(1)\n-\n", ""):
        layout = parse(SourceText("odd.txt", text, "utf-8", "text", "0" * 64))
        assert layout.body_start <= len(text)


def test_type_word_and_title_on_one_line():
    src = SourceText(
        "x.txt",
        "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nSố: 987/KH-UBND\nNghệ An, ngày 20 tháng 11 năm 2025\n\n"
        "KẾ HOẠCH THỰC HIỆN NGHỊ QUYẾT SỐ 57-NQ/TW\nNGÀY 22/12/2024 CỦA BỘ CHÍNH TRỊ\n\n"
        "I. MỤC ĐÍCH\n1. Phát triển hạ tầng số./.\n",
        "utf-8",
        "text",
        "0" * 64,
    )
    header = parse(src).header
    assert header.type_word.value == "KeHoach"
    assert header.trich_yeu.value == (
        "Thực hiện nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị"
    )


def test_signature_notes_and_upper_case_names():
    tails = {
        "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n(Đã ký)\nNguyễn Hồ Hải\n": "Nguyễn Hồ Hải",
        "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ THƯỜNG TRỰC\nNGUYỄN THỊ TUYẾN\n": "Nguyễn Thị Tuyến",
        "K/T CHÁNH\nVĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\nTHƯỜNG TRỰC\n[daky]\nLâm Thị Phương Thanh\n": (
            "Lâm Thị Phương Thanh"
        ),
    }
    for tail, name in tails.items():
        text = (
            "KẾ HOẠCH\n\nVề việc kiểm tra\n\nI. MỤC ĐÍCH\n1. Kiểm tra./.\n\nNơi nhận:\n- Lưu.\n\n"
        )
        sig = parse(SourceText("x.txt", text + tail, "utf-8", "text", "0" * 64)).signature
        assert sig.ho_ten.value == name, tail
    assert sig.chuc_vu.value == "Phó Chánh Văn phòng Thường trực"
    assert sig.tham_quyen.value == "K/T Chánh Văn phòng"


def test_signature_in_the_same_table_row_as_noi_nhan():
    # an HTML page's closing table read as "cell | cell |": nơi nhận left, signature right
    text = (
        "KẾ HOẠCH\n\nVề việc kiểm tra\n\nI. MỤC ĐÍCH\n1. Kiểm tra./.\n\nNơi nhận:\n- Như trên,\n"
        "- Lưu VP. | T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\nNguyễn Hồ Hải |\n"
    )
    layout = parse(SourceText("x.txt", text, "utf-8", "text", "0" * 64))
    sig = layout.signature
    assert (sig.tham_quyen.value, sig.chuc_vu.value, sig.ho_ten.value) == (
        "T/M Ban Thường vụ",
        "Phó Bí thư",
        "Nguyễn Hồ Hải",
    )
    assert [p.text.strip() for p in layout.noi_nhan] == ["- Như trên,"]


def test_one_paragraph_per_line_text_keeps_title_and_preamble_apart():
    preamble = (
        "Thực hiện Chỉ thị số 24-CT/TU ngày 07/8/2023 của Ban Thường vụ Thành ủy Hà Nội về tăng "
        "cường kỷ luật, kỷ cương và trách nhiệm giải quyết công việc trong hệ thống chính trị "
        "Thành phố Hà Nội, Ban Thường vụ Thành ủy Hà Nội ban hành Kế hoạch triển khai thực hiện "
        "như sau:"
    )
    text = (
        "KẾ HOẠCH\nThực hiện Chỉ thị về tăng cường kỷ luật, kỷ cương\n" + preamble + "\n"
        "I- MỤC ĐÍCH, YÊU CẦU\n1. Quán triệt, triển khai và tổ chức thực hiện nghiêm túc, hiệu "
        "quả Chỉ thị số 24-CT/TU ngày 07/8/2023 của Ban Thường vụ Thành ủy, tạo bước chuyển sâu "
        "sắc, rõ nét, hiệu quả về tăng cường kỷ luật, kỷ cương trong hệ thống chính trị.\n"
    )
    layout = parse(SourceText("x.txt", text, "utf-8", "text", "0" * 64))
    assert layout.header.trich_yeu.value == "Thực hiện Chỉ thị về tăng cường kỷ luật, kỷ cương"
    assert layout.preamble[0].text.startswith("Thực hiện Chỉ thị số 24-CT/TU")


# corpus2 cv-5973 (pdftotext -layout of a UBND Lào Cai công văn): two-column header and closing
PDFTOTEXT_CONG_VAN = """   ỦY BAN NHÂN DÂN                       CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
     TỈNH LÀO CAI                                         Độc lập - Tự do - Hạnh phúc

     Số: 5973 /UBND-KT                                Lào Cai, ngày 11 tháng 6 năm 2026
V/v tăng cường công tác quản
 lý, thanh tra, kiểm tra hoạt
động khoáng sản

                       Kính gửi:
                                       - Công an tỉnh;

     Thực hiện Văn bản số 4250/BNNMT-ĐCKS ngày 29/4/2026 của Bộ
Nông nghiệp và Môi trường về việc tăng cường thanh tra.
        1. Công an tỉnh chủ trì kiểm tra.

Nơi nhận:                                               KT. CHỦ TỊCH
- Như trên;
- Bộ Nông nghiệp và Môi trường (để báo cáo);            PHÓ CHỦ TỊCH
- Lưu: VT, KT.


                                                      Nguyễn Thành Sinh
"""


def test_pdftotext_cong_van_header_subject_and_right_column_signature():
    layout = parse(SourceText("cv.txt", PDFTOTEXT_CONG_VAN, "utf-8", "text", "0" * 64))
    assert layout.header.trich_yeu.value == (
        "tăng cường công tác quản lý, thanh tra, kiểm tra hoạt động khoáng sản")
    assert layout.header.date.value == "2026-06-11"
    assert any(p.text.startswith("Thực hiện Văn bản số 4250") for p in layout.preamble)
    sig = layout.signature
    assert (sig.tham_quyen.value, sig.chuc_vu.value, sig.ho_ten.value) == (
        "KT. Chủ tịch", "Phó Chủ tịch", "Nguyễn Thành Sinh")


def test_an_issuer_sharing_a_markdown_row_with_the_national_motto():
    # corpus2 kh-09: "| BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG ------- | CỘNG HÒA … Độc lập - Tự do …|"
    text = ("BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG  ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - "
            "Tự do - Hạnh phúc  --------------- |\nSố: 09/KH-BTNMT | Hà Nội, ngày 06 tháng 8 năm "
            "2024 |\nKẾ HOẠCH\nTriển khai thực hiện Chỉ thị số 13/CT-TTg\n")
    layout = parse(SourceText("kh.txt", text, "utf-8", "text", "0" * 64))
    assert [s.value for s in layout.header.issuer_lines] == ["BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG"]


def test_a_press_repost_of_the_full_text_is_the_document():
    # corpus2 kl-155: "TOÀN VĂN: KẾT LUẬN 155-KL/TW CỦA BỘ CHÍNH TRỊ, …" then the text itself
    text = ("TOÀN VĂN: KẾT LUẬN 155-KL/TW CỦA BỘ CHÍNH TRỊ, BAN BÍ THƯ VỀ SẮP XẾP BỘ MÁY\n\n"
            "KẾT LUẬNCỦA BỘ CHÍNH TRỊ, BAN BÍ THƯvề một số nhiệm vụ trọng tâm\n\n"
            "Bộ Chính trị, Ban Bí thư kết luận như sau:\n\n1. Giao Đảng ủy Chính phủ chủ trì.\n\n"
            "Theo Cổng Thông tin điện tử Chính phủ\n\n"
            "Ngày giờ đăng bài viết gốc: 12:40 19/5/2025\n")
    layout = parse(SourceText("kl.md", text, "utf-8", "markdown", "0" * 64))
    assert layout.kind == "party"
    assert (layout.header.type_word.value, layout.header.so_hieu.value) == ("KetLuan", "155-KL/TW")
    assert [s.value for s in layout.header.issuer_lines] == ["BỘ CHÍNH TRỊ"]
    assert layout.header.date is None  # the posting date is not the issue date


def test_a_type_word_split_over_two_lines_keeps_the_title():
    # real pages (HĐND Huế): "**NGHỊ\nQUYẾT**" then "QUY ĐỊNH VỀ CHÍNH SÁCH HỌC PHÍ"
    text = ("HỘI ĐỒNG NHÂN DÂN\nTHÀNH PHỐ HUẾ\n\nSố: 36/2025/NQ-HĐND\n\nNGHỊ\nQUYẾT\n\n"
            "QUY ĐỊNH VỀ CHÍNH SÁCH HỌC PHÍ\n\nCăn cứ Luật Giáo dục;\n")
    layout = parse(SourceText("nq.md", text, "utf-8", "text", "0" * 64))
    assert layout.header.type_word.value == "NghiQuyet"
    assert layout.header.trich_yeu.value.startswith("Quy định về chính sách học phí")


def test_a_plan_attached_after_a_decisions_signature_has_its_sections_read():
    # corpus2 qd-1627: "QUYẾT ĐỊNH … Điều 1. Ban hành kèm theo …", signature, then the KẾ HOẠCH
    text = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\n\nSố: 1627/QĐ-UBND\n\n"
            "QUYẾT ĐỊNH\nBan hành Kế hoạch\n\n"
            "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n\nNơi nhận:\n- Như Điều 2;\n"
            "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Ngọc Sâm\n\n\n"
            "KẾ HOẠCH\n\nTRIỂN KHAI TỔNG KIỂM KÊ\n\n"
            "(Kèm theo Quyết định số: 1627/QĐ-UBND ngày 21/11/2025 của Chủ tịch Ủy ban\n"
            "nhân dân tỉnh)\n\nI. MỤC ĐÍCH\n\n1. Mục đích: xác định.\n\nII. NHIỆM VỤ\n\n"
            "1. Sở Tài chính chủ trì.\n")
    layout = parse(SourceText("qd.md", text, "utf-8", "text", "0" * 64))
    assert [s.path for s in layout.sections][-2:] == ["I", "II"]
    assert layout.signature.ho_ten.value == "Nguyễn Ngọc Sâm"
