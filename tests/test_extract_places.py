"""Locality, kind of meeting and reporting period."""

from __future__ import annotations

from digest.extract.places import complete_period, find_kind, find_locality, find_period, place_of_outlet


def test_locality_from_the_organising_committee() -> None:
    assert find_locality("Tổ chức sơ kết", ["Ngày 26/7/2018, Quận ủy Bình Thạnh tổ chức hội nghị."], None) == \
        "Quận Bình Thạnh"
    assert find_locality("Tổng kết", ["Sáng 20/12, Ban Thường vụ Huyện ủy Định Hóa tổ chức hội nghị."], None) == \
        "Huyện Định Hóa"
    assert find_locality("Sơ kết", ["Chiều 4-7, Ban Dân vận Tỉnh ủy Hà Giang tổ chức hội nghị."], None) == "Hà Giang"
    assert find_locality("Sơ kết", ["Sáng 5/7, Thành ủy Bắc Ninh tổ chức hội nghị."], None) == "Thành phố Bắc Ninh"


def test_locality_falls_back_to_the_outlet() -> None:
    assert find_locality("Sơ kết", ["Chiều 30/6, Tỉnh ủy tổ chức hội nghị."], "Hà Giang") == "Hà Giang"
    assert place_of_outlet("Báo Lào Cai") == "Lào Cai"
    assert place_of_outlet("Đài Phát thanh và Truyền hình Sóc Trăng") == "Sóc Trăng"


def test_national_events_have_no_locality() -> None:
    assert find_locality("Tổng kết", ["Sáng 7/1, tại Hà Nội, Ban Dân vận Trung ương tổ chức hội nghị."], "Hà Nội") \
        is None


def test_a_place_in_parentheses_is_where_the_hall_is_not_who_met() -> None:
    lead = "Chiều 9.11, tại Hội trường (đường Trần Văn Hoài, quận Ninh Kiều), Ban Dân vận Thành ủy Cần Thơ tổ chức."
    assert find_locality("Hội nghị", [lead], None) == "Cần Thơ"


def test_a_person_after_a_title_is_not_a_place() -> None:
    assert find_locality("", ["Phó Bí thư Tỉnh ủy Nguyễn Mạnh Dũng phát biểu."], None,
                         frozenset({"nguyễn mạnh dũng"})) is None


def test_kind_prefers_the_headline_then_the_lead() -> None:
    assert find_kind("Thường trực Tỉnh ủy giao ban công tác dân vận quý IV/2018", []) == "giao ban"
    assert find_kind("Tiếp tục đổi mới", ["Ban Dân vận tổ chức hội nghị tổng kết công tác năm 2023."]) == "tổng kết"
    assert find_kind("Phát huy vai trò chức sắc", ["Ban Dân vận tổ chức hội nghị chuyên đề."]) == "hội nghị"


def test_period_reviewed_not_the_one_planned() -> None:
    assert find_period("Tiếp tục đổi mới công tác dân vận trong năm 2024",
                       ["Ban Dân vận tổ chức hội nghị tổng kết công tác dân vận năm 2023, triển khai nhiệm vụ năm "
                        "2024."]) == "năm 2023"
    assert find_period("Giao ban quý I", ["Hội nghị giao ban quý I, triển khai nhiệm vụ quý II/2016."]) == "quý I"
    assert find_period("Lạc Dương giao ban công tác dân vận quý I năm 2022", []) == "quý I/2022"
    assert find_period("Năm Căn: Giao ban công tác dân vận 9 tháng năm 2018", []) == "9 tháng năm 2018"


def test_period_without_a_year_takes_it_from_the_event() -> None:
    assert complete_period("quý III", 2019, 10) == "quý III/2019"
    assert complete_period("quý IV", 2020, 1) == "quý IV/2019"
    assert complete_period("6 tháng đầu năm", 2022, 7) == "6 tháng đầu năm 2022"


def test_the_venue_city_is_not_the_organiser() -> None:
    lead = "Ngày 5/3, tại thành phố Đà Lạt, Ban Dân vận Tỉnh ủy Lâm Đồng tổ chức hội nghị."
    assert find_locality("Hội nghị", [lead], None) == "Lâm Đồng"


def test_lower_level_after_an_acronym_names_the_level() -> None:
    assert find_locality("x", ["Sáng 5/3, UBND huyện Lâm Hà tổ chức hội nghị."], None) == "Huyện Lâm Hà"
    assert find_locality("x", ["Sáng 5/3, Đảng ủy xã Tân Lập tổ chức hội nghị."], None) == "Xã Tân Lập"
    assert find_locality("Yên Bái: Công tác dân vận năm 2015 đạt kết quả", [], None) == "Yên Bái"
