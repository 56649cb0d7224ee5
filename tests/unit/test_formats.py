"""PDF (text layer and OCR), DOCX and DOC inputs: the ten real files of ../shared/formats,
PDFs the tests typeset and rasterise (pdf_fixtures.py), bad files, the OCR cache.

The expected values were read by hand from the files themselves (header, signature,
annex table), not from the extractor's output.
"""
import io
import json
import zipfile

import pytest
from pdf_fixtures import encrypted_pdf, scanned_pdf, text_pdf
from shared_paths import SHARED, required
from typer.testing import CliRunner
from vbkg.loaders.cli.app import app
from vbkg.loaders.extract import extract
from vbkg.loaders.read import ocr
from vbkg.loaders.read.source import ReadError, read_bytes, read_path

FORMATS = SHARED / "formats"
# a legacy font without a Unicode map: the text layer of KH-1105-DKT-ke-hoach-kiem-tra.pdf
MOJIBAKE = "6Ӣ C‘NG 7+ѬѪ1* &Ӝ1* H“A XÃ +Ӝ, &+Ӫ 1*+Ƭ$ 9,Ӊ7 NAM \x14\x13\x18\x13\x12"


@pytest.fixture(autouse=True)
def ocr_cache(tmp_path_factory, monkeypatch):
    folder = tmp_path_factory.getbasetemp() / "ocr-cache"  # one per run: each scan OCR'd once
    monkeypatch.setenv("VBKG_OCR_CACHE", str(folder))
    return folder


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    """file name → record, for the ten real files (scans OCR'd once for the module)."""
    cache = tmp_path_factory.getbasetemp() / "ocr-cache"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("VBKG_OCR_CACHE", str(cache))
        files = sorted(p for p in required(FORMATS).iterdir() if p.suffix != ".md")
        return {p.name: extract(read_path(p)) for p in files}


def fields(record: dict) -> tuple:
    doc = record["document"]
    issuer = doc["co_quan_ban_hanh"] or {}
    signer = doc["nguoi_ky"] or {}
    return (doc["loai"], doc["so_hieu"], doc["ngay_ban_hanh"], issuer.get("ten"),
            issuer.get("dia_ban"), signer.get("ho_ten"), signer.get("chuc_vu"))


LAO_CAI = ("Ủy ban nhân dân", "Tỉnh Lào Cai", "Nguyễn Thành Sinh", "Phó Chủ tịch")


@pytest.mark.parametrize(("name", "expected"), [
    # PDF, clean text layer: number and date in the text
    ("QD-1074-QD-BXD-29-6-2026.pdf", ("QuyetDinh", "1074/QĐ-BXD", "2026-06-29", "Bộ Xây dựng",
                                      "Trung ương", "Phạm Minh Hà", "Thứ trưởng")),
    # PDF signed digitally: "Số: /UBND-XD", "ngày tháng 7 năm 2026" stay null
    ("CV-7432-UBND-XD-21-7-2026-trien-khai-QD-1074.pdf",
     ("CongVan", None, None, "Ủy ban nhân dân", "Tỉnh Lào Cai", "Phan Trung Bá", "Phó Chủ tịch")),
    # Word files before signing: number and day blank
    ("CV-UBND-KT_giao-SCT-tham-muu-uy-quyen_truoc-15.9.2025.docx",
     ("CongVan", None, None, *LAO_CAI)),
    ("CV-UBND-bao-ve-khoang-san-chua-khai-thac.docx", ("CongVan", None, None, *LAO_CAI)),
    ("KH-UBND-trien-khai-Chi-thi-11-CT-TU-QLNN-khoang-san.docx",
     ("KeHoach", None, None, *LAO_CAI)),
    ("KH-2242_23.4.2026_Kiem-tra-cap-GCN-28-don-vi.docx",
     ("KeHoach", None, None, "Sở Công Thương", "Tỉnh Lào Cai", "Hoàng Văn Thuân", "Phó Giám đốc")),
])
def test_document_fields_of_the_real_files(records, name, expected):
    assert fields(records[name]) == expected


