"""Campaigns: quoted names after triggers, themed years, registry names and aliases; not mottos."""

from __future__ import annotations

from pathlib import Path

from digest.config import load_config
from digest.extract.campaigns import extract_campaigns

CONFIG = load_config(Path(__file__).resolve().parent.parent / "site.yaml")


def campaigns(*paragraphs: str) -> list[str]:
    return list(extract_campaigns(list(paragraphs), CONFIG).names)


def test_quoted_names_after_each_trigger_with_straight_or_curly_quotes() -> None:
    assert campaigns('Phong trào thi đua "Dân vận khéo" được đẩy mạnh; cuộc vận động “Toàn dân đoàn kết xây dựng '
                     'nông thôn mới, đô thị văn minh”; mô hình “Khu dân cư không rác thải nhựa”; điển hình '
                     '"Nông dân sản xuất giỏi".') == [
        "Dân vận khéo", "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh",
        "Khu dân cư không rác thải nhựa", "Nông dân sản xuất giỏi"]


def test_themed_years_without_a_trigger() -> None:
    assert campaigns('Nội dung "Năm dân vận chính quyền" được triển khai; tiếp tục thực hiện “Năm dân vận khéo”.') == \
        ["Năm dân vận chính quyền", "Năm dân vận khéo"]


def test_registered_names_without_quotes_after_a_trigger() -> None:
    assert campaigns("Phong trào thi đua Dân vận khéo lan tỏa; cuộc vận động Người Việt Nam ưu tiên dùng hàng "
                     "Việt Nam được hưởng ứng.") == ["Dân vận khéo", "Người Việt Nam ưu tiên dùng hàng Việt Nam"]


def test_aliases_map_to_the_canonical_name() -> None:
    assert campaigns('Phong trào thi đua “Dân vận khéo giai đoạn 2016-2020” và “Năm Dân vận chính quyền 2017”.') == \
        ["Dân vận khéo", "Năm dân vận chính quyền"]


def test_several_quoted_names_after_one_trigger() -> None:
    assert campaigns('Các phong trào "Ngày vì người nghèo", "Chung sức xây dựng nông thôn mới" được duy trì.') == \
        ["Ngày vì người nghèo", "Chung sức xây dựng nông thôn mới"]


def test_mottos_topics_documents_funds_and_heresies_are_not_campaigns() -> None:
    assert campaigns('Theo hướng “Trọng dân, gần dân, hiểu dân, học dân và có trách nhiệm với Nhân dân”; phương châm '
                     '"Dân biết, dân bàn, dân làm, dân kiểm tra"; hội nghị chuyên đề "Phát huy vai trò người có uy '
                     'tín"; Quyết định số 23-QĐ/TW về "Quy chế công tác dân vận"; Quỹ "Vì người nghèo"; các "tà đạo", '
                     '"đạo lạ" trên địa bàn.') == []


def test_names_not_in_the_registry_are_reported() -> None:
    result = extract_campaigns(['Mô hình “Thắp sáng đường quê” được nhân rộng.'], CONFIG)
    assert result.names == ("Thắp sáng đường quê",)
    assert result.review == ("phong trào chưa có trong danh mục / campaign not in site.yaml: Thắp sáng đường quê",)


def test_a_registered_name_inside_a_longer_quoted_name_is_not_counted_twice() -> None:
    assert campaigns('Tiếp tục đẩy mạnh thực hiện “Năm dân vận khéo”.') == ["Năm dân vận khéo"]


def test_quoted_names_after_peak_month_and_action_month_triggers() -> None:
    assert campaigns('Hưởng ứng Tháng cao điểm "Vì người nghèo" năm 2023, đợt cao điểm “Ra quân làm sạch đường '
                     'làng” và Tháng hành động “Vì an toàn thực phẩm” được triển khai.') == [
        "Vì người nghèo", "Ra quân làm sạch đường làng", "Vì an toàn thực phẩm"]


def test_examples_after_nhu_and_straight_single_quotes() -> None:
    assert campaigns('Các mô hình “Dân vận khéo” như “Tổ tự quản an ninh trật tự”, “Con đường hoa” được nhân rộng; '
                     "phong trào 'Ngày thứ Bảy tình nguyện' được duy trì.") == [
        "Dân vận khéo", "Tổ tự quản an ninh trật tự", "Con đường hoa", "Ngày thứ Bảy tình nguyện"]


def test_an_apostrophe_inside_a_name_is_not_a_quote() -> None:
    assert campaigns("Mô hình “Đồng bào H'Mông giữ rừng” ở xã; bà H'Lan và ông K'Brăk nói 'được'.") == \
        ["Đồng bào H'Mông giữ rừng"]
