"""PDFs the format tests make: a directive typeset with a Vietnamese font (text layer),
the same pages rasterised into a scan (image only), and a scan carrying a text layer in
a legacy font without a Unicode map (mojibake over the image)."""
from __future__ import annotations

import ctypes
import io
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # fonts-dejavu-core
WIDTH, HEIGHT = 595.0, 842.0

# (x, top, text, size) per line, page by page: a two-column header and closing, as
# published, and the closing on page 2.
PAGES = [
    [
        (70, 60, "ỦY BAN NHÂN DÂN", 12), (330, 60, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 11),
        (80, 76, "TỈNH NGHỆ AN", 12), (360, 76, "Độc lập - Tự do - Hạnh phúc", 12),
        (75, 110, "Số: 987/KH-UBND", 12), (350, 110, "Nghệ An, ngày 15 tháng 10 năm 2025", 11),
        (250, 160, "KẾ HOẠCH", 14),
        (110, 180, "Thực hiện chuyển đổi số trên địa bàn tỉnh", 12),
        (80, 220, "Thực hiện Kế hoạch số 328-KH/TU ngày 05/9/2025 của Ban Thường vụ", 12),
        (70, 238, "Tỉnh ủy, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:", 12),
        (80, 262, "I. TỔ CHỨC THỰC HIỆN", 12),
        (80, 286, "1. Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tư pháp xây dựng", 12),
        (70, 304, "cơ sở dữ liệu dùng chung, hoàn thành trước ngày 30/6/2026./.", 12),
    ],
    [
        (70, 60, "Nơi nhận:", 11), (360, 60, "TM. ỦY BAN NHÂN DÂN", 12),
        (70, 76, "- Thường trực Tỉnh ủy;", 10), (375, 76, "KT. CHỦ TỊCH", 12),
        (70, 90, "- Các sở, ban, ngành;", 10), (370, 92, "PHÓ CHỦ TỊCH", 12),
        (70, 104, "- Lưu: VT.", 10),
        (365, 170, "Nguyễn Văn Đệ", 12),
    ],
]


def _wide(text: str):
    data = (text + "\0").encode("utf-16-le")
    return ctypes.cast(ctypes.create_string_buffer(data, len(data)),
                       ctypes.POINTER(pdfium_c.FPDF_WCHAR))


def _font(pdf: pdfium.PdfDocument):
    data = FONT.read_bytes()
    buffer = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
    return pdfium_c.FPDFText_LoadFont(pdf.raw, buffer, len(data), pdfium_c.FPDF_FONT_TRUETYPE,
                                      True)


def _add_text(pdf, page, font, x: float, top: float, text: str, size: float,
              invisible: bool = False) -> None:
    obj = pdfium_c.FPDFPageObj_CreateTextObj(pdf.raw, font, size)
    pdfium_c.FPDFText_SetText(obj, _wide(text))
    if invisible:
        pdfium_c.FPDFTextObj_SetTextRenderMode(obj, pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE)
    pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, HEIGHT - top - size)
    pdfium_c.FPDFPage_InsertObject(page.raw, obj)


def _save(pdf: pdfium.PdfDocument) -> bytes:
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def text_pdf(pages=PAGES) -> bytes:
    """The pages typeset with a text layer."""
    pdf = pdfium.PdfDocument.new()
    font = _font(pdf)
    for lines in pages:
        page = pdf.new_page(WIDTH, HEIGHT)
        for line in lines:
            _add_text(pdf, page, font, *line)
        page.gen_content()
    return _save(pdf)


def scanned_pdf(pages=PAGES, mojibake: str | None = None) -> bytes:
    """The typeset pages rendered at 300 dpi and put back as images, no text layer; with
    `mojibake`, each page also carries that string as an invisible text layer."""
    source = pdfium.PdfDocument(text_pdf(pages))
    pdf = pdfium.PdfDocument.new()
    font = _font(pdf) if mojibake else None
    for k in range(len(source)):
        picture = source[k].render(scale=300 / 72, grayscale=True)
        page = pdf.new_page(WIDTH, HEIGHT)
        image = pdfium.PdfImage.new(pdf)
        image.set_bitmap(picture)
        image.set_matrix(pdfium.PdfMatrix().scale(WIDTH, HEIGHT))
        page.insert_obj(image)
        if mojibake:
            for n in range(12):
                _add_text(pdf, page, font, 70, 60 + 20 * n, mojibake, 12, invisible=True)
        page.gen_content()
    return _save(pdf)


def empty_pdf() -> bytes:
    """A valid PDF with no page."""
    return _save(pdfium.PdfDocument.new())


def encrypted_pdf() -> bytes:
    """A PDF whose standard security handler wants a user password (not the empty one)."""
    data = text_pdf(PAGES[:1])
    trailer = data.rindex(b"trailer")
    encrypt = (b"/Encrypt << /Filter /Standard /V 1 /R 2 /P -4 /O <" + b"41" * 32 + b"> /U <"
               + b"42" * 32 + b"> >> /ID [<" + b"43" * 16 + b"> <" + b"43" * 16 + b">] ")
    start = data.index(b"<<", trailer) + 2
    return data[:start] + encrypt + data[start:]
