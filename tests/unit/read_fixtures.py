"""Test-only helpers for reading tests: Unicode seeds as the legacy bytes found in the wild.

The encoders (TCVN3, VNI, Windows-1258) make re-encoded fixtures from the seeds;
`legacy_safe` first replaces the few characters no 8-bit code page has.
"""
from __future__ import annotations

import unicodedata

from vbkg.loaders.read.encodings import cp1252_bytes, tcvn3_table, vni_table

_TONES = "\u0300\u0301\u0303\u0309\u0323"


def legacy_safe(text: str) -> str:
    """Text as an 8-bit file could hold it: other symbols folded (⁽ -> (, ¹ -> 1) or "?".

    Non-letters above ASCII are folded too, since TCVN3 and VNI reuse those codes for letters.
    """
    out = []
    for char in unicodedata.normalize("NFC", text):
        if not char.isascii() and not char.isalpha() and char not in "“”‘’–—…\u00a0":
            char = unicodedata.normalize("NFKC", char)
            char = char if cp1252_bytes(char) is not None else "?"
        out.append(char)
    return "".join(out)


def encode_tcvn3(text: str) -> bytes:
    """TCVN3 as .VnTimeH fonts store it: capitals without a TCVN3 code use the lower-case one."""
    table = tcvn3_table()
    out = []
    for char in unicodedata.normalize("NFC", text):
        out.append(table.get(char) or table.get(char.lower()) or char)
    return _to_bytes("".join(out))


def encode_vni(text: str) -> bytes:
    table = vni_table()
    return _to_bytes("".join(table.get(c, c) for c in unicodedata.normalize("NFC", text)))


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese keyboards write it: base letter, then a combining tone byte."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in decomposed if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        out += (base + tones).encode("cp1258")
    return bytes(out)


def _to_bytes(legacy_text: str) -> bytes:
    data = cp1252_bytes(legacy_text)
    if data is None:
        raise ValueError("text has characters outside the legacy encoding")
    return data
