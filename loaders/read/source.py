"""Read any input file into one clean, normalized text (NFC, new-style tones).

Every later stage indexes evidence offsets into `SourceText.text`, so all
normalization happens here, once, before any rule runs.
"""
from __future__ import annotations

import codecs
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from vbkg.loaders.read.encodings import (
    CONVINCING,
    LEGACY,
    best_decoding,
    cp1252_text,
    decode,
    garbled_lines,
    reads_better,
    repair_lines,
)
from vbkg.loaders.read.markup import (
    error_page_heading,
    html_to_text,
    looks_like_html,
    looks_like_markdown,
    markdown_to_text,
    strip_furniture,
)

MAX_MB = 50  # larger inputs are refused; VBKG_MAX_INPUT_MB or max_bytes= change it

# Old-style tone on the second vowel of a syllable-final oa / oe / uy (not the "qu" of "quý"):
# the rule of shared/eval/score.py, on NFC text. One pattern per first letter, because a
# literal first character lets the regex engine skip ahead fast (20 MB in well under a second).
_END = "(?![\\w\u0300-\u036f])"
_SECOND_VOWEL_TONE = tuple(
    re.compile(f"{first}[{seconds}]{_END}")
    for first, seconds in (
        ("o", "àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ"),
        ("O", "àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ"),
        ("u", "ỳýỷỹỵỲÝỶỸỴ"),
        ("U", "ỳýỷỹỵỲÝỶỸỴ"),
    )
)


def _new_style(match: re.Match[str]) -> str:
    first, toned = match[0]
    if match.start() and match.string[match.start() - 1] in "qQ":
        return match[0]
    base, tone = unicodedata.normalize("NFD", toned)
    return unicodedata.normalize("NFC", first + tone) + base


_SPACES = ("\u00a0", "\u202f", "\u2007")  # no-break spaces become plain spaces
# BOM inside text, zero-width (non-)joiners and spaces, soft hyphens: invisible, dropped
_INVISIBLE = ("\ufeff", "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad")
_LINE_BREAKS = ("\u2028", "\u2029", "\x85", "\x0b", "\x0c")  # become "\n"


class ReadError(Exception):
    """An input that cannot be read as a document; the message is one line naming the file."""


@dataclass(frozen=True)
class SourceText:
    """One input document as normalized text, with what was detected while reading it."""

    name: str
    text: str
    encoding: str
    format: str  # "text" | "html" | "markdown" | "pdf" | "docx" | "doc"
    sha256: str
    warnings: list[str] = field(default_factory=list)
    pages: tuple[int, ...] = ()  # offset in `text` where each page starts (PDF only)


def fold_tones(text: str) -> str:
    """Move the tone of a final oa / oe / uy to the first vowel (hoà -> hòa, uỷ -> ủy, not quý)."""
    text = unicodedata.normalize("NFC", text)
    for pattern in _SECOND_VOWEL_TONE:
        text = pattern.sub(_new_style, text)
    return text


