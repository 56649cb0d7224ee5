"""Dates in every written form (DOMAIN.md §5.4), on sentences from the seeds."""

from vbkg.loaders.knowledge.dates import find_dates, parse_date, to_iso, year_from_context


def test_full_form_with_span():
    text = "TP. Hồ Chí Minh, ngày 24 tháng 12 năm 2021"  # 000:14
    [d] = find_dates(text)
    assert d.iso == "2021-12-24"
    assert text[d.start : d.end] == "ngày 24 tháng 12 năm 2021"


def test_full_form_across_a_line_break():
    text = "Thực hiện Nghị quyết số 05-NQ/TU ngày\n15 tháng 9 năm 2021 của Hội nghị"  # 000:20-21
    assert [d.iso for d in find_dates(text)] == ["2021-09-15"]


def test_numeric_is_day_first_and_padding_is_optional():
    assert (
        parse_date("Chỉ thị số 24-CT/TU ngày 07/8/2023 của Ban Thường vụ") == "2023-08-07"
    )  # 001:7
    assert parse_date("Nghị quyết số 13-NQ/TU, ngày 30/6/2022, Kết luận") == "2022-06-30"  # 001:35
    assert parse_date("ngày 04 tháng 7 năm 2017") == "2017-07-04"  # 003:6


def test_dashed_with_year():
    assert (
        parse_date("trên địa bàn TPHCM sau ngày 15-9-2021 đi vào cuộc sống") == "2021-09-15"
    )  # 004:22


def test_press_day_month_takes_the_year_from_context():
    text = (
        "Chiều 15-10, Ban Chấp hành Đảng bộ khối Dân – Chính – Đảng TPHCM tổ chức hội nghị"  # 004:6
    )
    assert find_dates(text) == []
    [d] = find_dates(text, year=2021)
    assert (d.iso, d.form, text[d.start : d.end]) == ("2021-10-15", "short", "15-10")


def test_year_from_context_of_an_article():
    text = (
        "chỉ còn thời gian ngắn là kết thúc năm 2021, năm có ý nghĩa quan trọng để thực hiện "
        "Chiến lược phát triển kinh tế - xã hội 10 năm 2021 - 2030"
    )  # 004:16
    assert year_from_context(text) == 2021


def test_terms_and_numbers_are_not_dates():
    for text in (
        "nhiệm kỳ 2020-2025",
        "Trong 2 năm đầu nhiệm kỳ 2015- 2020",  # 000:135, 003:23
        "dịch COVID-19",
        "Nghị quyết số 05-NQ/TU",
        "diện tích 6.772,65km²",
    ):
        assert find_dates(text, year=2021) == [], text


def test_impossible_days_are_rejected():
    assert to_iso(31, 2, 2021) is None
    assert parse_date("ngày 31/2/2021") is None
