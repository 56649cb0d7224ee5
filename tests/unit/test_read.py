"""Reading: every input shape the extractor meets becomes the same clean text, or a clear error."""
from __future__ import annotations

import codecs
import hashlib
import random
import unicodedata
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest
from read_fixtures import encode_cp1258, encode_tcvn3, encode_vni, legacy_safe
from vbkg.loaders.read.encodings import cp1252_text
from vbkg.loaders.read.source import (
    ReadError,
    SourceText,
    fold_tones,
    max_input_bytes,
    normalize,
    read_bytes,
    read_path,
)

SEEDS = sorted((Path(__file__).parents[2] / "examples" / "seeds").glob("*.txt"))
ENCODERS = {"tcvn3": encode_tcvn3, "vni": encode_vni, "cp1258": encode_cp1258}


def seed_text(path: Path) -> str:
    return read_path(path).text


def assert_one_line_naming(error: pytest.ExceptionInfo | ReadError, name: str) -> None:
    message = str(error.value if isinstance(error, pytest.ExceptionInfo) else error)
    assert message.startswith(f"{name}: ") and "\n" not in message


# --- Unicode inputs ------------------------------------------------------------------------


def test_seeds_are_read_as_utf8_with_lines_kept():
    assert len(SEEDS) == 5
    for path in SEEDS:
        source = read_path(path)
        raw = path.read_bytes()
        assert isinstance(source, SourceText)
        assert source.name == path.name
        assert source.encoding == "utf-8"
        assert source.sha256 == hashlib.sha256(raw).hexdigest()
        assert source.text.count("\n") == raw.decode().count("\n")
        assert not [w for w in source.warnings if "converted" in w or "mixed" in w]
        assert unicodedata.is_normalized("NFC", source.text)
        with pytest.raises(FrozenInstanceError):
            source.text = ""  # evidence offsets index into it: nobody may change it


def test_seed_002_keeps_its_metadata_table_lines():
    text = read_path(next(p for p in SEEDS if p.name.startswith("002"))).text
    assert text.split("\n")[1] == "Số hiệu | 88-KH/TU |"
    assert read_path(next(p for p in SEEDS if p.name.startswith("002"))).format == "text"


