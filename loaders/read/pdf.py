"""PDF → one text per page: the text layer (pypdfium2, with character boxes) or OCR.

A page is read from its text layer when that layer is usable; a scan (an image and
almost no characters) or a layer in a legacy font without a Unicode map (control
characters, words that are no Vietnamese syllables) is OCR'd instead (read/ocr.py).
"""
from __future__ import annotations

import re
import unicodedata

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from vbkg.loaders.read import ocr
from vbkg.loaders.read.encodings import CONVINCING, share, syllable_counts
from vbkg.loaders.read.lines import Word, page_lines
from vbkg.loaders.read.source import ReadError

MIN_CHARS = 20  # fewer visible characters on a page with an image: a scan
MIN_WORDS = 10  # non-ASCII words needed before their syllable share is judged
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
_WHY = {  # PDFium's load errors (FPDF_ERR_*), as the user should read them
    pdfium_c.FPDF_ERR_FILE: "cannot be opened",
    pdfium_c.FPDF_ERR_FORMAT: "corrupt or not a PDF",
    pdfium_c.FPDF_ERR_PASSWORD: "encrypted (needs a password)",
    pdfium_c.FPDF_ERR_SECURITY: "encrypted with an unsupported security handler",
}


def read_pdf(data: bytes, name: str, sha256: str) -> tuple[list[str], list[str]]:
    """(text of each page, warnings); raises ReadError naming the file."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ReadError(f"{name}: PDF {_why(exc, data)}") from None
    try:
        if len(document) == 0:
            raise ReadError(f"{name}: PDF has no pages")
        texts: list[str | None] = []
        for page in document:
            texts.append(text_layer(page))
            page.close()
        scanned = [k for k, text in enumerate(texts) if text is None]
        warnings = []
        if scanned:
            found = ocr.ocr_pages(document, scanned, name, sha256)
            for k in scanned:
                texts[k] = found[k]
            warnings.append(f"{name}: {len(scanned)} of {len(texts)} page(s) read by OCR "
                            "(no usable text layer)")
        return [text or "" for text in texts], warnings
    finally:
        document.close()


def _why(exc: pdfium.PdfiumError, data: bytes) -> str:
    """Why PDFium refused a file. Its error code is only set by some failures (a document
    without pages fails with the code of an earlier one), so the bytes are checked too."""
    code = getattr(exc, "err_code", None)
    if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY) and b"/Encrypt" in data:
        return _WHY[code]
    if b"/Pages" in data and _PAGE_OBJECT.search(data) is None:
        return "has no pages"
    return _WHY[pdfium_c.FPDF_ERR_FORMAT]


def text_layer(page: pdfium.PdfPage) -> str | None:
    """The page's text layer in reading order, or None when it must be OCR'd."""
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        words = _words(textpage, height)
    finally:
        textpage.close()
    text = "\n".join(page_lines(words, width))
    return text if usable(text, _has_image(page)) else None


def usable(text: str, has_image: bool) -> bool:
    """Is a page's text layer real text (not a scan's stray characters, not mojibake)?"""
    visible = sum(1 for c in text if not c.isspace())
    if visible < MIN_CHARS:
        return not has_image
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\t")
    if controls * 100 > visible:
        return False
    good, bad = syllable_counts(text)
    return good + bad < MIN_WORDS or share((good, bad)) >= CONVINCING


def _has_image(page: pdfium.PdfPage) -> bool:
    return any(obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2))


def _words(textpage: pdfium.PdfTextPage, page_height: float) -> list[Word]:
    """Characters → words: a space, a line break or a jump in position ends a word."""
    words, chars, box = [], [], None
    for i in range(textpage.count_chars()):
        char = chr(pdfium_c.FPDFText_GetUnicode(textpage, i))
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        if char.isspace() or char == "\ufffe" or right <= left:
            _flush(words, chars, box)
            chars, box = [], None
            continue
        x0, y0, x1, y1 = left, page_height - top, right, page_height - bottom
        if box is not None and _jumps(box, x0, y0, y1):
            _flush(words, chars, box)
            chars, box = [], None
        chars.append(char)
        box = (x0, y0, x1, y1) if box is None else (
            min(box[0], x0), min(box[1], y0), max(box[2], x1), max(box[3], y1))
    _flush(words, chars, box)
    return words


def _jumps(box: tuple[float, float, float, float], x0: float, y0: float, y1: float) -> bool:
    """The next character is not where the word goes on: another line, back, or far ahead."""
    height = box[3] - box[1]
    middle = (y0 + y1) / 2
    return not box[1] <= middle <= box[3] or x0 < box[2] - height or x0 - box[2] > height / 2


def _flush(words: list[Word], chars: list[str], box) -> None:
    if chars:
        words.append(Word("".join(chars), *box))
