"""same_as: one document, two sources (DOMAIN.md §1.6: equal identity key and date)."""

import copy

from extract_fixtures import seed
from vbkg.loaders.extract import extract
from vbkg.loaders.extract.same_as import link_same_as
from vbkg.loaders.read.source import read_path


def records(*prefixes):
    return [extract(read_path(seed(p))) for p in prefixes]


def test_clean_text_and_database_page_are_one_document():
    clean, page, other = records("000", "002", "003")
    link_same_as([clean, page, other])
    assert clean["same_as"] == [page["source"]]
    assert page["same_as"] == [clean["source"]]
    assert other["same_as"] == []


def test_same_number_different_date_is_not_the_same_document():
    clean, page = records("000", "002")
    page["document"]["ngay_ban_hanh"] = "2016-12-24"  # numbering restarts each term
    link_same_as([clean, page])
    assert clean["same_as"] == page["same_as"] == []


def test_same_number_in_another_city_is_not_the_same_document():
    clean, page = records("000", "002")
    page["document"]["co_quan_ban_hanh"] = {
        "ten": "Ban Thường vụ Thành ủy",
        "dia_ban": "Thành phố Hà Nội",
    }
    link_same_as([clean, page])
    assert clean["same_as"] == []


def test_byte_identical_copies_without_a_number():
    [article] = records("004")
    copy_of = copy.deepcopy(article)
    copy_of["source"] = "004_copy.txt"
    link_same_as([article, copy_of])
    assert article["same_as"] == ["004_copy.txt"]


def test_documents_without_number_are_not_linked_by_type_alone():
    a, b = records("001", "004")
    link_same_as([a, b])
    assert a["same_as"] == b["same_as"] == []