@pytest.mark.parametrize(
    ("encode", "label"),
    [
        (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8-sig"),
        (lambda t: t.encode("utf-16"), "utf-16-le"),
        (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16-be"),
        (lambda t: t.encode("utf-16-le"), "utf-16-le"),  # no BOM
        (lambda t: unicodedata.normalize("NFD", t).encode("utf-16-be"), "utf-16-be"),  # U+0300
        (lambda t: codecs.BOM_UTF32_LE + t.encode("utf-32-le"), "utf-32-le"),
    ],
)
def test_bom_and_utf16_inputs_read_the_same_text(encode, label):
    expected = seed_text(SEEDS[0])
    source = read_bytes(encode(SEEDS[0].read_text(encoding="utf-8")), "seed.txt")
    assert source.encoding == label
    assert source.text == expected


def test_nfd_input_becomes_nfc():
    nfd = unicodedata.normalize("NFD", "Đảng Cộng sản Việt Nam Thành ủy")
    assert len(nfd) == 39
    source = read_bytes(nfd.encode(), "nfd.txt")
    assert source.text == "Đảng Cộng sản Việt Nam Thành ủy"
    assert len(source.text) == 31


def test_old_style_tones_fold_to_new_style_only_in_open_syllables():
    old = "cấp uỷ, HUYỆN UỶ ĐỊNH HOÁ, CỘNG HOÀ, khoá XII, thuỷ, hoà; hoàn, toán, khoảng; quý, Quỹ"
    new = "cấp ủy, HUYỆN ỦY ĐỊNH HÓA, CỘNG HÒA, khóa XII, thủy, hòa; hoàn, toán, khoảng; quý, Quỹ"
    assert fold_tones(old) == new
    assert read_bytes(old.encode(), "t.txt").text == new
    assert fold_tones(unicodedata.normalize("NFD", old)) == new


def test_normalize_spaces_and_keeps_dashes():
    text = "Dân\u00a0– Chính\u2011Đảng\u200b\r\nhết\rdòng\u2028Trung ư\u00adơng\x0cmới"
    assert normalize(text) == "Dân – Chính\u2011Đảng\nhết\ndòng\nTrung ương\nmới"


# --- legacy 8-bit encodings ------------------------------------------------------------------


@pytest.mark.parametrize("encoding", sorted(ENCODERS))
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_seed_reencoded_in_a_legacy_encoding_reads_back(seed, encoding):
    expected = legacy_safe(seed_text(seed))
    source = read_bytes(ENCODERS[encoding](expected), seed.name)
    assert source.encoding == encoding
    # .VnTimeH-style TCVN3 has no upper-case toned letters, so compare case-folded
    assert source.text.casefold() == normalize(expected).casefold()


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_tcvn3_capital_lines_come_back_in_capitals(seed):
    """.VnTimeH headers use lower-case codes; "ĐẢNG CỘNG SẢN" must not read "ĐảNG CộNG SảN"."""
    expected = legacy_safe(seed_text(seed)).split("\n")
    got = read_bytes(encode_tcvn3("\n".join(expected)), seed.name).text.split("\n")
    capitals = [i for i, line in enumerate(expected) if line.isupper() and not line.isascii()]
    assert capitals
    assert [got[i] for i in capitals] == [expected[i] for i in capitals]
    assert got[0] == expected[0]


@pytest.mark.parametrize(
    ("garbled", "expected"),
    [  # DOMAIN.md §5.2 examples, as text that went through the wrong code page
        ("§¶ng céng s¶n ViÖt Nam", "Đảng cộng sản Việt Nam"),
        ("céng hßa x· héi chñ nghÜa viÖt nam", "cộng hòa xã hội chủ nghĩa việt nam"),
        ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
        ("Ban ChÊp hµnh Trung \u00ad¬ng, tr\u00adëng", "Ban Chấp hành Trung ương, trưởng"),
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
        ("Viêòt Nam ÐaÒng Côòng saÒn Thành uÒy", "Việt Nam Đảng Cộng sản Thành ủy"),
        ("Viá»‡t Nam Äáº£ng ThÃ nh á»§y", "Việt Nam Đảng Thành ủy"),  # NBSP and U+0090 lost
    ],
)
def test_domain_garbled_examples_are_repaired(garbled, expected):
    source = read_bytes(garbled.encode("utf-8"), "garbled.txt")
    assert source.text == expected
    assert source.encoding.startswith("utf-8+")
    assert any("garbled" in w for w in source.warnings)


@pytest.mark.parametrize(
    "line",
    ["© Copyright 2021 — All rights reserved", "Giá: 5.000 đ · ½ · §3", "Ông Müller và bà Zoë"],
)
def test_real_unicode_lines_with_symbols_are_not_repaired(line):
    text = seed_text(SEEDS[1])
    source = read_bytes((line + "\n" + text).encode(), "symbols.txt")
    assert source.text == line + "\n" + text
    assert source.encoding == "utf-8" and source.warnings == []


def test_vni_old_style_tones_are_folded_after_converting():
    data = encode_vni("Thành uỷ, thuỷ lợi, hoà bình, quý")
    assert b"uy\xfb" in data  # "uyû": VNI puts the hook on y, the old style
    assert read_bytes(data, "vni.txt").text == "Thành ủy, thủy lợi, hòa bình, quý"


def test_utf8_read_as_cp1252_whole_seed_is_restored():
    for seed in SEEDS:
        mojibake = cp1252_text(seed.read_bytes()).encode("utf-8")
        source = read_bytes(mojibake, seed.name)
        assert source.text == seed_text(seed)
        assert source.encoding == "utf-8+utf-8"


def test_mixed_file_tcvn3_header_bytes_over_unicode_body():
    lines = legacy_safe(seed_text(SEEDS[0])).split("\n")
    data = encode_tcvn3("\n".join(lines[:8])) + b"\n" + "\n".join(lines[8:]).encode("utf-8")
    source = read_bytes(data, "mixed.txt")
    assert source.encoding == "utf-8+tcvn3"
    assert source.text.casefold() == "\n".join(lines).casefold()
    assert any("mixed encodings" in w for w in source.warnings)


def test_tcvn3_header_text_over_unicode_body_is_repaired_header_only():
    """The tailieu.vn shape (DOMAIN.md §5.2): a TCVN3 header converted as if Windows-1252."""
    lines = legacy_safe(seed_text(SEEDS[0])).split("\n")
    header = cp1252_text(encode_tcvn3("\n".join(lines[:12])))
    assert "§¶NG" in header or "§¶ng" in header
    source = read_bytes((header + "\n" + "\n".join(lines[12:])).encode(), "tailieu.txt")
    assert source.encoding == "utf-8+tcvn3"
    assert source.text.split("\n")[12:] == lines[12:]
    assert source.text.casefold().split("\n")[:12] == [line.casefold() for line in lines[:12]]


@pytest.mark.parametrize("encoding", sorted(ENCODERS))
def test_unicode_header_over_garbled_body_is_repaired_by_runs(encoding):
    lines = legacy_safe(seed_text(SEEDS[0])).split("\n")
    garbled_body = cp1252_text(ENCODERS[encoding]("\n".join(lines[8:])))
    data = ("\n".join(lines[:8]) + "\n" + garbled_body).encode("utf-8")
    source = read_bytes(data, "body.txt")
    assert source.encoding == f"utf-8+{encoding}"
    assert source.text.casefold() == "\n".join(lines).casefold()


def test_stray_cp1252_bytes_in_utf8_text_are_read_not_refused():
    data = "Thực hiện Nghị quyết".encode() + b"\x93s\xf4 05\x94\xa0" + "ngày 15/9/2021".encode()
    source = read_bytes(data, "stray.txt")
    assert source.text == "Thực hiện Nghị quyết“sô 05” ngày 15/9/2021"
    assert source.encoding == "utf-8"
    assert source.warnings == ["stray.txt: 4 stray byte(s) in UTF-8 text read as Windows-1252"]


def test_garbled_text_that_no_encoding_repairs_is_flagged():
    text = "Kết luận\nÐ¿ÐµÑ€Ð²Ñ‹Ð¹ Ð´Ð¾ÐºÑƒÐ¼ÐµÐ½Ñ‚ Ð¿Ð°Ñ€Ñ‚Ð¸Ð¸\n"  # Russian UTF-8 read as cp1252
    source = read_bytes(text.encode(), "ru-mojibake.txt")
    assert source.warnings == [
        "ru-mojibake.txt: 1 line(s) look garbled (wrong code page?) and were left as they are"
    ]


def test_unknown_8bit_encoding_is_refused_not_mojibaked():
    russian = "Коммунистическая партия Вьетнама приняла резолюцию " * 20
    with pytest.raises(ReadError, match="no legacy Vietnamese encoding") as error:
        read_bytes(russian.encode("cp1251"), "ru.txt")
    assert_one_line_naming(error, "ru.txt")


# --- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n"])
def test_empty_file_is_a_clear_error(tmp_path, data):
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    with pytest.raises(ReadError, match="empty") as error:
        read_path(path)
    assert_one_line_naming(error, "empty.txt")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        bytes(range(256)) * 40,
        b"HEADER\n" + bytes(range(1, 32)) * 100,
    ],
    ids=["png", "all-bytes", "control-heavy"],
)
def test_binary_file_is_a_clear_error(tmp_path, data):
    path = tmp_path / "seed.bin"
    path.write_bytes(data)
    with pytest.raises(ReadError, match="binary file") as error:
        read_path(path)
    assert_one_line_naming(error, "seed.bin")


