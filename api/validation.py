"""Input checks for the API: a số hiệu must look like one before it reaches a query."""
from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator

_SYMBOL = r"[A-ZĐ][A-Za-zĐđ0-9]*"
PARTY_SO_HIEU = re.compile(rf"\d{{1,5}}-{_SYMBOL}/{_SYMBOL}(?:-{_SYMBOL})*")
STATE_SO_HIEU = re.compile(rf"\d{{1,5}}(?:/\d{{4}})?/{_SYMBOL}(?:-{_SYMBOL})*")


def check_so_hieu(value: str) -> str:
    """Return the số hiệu in NFC, or raise ValueError saying what shape was expected."""
    text = unicodedata.normalize("NFC", value.strip())
    if PARTY_SO_HIEU.fullmatch(text) or STATE_SO_HIEU.fullmatch(text):
        return text
    if not text:
        raise ValueError("số hiệu is empty")
    if " " in text:
        raise ValueError(f"số hiệu {text!r} contains a space; write it as issued, e.g. 05-NQ/TU")
    raise ValueError(
        f"số hiệu {text!r} is not NUMBER-TYPE/ISSUER (Party, e.g. 05-NQ/TU) "
        "nor NUMBER[/YEAR]/TYPE-ISSUER (state, e.g. 60/2021/NĐ-CP)"
    )


SoHieu = Annotated[str, AfterValidator(check_so_hieu)]
