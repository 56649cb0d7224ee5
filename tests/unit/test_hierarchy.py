"""TRUC_THUOC by the rules of data/hierarchy.toml: names, collectives, the 2025 reform."""
import pytest
from vbkg.loaders.graph.hierarchy import parent_of

NGHE_AN = "Tỉnh Nghệ An"


def parent(ten: str, day: str | None = None, tap_the: bool = False, dia_ban: str = NGHE_AN):
    found = parent_of({"ten": ten, "dia_ban": dia_ban, "tap_the": tap_the}, day)
    return None if found is None else (found.body["ten"], found.rule)


@pytest.mark.parametrize(("name", "expected"), [
    ("Ban Tổ chức Tỉnh ủy", ("Tỉnh ủy", "co-quan-cua-cap-uy")),
    ("Ủy ban Kiểm tra Tỉnh ủy", ("Tỉnh ủy", "co-quan-cua-cap-uy")),
    ("Ban Thường vụ Huyện ủy Đông Anh", ("Huyện ủy Đông Anh", "co-quan-cua-cap-uy")),
    ("Thường trực Hội đồng nhân dân", ("Hội đồng nhân dân", "co-quan-cua-cap-uy")),
    ("Sở Nông nghiệp và Môi trường", ("Ủy ban nhân dân", "so-thuoc-ubnd-tinh")),
    ("Huyện ủy Cô Tô", ("Tỉnh ủy", "huyen-uy-thuoc-tinh-uy")),
    ("Ban cán sự đảng Ủy ban nhân dân", None),
    ("Tỉnh ủy", None),
])
def test_a_body_belongs_to_what_its_name_says(name, expected):
    assert parent(name, "2024-05-01") == expected


def test_central_organs_belong_to_the_central_committee():
    assert parent("Ban Tuyên giáo và Dân vận Trung ương", dia_ban="Trung ương") == (
        "Ban Chấp hành Trung ương", "co-quan-trung-uong")


def test_the_committee_word_follows_the_jurisdiction():
    assert parent("Ban Tổ chức Thành ủy", dia_ban="Thành phố Hồ Chí Minh")[0] == "Thành ủy"
    assert parent("Đảng ủy xã Tân Lập", "2025-08-01") == ("Tỉnh ủy", "dang-uy-xa-thuoc-tinh-uy")


def test_a_commune_belongs_to_the_province_only_from_the_two_tier_reform():
    found = parent_of({"ten": "Ủy ban nhân dân xã Phong Hải", "dia_ban": NGHE_AN}, "2025-07-01")
    assert (found.body, found.rule) == ({"ten": "Ủy ban nhân dân", "dia_ban": NGHE_AN},
                                        "ubnd-xa-thuoc-tinh")
    assert (found.basis, found.valid_from, found.valid_until) == ("72/2025/QH15", "2025-07-01",
                                                                  None)
    assert parent("Ủy ban nhân dân xã Phong Hải", "2025-06-30") is None
    assert parent("Ủy ban nhân dân xã Phong Hải", None) is None  # no date: no telling


def test_a_district_link_ends_with_the_districts():
    found = parent_of({"ten": "Ủy ban nhân dân huyện Cô Tô", "dia_ban": NGHE_AN}, "2023-01-01")
    assert found.body["ten"] == "Ủy ban nhân dân" and found.valid_until == "2025-06-30"


def test_collectives_only_where_the_rule_says():
    assert parent("Ủy ban nhân dân cấp xã", "2025-09-01", tap_the=True)[0] == "Ủy ban nhân dân"
    assert parent("Sở", "2025-09-01", tap_the=True) is None


def test_no_committee_outside_a_province():
    assert parent("Đảng ủy xã Tân Lập", "2025-08-01", dia_ban=None) is None