@pytest.mark.parametrize(
    ("data", "kind"),
    [(b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 .VnTime;}}", "RTF"),
     (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG")],
)
def test_formats_without_a_reader_are_named_in_the_error(data, kind):  # PDF, Word: test_formats
    with pytest.raises(ReadError, match=f"binary file \\({kind}") as error:
        read_bytes(data, "nq-05.txt")
    assert_one_line_naming(error, "nq-05.txt")


def test_windows_line_ends_read_like_unix_ones():
    crlf = DATABASE_MARKDOWN.replace("\n", "\r\n").encode()
    assert read_bytes(crlf, "kl.md").text == read_bytes(DATABASE_MARKDOWN.encode(), "kl.md").text


def test_truncated_utf8_drops_the_broken_tail_with_a_warning():
    data = "Thành ủy".encode()[:-2]  # "y" gone, and "ủ" (3 bytes) cut after 2
    source = read_bytes(data, "cut.txt")
    assert source.text == "Thành "
    assert source.warnings == ["cut.txt: truncated file, dropped 2 byte(s) of an incomplete utf-8 "
                               "character at the end"]


def test_legacy_bytes_ending_in_a_utf8_lead_byte_are_not_called_truncation():
    data = "Thành ủy\n".encode() + encode_tcvn3("Ban Thường vụ")  # "ụ" is 0xF4
    assert data.endswith(b"\xf4")
    source = read_bytes(data, "mid.txt")
    assert source.text == "Thành ủy\nBan Thường vụ"
    assert source.encoding == "utf-8+tcvn3"
    assert not any("truncated" in w for w in source.warnings)


def test_truncated_utf16_drops_the_odd_byte_with_a_warning():
    source = read_bytes("Thành ủy".encode("utf-16")[:-1], "cut16.txt")
    assert source.text == "Thành ủ"
    assert any("truncated" in w for w in source.warnings)


def test_missing_file_and_directory_are_clear_errors(tmp_path):
    with pytest.raises(ReadError, match="cannot read") as error:
        read_path(tmp_path / "nope.txt")
    assert_one_line_naming(error, "nope.txt")
    with pytest.raises(ReadError, match="directory"):
        read_path(tmp_path)


def test_input_over_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2_000_001)
    with pytest.raises(ReadError, match="over the 2 MB input limit") as error:
        read_path(path, max_bytes=2_000_000)
    assert_one_line_naming(error, "big.txt")
    with pytest.raises(ReadError, match="over the"):
        read_bytes(b"a" * 11, "b.txt", max_bytes=10)


