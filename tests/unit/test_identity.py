"""Identity keys: one key per document or body, whatever the spelling (DOMAIN.md §1.5-1.6)."""
from datetime import date

import pytest
from vbkg.loaders.graph import identity
from vbkg.loaders.graph.identity import (
    body_key,
    document_identity,
    document_key,
    split_so_hieu,
    term_of,
)

HCM = "Thành phố Hồ Chí Minh"
HN = "Thành phố Hà Nội"


def party(so_hieu, day=None, dia_ban=HCM, ten="Ban Thường vụ Thành ủy"):
    return {"so_hieu": so_hieu, "ngay_ban_hanh": day,
            "co_quan_ban_hanh": {"ten": ten, "dia_ban": dia_ban}}


def test_domain_examples_of_party_and_state_keys():
    assert document_key(party("88-KH/TU", "2021-12-24"), HCM) == f"P|{HCM}|TU|KH|88|2020-2025"
    assert document_key(party("15-NQ/TU", "2017-07-04", HN), HN) == f"P|{HN}|TU|NQ|15|2015-2020"
    assert document_key({"so_hieu": "60/2021/NĐ-CP", "ngay_ban_hanh": "2021-06-21"}, HN) == (
        "S|Trung ương|CP|NĐ|60|2021")
    assert document_key({"so_hieu": "4610/QĐ-UBND", "ngay_ban_hanh": "2022-11-22",
                         "co_quan_ban_hanh": {"ten": "Ủy ban nhân dân", "dia_ban": HN}}, HN) == (
        f"S|{HN}|UBND|QĐ|4610|2022")


def test_same_central_number_in_two_terms_is_two_documents():
    old = document_key({"so_hieu": "18-NQ/TW", "ngay_ban_hanh": "2017-10-25"}, HN)
    new = document_key({"so_hieu": "18-NQ/TW", "ngay_ban_hanh": "2022-06-16"}, HN)
    assert old == "P|Trung ương|TW|NQ|18|XII"
    assert new == "P|Trung ương|TW|NQ|18|XIII"


def test_tw_and_tu_never_share_a_key():
    assert document_key({"so_hieu": "18-NQ/TW"}, HN) != document_key({"so_hieu": "18-NQ/TU"}, HN)


def test_central_symbol_wins_over_the_citing_city():
    assert document_key({"so_hieu": "09-HD/BTCTW", "ngay_ban_hanh": "2012-03-02"}, HN) == (
        "P|Trung ương|BTCTW|HD|9|XI")


@pytest.mark.parametrize("written", ["15-NQ/TU", "15 - NQ/TU", "15\u2013NQ/TU", "015-NQ/TU",
                                     "15-nq/TU"])
def test_number_spellings_give_one_key(written):
    assert document_key(party(written, "2017-07-04", HN), HN) == f"P|{HN}|TU|NQ|15|2015-2020"


def test_type_case_is_canonical():
    assert split_so_hieu("05-Ctr/ĐUK") == ("P", 5, "CTr", "ĐUK", None)
    assert split_so_hieu("21/2022/NQ-HĐND") == ("S", 21, "NQ", "HĐND", "2022")
    assert split_so_hieu("12/UBND-VX") == ("S", 12, "", "UBND-VX", None)
    assert split_so_hieu("15-10") is None


def test_local_issuer_is_scoped_by_the_citing_jurisdiction():
    ref = {"so_hieu": "05-NQ/TU", "ngay_ban_hanh": "2021-09-15"}
    assert document_key(ref, HCM) != document_key(ref, HN)
    assert document_key(ref, HCM).startswith(f"P|{HCM}|TU|NQ|5|")


def test_dateless_reference_shares_the_partial_key_of_the_document():
    full = document_identity(party("88-KH/TU", "2021-12-24"), HCM)
    stub = document_identity({"so_hieu": "88-KH/TU"}, HCM)
    assert stub.key.endswith("|?")
    assert stub.partial == full.partial == f"P|{HCM}|TU|KH|88"
    assert document_identity({"so_hieu": "88-KH/TU"}, HCM).partial == full.partial


def test_state_year_comes_from_the_number_before_the_date():
    ref = {"so_hieu": "60/2021/NĐ-CP", "ngay_ban_hanh": None}
    assert document_key(ref, None).endswith("|2021")
    assert document_key({"so_hieu": "128/NQ-CP"}, None) == "S|Trung ương|CP|NQ|128|?"


