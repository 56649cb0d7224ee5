"""knowledge.vocabulary: the one `fold` (words and phrases) and the one dash set."""
import re

from vbkg.loaders.extract.vocab import tokenize
from vbkg.loaders.knowledge.dates import find_dates
from vbkg.loaders.knowledge.vocabulary import DASHES, fold


def test_fold_reads_case_spaces_and_every_dash_alike():
    assert fold("  ĐỘC LẬP – Tự do —\n Hạnh phúc ") == "độc lập - tự do - hạnh phúc"
    assert fold("Chính trị‐xã hội") == fold("chính trị-xã hội") == "chính trị-xã hội"


def test_a_token_is_matched_by_the_fold_of_its_text():
    for token in tokenize("Ban Thường vụ Thành ủy – Mặt trận Tổ quốc−TP.HCM"):
        assert token.fold == fold(token.text)


def test_every_dash_opens_a_regex_class_and_writes_a_date():
    assert re.fullmatch(f"[{DASHES}]+", DASHES)
    for dash in DASHES:
        assert [d.iso for d in find_dates(f"ngày 15{dash}9{dash}2021")] == ["2021-09-15"]
