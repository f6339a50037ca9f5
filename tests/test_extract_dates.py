"""Dates: the event day in every written form, its year from the right clue, page timestamps."""

from __future__ import annotations

import datetime as dt

import pytest

from digest.extract.dates import event_date, parse_timestamp, period_end


@pytest.mark.parametrize(("lead", "published", "expected"), [
    ("Sáng 2/1, Thường trực Tỉnh ủy tổ chức hội nghị.", "2019-01-03", dt.date(2019, 1, 2)),
    ("Chiều 2-7, đồng chí X chủ trì hội nghị.", "2020-07-03T08:00", dt.date(2020, 7, 2)),
    ("Chiều 9.11, tại Hội trường, Ban Dân vận tổ chức hội nghị.", "2023-11-09T17:05", dt.date(2023, 11, 9)),
    ("Chiều qua (14/3), Ban Thường trực tổ chức hội nghị.", "2017-03-15T08:10", dt.date(2017, 3, 14)),
    ("Sáng ngày 4 tháng 12 năm 2021, Huyện ủy tổ chức hội nghị.", None, dt.date(2021, 12, 4)),
    ("Vào lúc 8 giờ 30 ngày 15 tháng 03 năm 2022, tại Hội trường Huyện ủy, Ban Dân vận họp.", None,
     dt.date(2022, 3, 15)),
    ("Ngày 26/7/2018, Quận ủy Bình Thạnh tổ chức hội nghị.", "2018-10-26T11:30", dt.date(2018, 7, 26)),
    ("Hôm nay (5/8), Huyện ủy tổ chức hội nghị.", "2019-08-05T15:47", dt.date(2019, 8, 5)),
])
def test_event_date_forms(lead: str, published: str | None, expected: dt.date) -> None:
    assert event_date([lead], "Tiêu đề", published) == expected


def test_event_year_from_a_january_meeting_reviewing_the_year_before() -> None:
    lead = "Sáng 2/1, Thường trực Tỉnh ủy giao ban quý IV nhằm đánh giá công tác năm 2018, đề ra nhiệm vụ năm 2019."
    assert event_date([lead], "Giao ban công tác dân vận quý IV/2018", None, "quý IV/2018") == dt.date(2019, 1, 2)


def test_event_year_from_a_july_review_of_the_first_half() -> None:
    lead = "Chiều 2-7, đồng chí Dương Xuân Hùng chủ trì Hội nghị sơ kết công tác dân vận 6 tháng đầu năm 2020."
    assert event_date([lead], "Củng cố khối đại đoàn kết", None, "6 tháng đầu năm 2020") == dt.date(2020, 7, 2)


def test_event_year_is_never_the_largest_year_in_the_text() -> None:
    lead = "Chiều 20/12, Thị ủy tổ chức hội nghị tổng kết; chuẩn bị đại hội nhiệm kỳ 2020-2025, tầm nhìn 2030."
    assert event_date([lead], "Tổng kết công tác dân vận", None) is None


def test_document_dates_are_not_the_event_date() -> None:
    lead = "Thực hiện Quyết định 1248 ngày 15/7/2014 của Ban Thường vụ Tỉnh ủy, các cấp tổ chức đối thoại."
    assert event_date([lead], "Đối thoại với nhân dân", None) is None


def test_event_before_publication_in_early_january_belongs_to_the_year_before() -> None:
    assert event_date(["Chiều 30/12, Ban Dân vận tổ chức hội nghị."], "T", "2024-01-02T08:00") == dt.date(2023, 12, 30)


@pytest.mark.parametrize(("line", "published", "lead"), [
    ("15:15, 01/07/2022", "2022-07-01T15:15", ""),
    ("26 Tháng Mười 2018 11:30:00 SA", "2018-10-26T11:30", ""),
    ("Hoạt động Đảng 03 Tháng Giêng 2019 04:10:00 CH", "2019-01-03T16:10", "Hoạt động Đảng"),
    ("Thứ Hai, 13/5/2024", "2024-05-13", ""),
    ("Thứ Năm, 04/07/2019, 17:32 (GMT+7)", "2019-07-04T17:32", ""),
    ("Cập nhật: 16:05 ngày 07/01/2022", "2022-01-07T16:05", ""),
    ("2023-11-09 17:05", "2023-11-09T17:05", ""),
    ("(29/06/2022)", "2022-06-29", ""),
])
def test_page_timestamps(line: str, published: str, lead: str) -> None:
    stamp = parse_timestamp(line)
    assert stamp is not None and (stamp.published, stamp.lead) == (published, lead)


def test_a_sentence_with_a_date_is_not_a_timestamp() -> None:
    assert parse_timestamp("Ngày 26/7/2018, Quận ủy Bình Thạnh tổ chức hội nghị sơ kết.") is None


def test_period_ends() -> None:
    assert period_end("quý IV/2018") == dt.date(2018, 12, 31)
    assert period_end("6 tháng đầu năm 2022") == dt.date(2022, 6, 30)
    assert period_end("9 tháng năm 2018") == dt.date(2018, 9, 30)
    assert period_end("năm 2023") == dt.date(2023, 12, 31)
    assert period_end("quý III") is None