def test_bare_numbers_use_the_issuers_symbol():
    ubnd = {"loai": "ChiThi", "so": "18",
            "co_quan_ban_hanh": {"ten": "Ủy ban nhân dân", "dia_ban": HCM}}
    assert document_key(ubnd, HCM) == f"S|{HCM}|UBND|CT|18|?"
    btv = {"loai": "QuyDinh", "so": "1374",
           "co_quan_ban_hanh": {"ten": "Ban Thường vụ Thành ủy", "dia_ban": HCM}}
    assert document_key(btv, HCM) == f"P|{HCM}|TU|QĐi|1374|?"
    politburo = {"loai": "NghiQuyet", "so": "18",
                 "co_quan_ban_hanh": {"ten": "Bộ Chính trị", "dia_ban": "Trung ương"}}
    assert document_identity(politburo, HCM).partial == "P|Trung ương|TW|NQ|18"
    # issuers.toml: a Tỉnh ủy's standing organs and the Secretariat number as their committee
    standing = {"loai": "KetLuan", "so": "5",
                "co_quan_ban_hanh": {"ten": "Thường trực Tỉnh ủy", "dia_ban": "Tỉnh Nghệ An"}}
    assert document_key(standing, None) == "P|Tỉnh Nghệ An|TU|KL|5|?"
    secretariat = dict(politburo, co_quan_ban_hanh={"ten": "Ban Bí thư", "dia_ban": "Trung ương"})
    assert document_key(secretariat, HCM) == "P|Trung ương|TW|NQ|18|?"


def test_name_only_reference_folds_case_tones_and_spaces():
    a = {"loai": "NghiQuyet", "ten_goi": "Nghị quyết Trung ương 4 khoá XII",
         "co_quan_ban_hanh": {"ten": "Ban Chấp hành Trung ương", "dia_ban": "Trung ương"}}
    b = dict(a, ten_goi="nghị quyết  Trung ương 4 khóa XII")
    assert document_key(a, HN) == document_key(b, HN) == (
        "N|Trung ương|NghiQuyet|nghị quyết trung ương 4 khóa xii")
    assert document_identity(a, HN).partial is None


def test_document_without_number_or_name_is_keyed_by_its_source():
    article = {"loai": "BaiBao", "so_hieu": None, "so": None}
    assert document_key(article, None, "abc123") == "SRC|abc123"
    with pytest.raises(ValueError, match="needs a số hiệu"):
        document_key(article, None)


def test_body_key_folds_spelling_and_keeps_jurisdiction_and_collectives_apart():
    assert body_key({"ten": "Ban Thường vụ Thành uỷ", "dia_ban": HCM}) == (
        body_key({"ten": "ban thường vụ  Thành ủy", "dia_ban": HCM}))
    assert body_key({"ten": "Ban Tổ chức Thành ủy", "dia_ban": HN}) != (
        body_key({"ten": "Ban Tổ chức Thành ủy", "dia_ban": HCM}))
    assert body_key({"ten": "Quận ủy", "dia_ban": HCM, "tap_the": True}).endswith("|*")
    with pytest.raises(ValueError):
        body_key({"ten": None, "dia_ban": HCM})


def test_central_terms_start_the_day_after_the_congress_closes():
    assert term_of("Trung ương", date(2016, 1, 28)).label == "XI"
    assert term_of("Trung ương", date(2016, 1, 29)) == identity.Term("XII", False)
    assert term_of("Trung ương", date(2021, 2, 2)).label == "XIII"


def test_local_terms_fall_back_to_the_five_year_window_and_say_so():
    term = term_of(HCM, date(2021, 9, 15))
    assert term == identity.Term("2020-2025", True)
    assert document_identity(party("05-NQ/TU", "2021-09-15"), HCM).approximate


def test_a_confirmed_local_congress_date_overrides_the_window(monkeypatch):
    table = {"central": {"terms": []},
             "local": {"approximate_closes": ["2020-10-01"],
                       "jurisdictions": {HN: {"closes": ["2020-10-16"]}}}}
    monkeypatch.setattr(identity, "_terms", lambda: table)
    assert term_of(HN, date(2020, 10, 10)) == identity.Term(str(2020), True)
    assert term_of(HN, date(2020, 10, 17)) == identity.Term("2020-2025", False)


def test_garbled_number_names_the_document_so_shacl_can_report_it():
    assert document_key({"loai": "NghiQuyet", "so_hieu": "NQ05/TU"}, HCM) == (
        f"N|{HCM}|NghiQuyet|nq05/tu")
