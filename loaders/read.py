"""Read any input file into one clean, normalized text (NFC, new-style tones).

Every later stage indexes evidence offsets into `SourceText.text`, so all
normalization happens here, once, before any rule runs.
"""
from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

MAX_BYTES = 50 * 1024 * 1024  # larger inputs are refused (override with max_bytes=)

TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng as NFD marks
# A tone on the second vowel of a syllable-final oa / oe / uy (not the "qu" of "quý"):
# the same rule as shared/eval/score.py, so text and gold fold alike.
_SECOND_VOWEL_TONE = re.compile(
    rf"(?<!q)(?:o[ae]|uy)[{TONES}](?![\w\u0300-\u036f])", re.IGNORECASE
)
_OLD_STYLE_HINT = re.compile("[oOuU][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ]")
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " "})
_INVISIBLE = re.compile("[\ufeff\u200b\u2060]")


class ReadError(Exception):
    """An input that cannot be read as a document; the message is one line naming the file."""


@dataclass(frozen=True)
class SourceText:
    """One input document as normalized text, with what was detected while reading it."""

    name: str
    text: str
    encoding: str
    format: str  # "text" | "html" | "markdown"
    sha256: str
    warnings: list[str] = field(default_factory=list)


def fold_tones(text: str) -> str:
    """Move the tone of a final oa / oe / uy to the first vowel (hoà -> hòa, uỷ -> ủy, not quý)."""
    if not _OLD_STYLE_HINT.search(text):
        return text
    decomposed = unicodedata.normalize("NFD", text)
    moved = _SECOND_VOWEL_TONE.sub(lambda m: m[0][0] + m[0][2] + m[0][1], decomposed)
    return unicodedata.normalize("NFC", moved)


def normalize(text: str) -> str:
    """NFC, new-style tones, NBSP as space, LF line ends; dashes are kept as written."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text).translate(_SPACES)
    return fold_tones(unicodedata.normalize("NFC", text))


def read_path(path: str | Path, max_bytes: int = MAX_BYTES) -> SourceText:
    """Read a file from disk; see `read_bytes`."""
    path = Path(path)
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


def read_bytes(data: bytes, name: str, max_bytes: int = MAX_BYTES) -> SourceText:
    """Decode, convert and normalize raw bytes of a document called `name`."""
    if len(data) > max_bytes:
        raise ReadError(_too_big(name, len(data), max_bytes))
    warnings: list[str] = []
    raw, encoding = _decode(data, name, warnings)
    _refuse_binary(raw, name)
    text = normalize(raw)
    if not text.strip():
        raise ReadError(f"{name}: empty file, no text to read")
    return SourceText(
        name=Path(name).name,
        text=text,
        encoding=encoding,
        format="text",
        sha256=hashlib.sha256(data).hexdigest(),
        warnings=warnings,
    )


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def _refuse_binary(text: str, name: str) -> None:
    """Text documents have (almost) no control characters; binary data decoded by luck has many."""
    controls = len(_CONTROL.findall(text[:65536]))
    if controls > max(2, len(text[:65536]) // 100):
        raise ReadError(f"{name}: binary file ({controls} control characters), not a text document")


def _too_big(name: str, size: int, limit: int) -> str:
    return f"{name}: {size / 1e6:.1f} MB is over the {limit / 1e6:.0f} MB input limit"


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
            return _strict(data[len(bom):], encoding.removesuffix("-sig"), name, warnings), encoding
    if b"\x00" in data:
        encoding = _utf16_without_bom(data)
        if encoding is None:
            raise ReadError(f"{name}: binary file (NUL bytes), not a text document")
        return _strict(data, encoding, name, warnings), encoding
    return _strict(data, "utf-8", name, warnings), "utf-8"


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM has its NULs on one side of (mostly ASCII) code units."""
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even == 0:
        return "utf-16-le"
    if even > 0.3 * half and odd == 0:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str, name: str, warnings: list[str]) -> str:
    """Decode; a sequence cut at the very end (truncated file) is dropped with a warning."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" or (
            exc.start >= len(data) - 3 and encoding == "utf-8"
        ):
            try:
                text = data[: exc.start].decode(encoding)
            except UnicodeDecodeError:
                pass
            else:
                warnings.append(
                    f"{name}: truncated file, dropped {len(data) - exc.start} byte(s) "
                    f"of an incomplete {encoding} character at the end"
                )
                return text
        raise ReadError(
            f"{name}: not valid {encoding} (byte {exc.start}: {exc.reason})"
        ) from exc
