"""Reading what users type into the search box (no server)."""
import pytest
from vbkg.api.search_text import (
    NumberQuery,
    accent_matches,
    ascii_fold,
    clean,
    coverage,
    did_you_mean,
    lucene_literal,
    parse_number,
)

KH_88 = NumberQuery(88, "KH")
KH_88_TU = NumberQuery(88, "KH", "TU")
NQ_5_TU = NumberQuery(5, "NQ", "TU")


@pytest.mark.parametrize(("typed", "meant"), [
    ("88-KH", KH_88),
    ("kh 88", KH_88),
    ("KH88", KH_88),
    ("88 KH", KH_88),
    ("5-NQ/TU", NQ_5_TU),
    ("05 – NQ/TU", NQ_5_TU),          # en dash with spaces
    ("05—NQ / TU", NQ_5_TU),          # em dash, spaced slash
    ("005-nq/tu", NQ_5_TU),           # lower case, two leading zeros
    ("Số 88-KH/TU", KH_88_TU),
    ("số: 88-KH/TU", KH_88_TU),
    ("So 88-KH/TU", KH_88_TU),
    ("88\u200b-KH/TU", KH_88_TU),     # zero-width space pasted with the number
    ("\u200e88-KH/TU\u200f", KH_88_TU),  # left-to-right and right-to-left marks
    ("\ufeff88\u2011KH/TU", KH_88_TU),   # BOM, non-breaking hyphen
    ("８８-KH/TU", KH_88_TU),          # full-width digits
    ("1374-QĐi/TU", NumberQuery(1374, "QĐi", "TU")),
    ("60/2021/NĐ-CP", NumberQuery(60, "NĐ", "CP", "2021")),
    ("4610/qđ-ubnd", NumberQuery(4610, "QĐ", "UBND")),
    ("09-HD/BTCTW", NumberQuery(9, "HD", "BTCTW")),
])
def test_so_hieu_in_any_common_spelling(typed, meant):
    assert parse_number(typed) == meant


@pytest.mark.parametrize("words", [
    "cung co he thong chinh tri", "kiện toàn hệ thống chính trị", "covid 19", "88",
    "chương trình 10", "2021", "ab 12 cd", "",
])
def test_words_are_not_a_so_hieu(words):
    assert parse_number(words) is None


def test_key_fragment_is_what_identity_keys_contain():
    # identity keys: P|jurisdiction|issuer|TYPE|int(number)|term
    assert NQ_5_TU.key_fragment == "|TU|NQ|5|"
    assert KH_88.key_fragment == "|KH|88|"
    assert "P|Thành phố Hồ Chí Minh|TU|NQ|5|2020-2025".count(NQ_5_TU.key_fragment) == 1
    assert NQ_5_TU.label == "05-NQ/TU" and KH_88.label == "KH 88"


def test_clean_removes_invisible_characters_and_unifies_dashes():
    assert clean(" 05\u00a0\u2013\u200bNQ/TU  ") == "05 -NQ/TU"
    assert clean("Ho\u0300a") == "Hòa"  # composed


def test_ascii_fold_is_how_people_type_without_a_vietnamese_keyboard():
    assert ascii_fold("Củng cố hệ thống chính trị, Đảng") == "cung co he thong chinh tri, dang"


def test_accented_words_count_only_when_typed_with_their_diacritics():
    text = "Về củng cố, kiện toàn hệ thống chính trị"
    assert accent_matches("củng cố", text) == 2
    assert accent_matches("cũng có", text) == 0
    assert accent_matches("cung co", text) == 0  # nothing accented to match


def test_coverage_is_the_share_of_query_words_present():
    assert coverage("cung co he thong", "Về củng cố hệ thống") == 1.0
    assert coverage("cung co xa", "củng cố") == pytest.approx(2 / 3)


def test_did_you_mean_repairs_each_word_with_the_closest_known_spelling():
    texts = ["kiện toàn hệ thống chính trị", "hệ thống thông tin"]
    assert did_you_mean("he thongg", texts) == "hệ thống"
    assert did_you_mean("hệ thống", texts) is None
    assert did_you_mean("xyzzyq", texts) is None


def test_lucene_syntax_is_escaped_and_fuzzy_marks_each_word():
    assert lucene_literal('a AND "b" (c)') == 'a \\"b\\" \\(c\\)'
    assert lucene_literal("he thongg", fuzzy=True) == "he~ thongg~"