def test_size_limit_is_50_mb_unless_configured(monkeypatch):
    monkeypatch.delenv("VBKG_MAX_INPUT_MB", raising=False)
    assert max_input_bytes() == 50_000_000
    monkeypatch.setenv("VBKG_MAX_INPUT_MB", "0.00001")
    with pytest.raises(ReadError, match="over the 1e-05 MB input limit"):
        read_bytes(b"a" * 11, "b.txt")


def test_a_20_mb_text_reads_whole_and_correct(tmp_path):
    seeds = "".join(seed.read_text(encoding="utf-8") for seed in SEEDS) + "\n"
    copies = 20_000_000 // len(seeds.encode()) + 1
    path = tmp_path / "big.txt"
    path.write_bytes(seeds.encode() * copies)
    assert path.stat().st_size > 20_000_000
    source = read_path(path)
    assert source.encoding == "utf-8"
    assert source.text == read_bytes(seeds.encode(), "one.txt").text * copies


# --- HTML ---------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Kế hoạch 88-KH/TU</title>
<style>.x{color:red}</style><script>var nav = "Trang chủ";</script></head>
<body>
<nav><a href="/">Trang chủ</a> <a href="/vb">Văn bản pháp luật</a></nav>
<header>Đăng nhập | Đăng ký</header>
<div class="content">
<h1>Kế hoạch 88-KH/TU năm 2021 về củng cố, kiện toàn hệ thống chính trị cơ sở</h1>
<table class="meta">
<tr><td>Số hiệu</td><td>88-KH/TU</td></tr>
<tr><th>Ngày ban hành</th><td>24/12/2021</td></tr>
</table>
<table><tr><td><b>THÀNH<br>ỦY</b></td><td>ĐẢNG<br>CỘNG SẢN VIỆT NAM</td></tr></table>
<p>Thực hiện   Nghị quyết số 05-NQ/TU&nbsp;ngày
15 tháng 9 năm 2021 của Ban Chấp hành Đảng bộ thành phố,</p>
<p>Ban Thường vụ Thành uỷ ban hành Kế hoạch &amp; triển khai:</p>
<ul><li>Củng cố tổ chức cơ sở đảng;</li><li>Kiện toàn chính quyền.</li></ul>
</div>
<footer>© Thư viện pháp luật</footer>
</body></html>
"""


def test_html_page_becomes_text_with_tables_as_cell_lines():
    source = read_bytes(PAGE.encode(), "page.html")
    assert source.format == "html"
    assert source.text.split("\n") == [
        "Kế hoạch 88-KH/TU năm 2021 về củng cố, kiện toàn hệ thống chính trị cơ sở",
        "Số hiệu | 88-KH/TU |",
        "Ngày ban hành | 24/12/2021 |",
        "THÀNH",
        "ỦY |",
        "ĐẢNG",
        "CỘNG SẢN VIỆT NAM |",
        "Thực hiện Nghị quyết số 05-NQ/TU ngày 15 tháng 9 năm 2021 của Ban Chấp hành Đảng bộ "
        "thành phố,",
        "Ban Thường vụ Thành ủy ban hành Kế hoạch & triển khai:",
        "- Củng cố tổ chức cơ sở đảng;",
        "- Kiện toàn chính quyền.",
    ]


def test_an_html_fragment_in_a_txt_file_is_read_as_html():
    fragment = ("<p><strong>KẾ HOẠCH</strong></p><p>Thực hiện Nghị quyết số 05-NQ/TU,</p>"
                "<div>Ban Thường vụ<br>Thành ủy</div>")
    source = read_bytes(fragment.encode(), "fragment.txt")
    assert source.format == "html"
    assert source.text == "KẾ HOẠCH\nThực hiện Nghị quyết số 05-NQ/TU,\nBan Thường vụ\nThành ủy"


def test_html_is_recognised_by_content_and_in_legacy_encodings():
    source = read_bytes(encode_tcvn3(PAGE), "page.txt")
    assert source.format == "html"
    assert source.encoding == "tcvn3"
    assert "thực hiện nghị quyết số 05-nq/tu" in source.text.casefold()
    assert "Trang chủ" not in source.text and "var nav" not in source.text


# --- Markdown (database pages as Markdown) ----------------------------------------------------

DATABASE_MARKDOWN = """|
|
Bản dịch này thuộc quyền sở hữu của **
THƯ VIỆN PHÁP LUẬT**. Mọi hành vi sao chép, đăng tải lại mà không có sự đồng ý của **
THƯ VIỆN PHÁP LUẬT** là vi phạm pháp luật về Sở hữu trí tuệ.
Đang tải văn bản...
#
**Số hiệu:**
|
221-KL/TW
|
**BAN
CHẤP HÀNH TRUNG ƯƠNG**
*
|
*Hà Nội, ngày 28
tháng 11 năm 2025*
### Nội dung chính
| Cột một | Cột hai |
|---|---|
mô hình “*Dân vận khéo*”, ghi chú (*) và Đảng viên*; a \\| b
**Nơi nhận:** xem (**) và (***)"""


def test_markdown_residue_is_removed_and_line_numbers_kept():
    source = read_bytes(DATABASE_MARKDOWN.encode(), "kl.md")
    assert source.format == "markdown"
    lines = source.text.split("\n")
    assert len(lines) == len(DATABASE_MARKDOWN.split("\n"))
    assert lines[2:6] == ["", "", "", ""]  # site banner: boilerplate in a run
    assert lines[7:10] == ["Số hiệu:", "", "221-KL/TW"]
    assert lines[11:14] == ["BAN", "CHẤP HÀNH TRUNG ƯƠNG", "*"]  # the Party mark stays
    assert lines[15:17] == ["Hà Nội, ngày 28", "tháng 11 năm 2025"]
    assert lines[17] == "Nội dung chính"
    assert lines[18:20] == ["Cột một | Cột hai |", ""]
    assert lines[20] == "mô hình “Dân vận khéo”, ghi chú (*) và Đảng viên*; a | b"
    assert lines[21] == "Nơi nhận: xem (**) và (***)"
    assert any("boilerplate" in w for w in source.warnings)


def test_markdown_is_recognised_in_a_txt_file_but_plain_text_is_left_alone():
    assert read_bytes(DATABASE_MARKDOWN.encode(), "kl.txt").format == "markdown"
    plain = "Căn cứ Điều lệ Đảng;\n5*3 = 15 và a|b\n"
    source = read_bytes(plain.encode(), "plain.txt")
    assert (source.format, source.text) == ("text", plain)


def test_a_single_boilerplate_like_line_is_kept_as_document_text():
    text = "Kết luận\nĐang tải văn bản...\nBộ Chính trị yêu cầu"
    assert read_bytes(text.encode(), "one.txt").text == text


SITE_TAIL = """T/M BỘ CHÍNH TRỊ
Trần Cẩm Tú
Văn bản này chưa cập nhật nội dung Tiếng Anh
Văn bản liên quan
Ban hành:
25/11/2025
Hiệu lực: Đã biết
NỘI DUNG SỬA ĐỔI, HƯỚNG DẪN
TP. HCM, ngày 31/05/2021
Thưa Quý khách,
Thực hiện Nghị định 13/2023/NĐ-CP, chúng tôi cập nhật Quy chế và Thỏa thuận Bảo về \
Dữ liệu cá nhân bên dưới."""


def test_site_tail_after_the_signature_is_blanked_to_the_end():
    source = read_bytes(SITE_TAIL.encode(), "tail.txt")
    lines = source.text.split("\n")
    assert lines[:2] == ["T/M BỘ CHÍNH TRỊ", "Trần Cẩm Tú"]
    assert lines[2:] == [""] * 9  # no stray date, no "Thực hiện Nghị định 13/2023/NĐ-CP"


def test_a_tail_marker_without_site_lines_after_it_is_kept():
    text = "Kết luận\nVăn bản liên quan\n1. Nghị quyết 18-NQ/TW"
    assert read_bytes(text.encode(), "t.txt").text == text


def test_html_database_banner_is_blanked_like_the_markdown_one():
    page = (
        "<!DOCTYPE html><html><body><div><p>Bản dịch này thuộc quyền sở hữu của <b>THƯ VIỆN "
        "PHÁP LUẬT</b>. Mọi hành vi sao chép, đăng tải lại mà không có sự đồng ý của <b>THƯ VIỆN "
        "PHÁP LUẬT</b> là vi phạm pháp luật về Sở hữu trí tuệ.</p><p>Đang tải văn bản...</p>"
        "<p>KẾT LUẬN</p><p>của Bộ Chính trị</p></div></body></html>"
    )
    source = read_bytes(page.encode(), "page.html")
    assert source.text.split("\n") == ["", "", "KẾT LUẬN", "của Bộ Chính trị"]


def test_damaged_inputs_give_text_or_a_read_error_never_a_crash():
    """Seeds, plain and re-encoded, cut short and overwritten with random bytes (fixed seed)."""
    rng = random.Random(2021)
    texts = [legacy_safe(seed_text(seed)) for seed in SEEDS]
    bases = [encode(text) for text in texts for encode in ENCODERS.values()]
    bases += [text.encode() for text in texts]
    outcomes = {"text": 0, "error": 0}
    for _ in range(300):
        data = bytearray(rng.choice(bases))
        del data[rng.randint(0, len(data)):]
        for _ in range(rng.choice([0, 1, 3, 30])):
            if data:
                data[rng.randrange(len(data))] = rng.randrange(256)
        name = rng.choice(["d.txt", "d.md", "d.html"])
        try:
            source = read_bytes(bytes(data), name)
        except ReadError as error:
            assert_one_line_naming(error, name)
            outcomes["error"] += 1
        else:
            assert unicodedata.is_normalized("NFC", source.text) and source.text.strip()
            outcomes["text"] += 1
    assert outcomes["text"] > 100 and outcomes["error"] > 0


# corpus2 kh-617 (Đồng Tháp) PHỤ LỤC: a database page flattens each cell between lone "|"
FLATTENED_TABLE = "|\n**STT**\n|\n**Tên nhiệm vụ**\n|\n**Cơ quan chủ trì**\n|\n|\n1\n|\n" \
    "Triển khai nền tảng đào tạo\ntrực tuyến\n|\nSở KH&CN\n|\n|\n2\n|\nĐánh giá\n|\nSở Nội vụ\n|\n"


def test_a_flattened_numbered_table_gets_its_rows_back_on_one_line_each():
    text = read_bytes(FLATTENED_TABLE.encode(), "kh.md").text
    rows = [line for line in text.split("\n") if line.strip()]
    assert rows == ["STT | Tên nhiệm vụ | Cơ quan chủ trì |",
                    "1 | Triển khai nền tảng đào tạo trực tuyến | Sở KH&CN |",
                    "2 | Đánh giá | Sở Nội vụ |"]
    assert text.count("\n") == FLATTENED_TABLE.count("\n")


def test_a_layout_table_of_lone_bars_is_left_alone():
    # examples/seeds/000: header cells between "|" lines, no row ends, no STT column
    text = read_bytes(b"|\nSo: 88-KH/TU\n|\nTP. HCM, ngay 24\n|\nKE HOACH\n", "000.md").text
    assert "So: 88-KH/TU" in text.split("\n")


def test_a_label_alone_on_its_line_joins_its_text():
    # corpus2 qd-1627, ct-06: "**1.\nNhiệm vụ của thành viên Ban Chỉ đạo**", "-\nPhân công …"
    text = read_bytes("**IV. NHIỆM VỤ**\n\n**1.\nNhiệm vụ của Ban**\n\n-\nPhân công\n".encode(),
                      "qd.md").text
    assert [line for line in text.split("\n") if line.strip()] == [
        "IV. NHIỆM VỤ", "1. Nhiệm vụ của Ban", "- Phân công"]


# --- pages that hold no document -------------------------------------------------------------

APACHE_404 = ("<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1>"
              "<p>The requested URL was not found on this server.</p><hr>"
              "<address>Apache/2.4.41 (Ubuntu) Server at example.vn Port 80</address>"
              "</body></html>")


@pytest.mark.parametrize("page", [
    APACHE_404,
    "<html><body><h1>404 Not Found</h1><center>nginx</center></body></html>",
    "<html><body><h2>Lỗi 404 - Không tìm thấy trang</h2><p>Về trang chủ</p></body></html>",
    "<html><body><p>503 Service Unavailable</p></body></html>",
])
def test_an_error_page_is_refused_naming_its_first_line(page):
    with pytest.raises(ReadError, match="an error page") as error:
        read_bytes(page.encode(), "saved.html")
    assert_one_line_naming(error, "saved.html")


def test_a_document_is_not_taken_for_an_error_page():
    """A long text opening alike (a document about a page) reads; so does a seed."""
    body = "Not Found\n" + "Kế hoạch thực hiện Nghị quyết số 05-NQ/TU của Thành ủy.\n" * 80
    assert read_bytes(body.encode(), "long.txt").text.startswith("Not Found")
    assert read_path(SEEDS[0]).text