def test_a_text_layer_in_a_broken_font_is_read_by_ocr(records):
    record = records["KH-1105-DKT-ke-hoach-kiem-tra.pdf"]
    assert fields(record)[:3] == ("KeHoach", "1105/KH-ĐKT", "2026-03-10")
    assert "6 of 6 page(s) read by OCR" in record["meta"]["warnings"][0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in record["text"]


def test_scans_leave_handwritten_number_and_date_null(records):
    cv_2265 = records["CV-2265-BCT-ATMT-trien-khai.pdf"]  # "Số: 2265/BCT-ATMT", "ngày 02 tháng 4"
    assert fields(cv_2265)[:5] == ("CongVan", None, None, "Bộ Công Thương", "Trung ương")
    assert "15/2026/TT-BCT" in {r["so_hieu"] for r in cv_2265["references"]}
    cv_813 = records["CV-813-CucHoaChat.pdf"]  # "Số: 813/HC-CNHC", "ngày 22 tháng 4"
    assert fields(cv_813)[1:3] == (None, None)
    assert "01/2026/TT-BCT" in {r["so_hieu"] for r in cv_813["references"]}  # "Thông tư số …"
    assert len(cv_813["meta"]["pages"]) == 2


def test_the_doc_file_is_read_with_antiword(records):
    record = records["TT-15-2026-BCT-text.doc"]
    assert fields(record)[:3] == ("ThongTu", "15/2026/TT-BCT", "2026-03-25")
    can_cu = {r["so_hieu"] for r in record["references"] if r["relation"] == "can_cu"}
    assert {"190/2025/QH15", "40/2025/NĐ-CP", "146/2025/NĐ-CP", "139/2025/NĐ-CP"} <= can_cu


def test_the_word_annex_table_rows_are_tasks(records):
    record = records["KH-UBND-trien-khai-Chi-thi-11-CT-TU-QLNN-khoang-san.docx"]
    annex = {t["section"]: t for t in record["tasks"] if t["section"].startswith("Phụ lục")}
    row = annex["Phụ lục.2"]  # "Rà soát, điều chỉnh, cập nhật bổ sung phương án quản lý …"
    assert [b["ten"] for b in row["chu_tri"]] == ["Sở Nông nghiệp và Môi trường"]
    assert row["noi_dung"].startswith("Rà soát, điều chỉnh, cập nhật bổ sung phương án")
    assert row["evidence"]["rule"] == "table_row"
    assert [b["ten"] for b in annex["Phụ lục.6"]["chu_tri"]] == ["Sở Công Thương", "Sở Xây dựng"]
    assert annex["Phụ lục.5"]["han"] == "2030-01-01"  # "… xong trước ngày 01/01/2030"
    assert record["text"][row["evidence"]["start"]:].startswith("2 | Rà soát, điều chỉnh")


def test_pdf_evidence_carries_its_page(records):
    record = records["QD-1074-QD-BXD-29-6-2026.pdf"]
    assert record["document"]["nguoi_ky"]["evidence"]["page"] == 2  # signature on page 2
    assert record["document"]["evidence"]["page"] == 1
    start = record["meta"]["pages"][1]
    assert record["text"][start:].startswith("Điều 3. Tổ chức thực hiện")


# --- PDFs the tests make ------------------------------------------------------------------

EXPECTED = ("KeHoach", "987/KH-UBND", "2025-10-15", "Ủy ban nhân dân", "Tỉnh Nghệ An",
            "Nguyễn Văn Đệ", "Phó Chủ tịch")


def test_a_typeset_pdf_reads_like_a_clean_text():
    source = read_bytes(text_pdf(), "kh-987.pdf")
    lines = source.text.split("\n")
    assert lines[:6] == ["ỦY BAN NHÂN DÂN", "TỈNH NGHỆ AN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Độc lập - Tự do - Hạnh phúc", "Số: 987/KH-UBND",
                         "Nghệ An, ngày 15 tháng 10 năm 2025"]  # header rows, left cell first
    assert lines[-8:] == ["Nơi nhận:", "- Thường trực Tỉnh ủy;", "- Các sở, ban, ngành;",
                          "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                          "Nguyễn Văn Đệ"]  # Nơi nhận column, then the signature column
    record = extract(source)
    assert fields(record) == EXPECTED
    (task,) = record["tasks"]
    assert [b["ten"] for b in task["chu_tri"]] == ["Sở Khoa học và Công nghệ"]
    assert (task["han"], task["evidence"]["page"]) == ("2026-06-30", 1)
    assert record["document"]["nguoi_ky"]["evidence"]["page"] == 2


@pytest.mark.parametrize("mojibake", [None, MOJIBAKE], ids=["scan", "broken-font-layer"])
def test_a_scan_and_a_broken_text_layer_are_ocrd(mojibake):
    source = read_bytes(scanned_pdf(mojibake=mojibake), "kh-987-scan.pdf")
    assert source.warnings == ["kh-987-scan.pdf: 2 of 2 page(s) read by OCR (no usable text layer)"]
    record = extract(source)
    assert fields(record)[:5] == EXPECTED[:5]
    assert record["document"]["nguoi_ky"]["ho_ten"] == "Nguyễn Văn Đệ"
    assert [b["ten"] for t in record["tasks"] for b in t["chu_tri"]] == ["Sở Khoa học và Công nghệ"]


def test_a_second_read_takes_the_ocr_text_from_the_cache(monkeypatch, ocr_cache):
    data = scanned_pdf(mojibake=MOJIBAKE)
    calls = []
    real = ocr._tesseract
    monkeypatch.setattr(ocr, "_tesseract", lambda *a: calls.append(a) or real(*a))
    first = read_bytes(data, "a.pdf")
    assert len(calls) == 2  # two pages
    assert any(ocr_cache.glob("*.json"))
    monkeypatch.setattr(ocr, "_tesseract", lambda *a: pytest.fail("Tesseract ran again"))
    again = read_bytes(data, "copy-of-a.pdf")
    assert again.text == first.text and again.pages == first.pages


# --- bad files: one line naming the file and the cause ---------------------------------


def one_line(error, name: str) -> str:
    message = str(error.value)
    assert "\n" not in message and message.startswith(f"{name}: ")
    return message


def docx_of_something_else() -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return data.getvalue()


@pytest.mark.parametrize(("name", "data", "cause"), [
    ("encrypted.pdf", encrypted_pdf(), "PDF encrypted"),
    ("corrupt.pdf", b"%PDF-1.7\n" + bytes(range(1, 32)) * 100, "PDF corrupt or not a PDF"),
    ("cut.pdf", text_pdf()[:300], "PDF"),
    ("empty.pdf", b"%PDF-1.7\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj "
                  b"<</Type/Pages/Count 0/Kids[]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF",
     "PDF has no pages"),
    ("odt.docx", docx_of_something_else(), "not a Word document (a zip without"),
    ("notzip.docx", b"<html>not a zip</html>", "not a Word document (not a valid zip"),
    ("spreadsheet.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
     "not a readable Word 97-2003 document"),
])
def test_bad_files_are_one_line_naming_the_file(name, data, cause):
    with pytest.raises(ReadError) as error:
        read_bytes(data, name)
    assert cause in one_line(error, name)


def test_missing_tesseract_or_antiword_is_named_with_what_to_install(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(ReadError) as error:
        read_bytes(scanned_pdf(), "scan.pdf")
    assert one_line(error, "scan.pdf").endswith(
        "page 1 needs OCR but Tesseract is not installed "
        "(apt-get install tesseract-ocr tesseract-ocr-vie)")
    doc = (required(FORMATS) / "TT-15-2026-BCT-text.doc").read_bytes()
    with pytest.raises(ReadError) as error:
        read_bytes(doc, "tt-15.doc")
    assert "needs antiword, which is not installed (apt-get install antiword)" in one_line(
        error, "tt-15.doc")


def test_extract_reports_bad_files_and_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "kh-987.pdf").write_bytes(text_pdf())
    (folder / "encrypted.pdf").write_bytes(encrypted_pdf())
    (folder / "odt.docx").write_bytes(docx_of_something_else())
    result = CliRunner().invoke(app, ["extract", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "encrypted.pdf: PDF encrypted (needs a password)" in result.output
    assert "odt.docx: not a Word document" in result.output
    record = json.loads((tmp_path / "out" / "kh-987.json").read_text(encoding="utf-8"))
    assert record["document"]["so_hieu"] == "987/KH-UBND"
    assert record["meta"]["format"] == "pdf" and record["meta"]["pages"][0] == 0