def normalize(text: str) -> str:
    """NFC, new-style tones, NBSP as space, LF line ends; dashes are kept as written."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for line_break in _LINE_BREAKS:
        text = text.replace(line_break, "\n")
    for space in _SPACES:
        text = text.replace(space, " ")
    for invisible in _INVISIBLE:
        text = text.replace(invisible, "")
    return fold_tones(text)


def max_input_bytes() -> int:
    """The input size limit: VBKG_MAX_INPUT_MB if set, else MAX_MB megabytes."""
    value = os.environ.get("VBKG_MAX_INPUT_MB", "").strip()
    try:
        return int(float(value) * 1_000_000) if value else MAX_MB * 1_000_000
    except ValueError:
        return MAX_MB * 1_000_000


def read_path(path: str | Path, max_bytes: int | None = None) -> SourceText:
    """Read a file from disk; see `read_bytes`."""
    path = Path(path)
    max_bytes = max_input_bytes() if max_bytes is None else max_bytes
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(_too_big(path.name, size, max_bytes))
        data = path.read_bytes()
    except IsADirectoryError as exc:
        raise ReadError(f"{path.name}: is a directory, not a file") from exc
    except OSError as exc:
        raise ReadError(f"{path.name}: cannot read ({exc.strerror or exc})") from exc
    return read_bytes(data, path.name, max_bytes=max_bytes)


def read_bytes(data: bytes, name: str, max_bytes: int | None = None) -> SourceText:
    """Decode, convert and normalize raw bytes of a document called `name`."""
    max_bytes = max_input_bytes() if max_bytes is None else max_bytes
    if len(data) > max_bytes:
        raise ReadError(_too_big(name, len(data), max_bytes))
    warnings: list[str] = []
    if (document := read_document(data, name)) is not None:
        return document
    _refuse_known_binary(data, name)
    raw, encoding = _decode(data, name, warnings)
    _refuse_binary(raw, name)
    if not raw.strip():
        raise ReadError(f"{name}: empty file, no text to read")
    text, kind = _to_text(raw.replace("\r\n", "\n").replace("\r", "\n"), name)
    text, blanked = strip_furniture(normalize(text))
    if blanked:
        warnings.append(f"{name}: {blanked} line(s) of site boilerplate blanked")
    if not text.strip():
        raise ReadError(f"{name}: no document text (only markup or site boilerplate)")
    if heading := error_page_heading(text):
        raise ReadError(f"{name}: an error page ({heading!r}), not a document")
    return SourceText(
        name=Path(name).name,
        text=text,
        encoding=encoding,
        format=kind,
        sha256=hashlib.sha256(data).hexdigest(),
        warnings=warnings,
    )


def read_document(data: bytes, name: str) -> SourceText | None:
    """A PDF, .docx (any zip) or .doc (any OLE2 file) by first bytes or name; else None.

    Each page is normalized on its own, so that page offsets index the joined text.
    """
    suffix, sha256 = Path(name).suffix.lower(), hashlib.sha256(data).hexdigest()
    warnings: list[str] = []
    if data.startswith(b"%PDF") or suffix == ".pdf":
        from vbkg.loaders.read.pdf import read_pdf

        (pages, warnings), kind = read_pdf(data, name, sha256), "pdf"
    elif data.startswith(b"PK\x03\x04") or suffix == ".docx":
        from vbkg.loaders.read.docx import read_docx

        pages, kind = [read_docx(data, name)], "docx"
    elif data.startswith(_OLE2) or suffix == ".doc":
        from vbkg.loaders.read.doc import read_doc

        pages, kind = [read_doc(data, name)], "doc"
    else:
        return None
    texts = [normalize(page) for page in pages]
    if not any(text.strip() for text in texts):
        raise ReadError(f"{name}: no text in the {kind.upper()} file")
    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + 1
    return SourceText(name=Path(name).name, text="\n".join(texts), encoding=kind, format=kind,
                      sha256=sha256, warnings=warnings,
                      pages=tuple(starts) if kind == "pdf" else ())


def _to_text(raw: str, name: str) -> tuple[str, str]:
    """HTML or Markdown to plain text, by file extension first, then by content."""
    suffix = Path(name).suffix.lower()
    if suffix in (".html", ".htm", ".xhtml") or (suffix not in _MARKDOWN and looks_like_html(raw)):
        return html_to_text(raw), "html"
    if suffix in _MARKDOWN or looks_like_markdown(raw):
        return markdown_to_text(raw), "markdown"
    return raw, "text"


_MARKDOWN = (".md", ".markdown")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAGIC = (  # formats people hand in instead of text, by their first bytes
    (b"{\\rtf", "RTF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x1f\x8b", "gzip archive"),
)


def _refuse_known_binary(data: bytes, name: str) -> None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise ReadError(f"{name}: binary file ({kind}), not a text document; "
                            "extract its text first")


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def _refuse_binary(text: str, name: str) -> None:
    """Text documents have (almost) no control characters; binary data decoded by luck has many."""
    controls = len(_CONTROL.findall(text[:65536]))
    if controls > max(2, len(text[:65536]) // 100):
        raise ReadError(f"{name}: binary file ({controls} control characters), not a text document")


def _too_big(name: str, size: int, limit: int) -> str:
    return (f"{name}: {size / 1e6:.1f} MB is over the {limit / 1e6:g} MB input limit "
            "(VBKG_MAX_INPUT_MB raises it)")


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _decode(data: bytes, name: str, warnings: list[str]) -> tuple[str, str]:
    """Bytes -> str and the name of the encoding found."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            codec = encoding.removesuffix("-sig")
            return _strict(data[len(bom):], codec, name, warnings), encoding
    if b"\x00" in data:
        encoding = _utf16_without_bom(data)
        if encoding is None:
            raise ReadError(f"{name}: binary file (NUL bytes), not a text document")
        return _strict(data, encoding, name, warnings), encoding
    try:
        text, encoding = _strict(data, "utf-8", name, warnings), "utf-8"
    except UnicodeDecodeError:
        text, encoding = _decode_by_line(data, name, warnings)
    text, repaired, count = repair_lines(text)
    if count:
        warnings.append(
            f"{name}: {count} line(s) of {repaired} text garbled through Windows-1252, converted"
        )
        encoding = f"{encoding}+{repaired}"
    garbled = garbled_lines(text)
    if garbled:
        warnings.append(f"{name}: {garbled} line(s) look garbled (wrong code page?) and were "
                        "left as they are")
    return text, encoding


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM has its NULs on one side of (mostly ASCII) code units."""
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even < 0.05 * half:  # a few U+xx00 (U+0300 in NFD text)
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str, name: str, warnings: list[str]) -> str:
    """Decode; a character cut at the very end (truncated file) is dropped with a warning.

    Raises UnicodeDecodeError for UTF-8 (the caller tries legacy encodings), ReadError otherwise.
    """
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if _cut_at_end(data, exc, encoding):
            warnings.append(
                f"{name}: truncated file, dropped {len(data) - exc.start} byte(s) "
                f"of an incomplete {encoding} character at the end"
            )
            return data[: exc.start].decode(encoding)
        if encoding == "utf-8":
            raise
        raise ReadError(f"{name}: not valid {encoding} (byte {exc.start}: {exc.reason})") from exc


def _cut_at_end(data: bytes, exc: UnicodeDecodeError, encoding: str) -> bool:
    """Is the only error an incomplete character at the very end?"""
    if exc.reason in ("unexpected end of data", "truncated data"):
        return True
    if encoding != "utf-8" or exc.start < len(data) - 3:
        return False
    tail = data[exc.start:]
    needed = 2 if 0xC2 <= tail[0] <= 0xDF else 3 if 0xE0 <= tail[0] <= 0xEF else 4
    return (
        0xC2 <= tail[0] <= 0xF4
        and len(tail) < needed
        and all(0x80 <= b <= 0xBF for b in tail[1:])
    )


def _utf8_with_stray_bytes(line: bytes) -> tuple[str | None, int]:
    """A UTF-8 line with a few bytes from another code page (a pasted NBSP or quote).

    Returns the line with those bytes read as Windows-1252 and their number, or
    (None, 0) when invalid bytes outnumber valid non-ASCII characters: legacy text,
    where chance UTF-8 sequences are rare.
    """
    lenient = line.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    good = len(lenient) - len(lenient.encode("ascii", "ignore")) - bad
    if bad > good:
        return None, 0
    return line.decode("utf-8", errors=_STRAY_AS_CP1252), bad


def _stray_as_cp1252(error: UnicodeDecodeError) -> tuple[str, int]:
    return cp1252_text(error.object[error.start:error.end]), error.end


_STRAY_AS_CP1252 = "vbkg-stray-as-cp1252"
codecs.register_error(_STRAY_AS_CP1252, _stray_as_cp1252)


def _decode_by_line(data: bytes, name: str, warnings: list[str]) -> tuple[str, str]:
    """Not UTF-8: decode each line that is not UTF-8 with the legacy encoding that reads best."""
    lines = data.split(b"\n")
    decoded: list[str | None] = []
    stray = 0
    for line in lines:
        try:
            decoded.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            repaired, count = _utf8_with_stray_bytes(line)
            stray += count
            decoded.append(repaired)
    if stray:
        warnings.append(f"{name}: {stray} stray byte(s) in UTF-8 text read as Windows-1252")
    legacy = [i for i, text in enumerate(decoded) if text is None]
    if not legacy:
        return "\n".join(decoded), "utf-8"
    legacy_set = set(legacy)
    found = best_decoding([lines[i] for i in legacy], LEGACY)
    if found is None or found[1] < CONVINCING:
        best = f"{found[1]:.0%} Vietnamese words at best" if found else "no decoding fits"
        raise ReadError(
            f"{name}: not UTF-8, and no legacy Vietnamese encoding "
            f"(Windows-1258, TCVN3, VNI) reads it ({best}); convert it to UTF-8"
        )
    encoding = found[0]
    converted = decode(b"\n".join(lines[i] for i in legacy), encoding)
    if converted is None:
        raise ReadError(f"{name}: lines not in UTF-8 are not valid {encoding} either")
    for i, text in zip(legacy, converted.split("\n"), strict=True):
        decoded[i] = text
    unicode_lines = 0
    for i, line in enumerate(lines):
        if i in legacy_set or line.isascii():
            continue
        alternative = decode(line, encoding)  # valid UTF-8 by chance, or really Unicode?
        if alternative is not None and reads_better(alternative, decoded[i]):
            decoded[i] = alternative
            legacy_set.add(i)
        else:
            unicode_lines += 1
    if unicode_lines:
        warnings.append(
            f"{name}: mixed encodings, {len(legacy_set)} line(s) read as {encoding}, "
            f"{unicode_lines} as UTF-8"
        )
        encoding = f"utf-8+{encoding}"
    return "\n".join(decoded), encoding
