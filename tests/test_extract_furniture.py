"""Page furniture: what is dropped, what becomes front matter, what stays in the body."""

from __future__ import annotations

from digest.extract.bylines import byline_names, photo_credit
from digest.extract.furniture import is_furniture, split_page


def test_counters_players_forms_navigation_and_weather_are_furniture() -> None:
    for line in ("Lượt xem: 6355", "SỐ LƯỢT TRUY CẬP", "2", "Số lượt người xem: 102", "0:00 / 0:00", "anh tin bai",
                 "Họ tên no image", "Mã kiểm tra no image", "Ý kiến bạn đọc", "TIN MỚI HƠN", "TIN ĐÃ ĐƯA",
                 "Xem tiếp", "Xem theo ngày Xem theo ngày", "  • Không tiêu đề", "Tìm kiếm", "oC", "• Hà Giang",
                 "Cao Bằng, 18oC - 26oC, có mưa rào", "Bình luận (0)", "Chia sẻ bài viết:"):
        assert is_furniture(line), line


def test_article_sentences_are_not_furniture() -> None:
    for line in ("Quang cảnh hội nghị", "Tìm kiếm giải pháp nâng cao chất lượng công tác dân vận.",
                 "1. Tăng cường nắm tình hình Nhân dân."):
        assert not is_furniture(line), line


def test_header_gives_outlet_title_and_timestamp() -> None:
    page = split_page("Đài Phát thanh và Truyền hình Hà giang\n  • Hà Giang\n    oC\n\n"
                      "Sơ kết công tác dân vận 6 tháng đầu năm 2022\n\n15:15, 01/07/2022\n\n"
                      "Chiều 30/6, Tỉnh ủy tổ chức hội nghị sơ kết công tác dân vận 6 tháng đầu năm.\n",
                      ("Đài Phát thanh và Truyền hình Hà Giang",))
    assert page.source == "Đài Phát thanh và Truyền hình Hà Giang"
    assert page.title == "Sơ kết công tác dân vận 6 tháng đầu năm 2022"
    assert page.published == "2022-07-01T15:15"
    assert page.paragraphs == ("Chiều 30/6, Tỉnh ủy tổ chức hội nghị sơ kết công tác dân vận 6 tháng đầu năm.",)


def test_menus_taglines_and_section_names_are_not_the_title() -> None:
    page = split_page("BÁO ĐẮK LẮK ĐIỆN TỬ\nCơ quan của Đảng bộ Đảng Cộng sản Việt Nam tỉnh Đắk Lắk\n"
                      "Thời sự  Chính trị  Kinh tế  Xã hội\nChính trị - Xã hội\n"
                      "Đẩy mạnh công tác dân vận ở vùng đồng bào dân tộc thiểu số\n\n"
                      "Chiều 4-7, Ban Dân vận Tỉnh ủy Đắk Lắk tổ chức hội nghị sơ kết công tác dân vận.\n")
    assert page.title == "Đẩy mạnh công tác dân vận ở vùng đồng bào dân tộc thiểu số"
    assert page.source == "Báo Đắk Lắk"


def test_title_repeated_as_a_paragraph_is_dropped() -> None:
    page = split_page("Giao ban công tác dân vận quý IV/2018\n\nSáng 2/1, Thường trực Tỉnh ủy tổ chức hội nghị giao "
                      "ban công tác dân vận.\n\nGiao ban công tác dân vận quý IV/2018\n\nCác đại biểu tham dự. "
                      "Ảnh: Thế Minh\n")
    assert "Giao ban công tác dân vận quý IV/2018" not in page.paragraphs
    assert page.photo_credits == ("Thế Minh",)


def test_byline_at_the_end_goes_to_authors_in_title_case() -> None:
    page = split_page("Tiêu đề của bài viết về dân vận\n\nNội dung bài viết có đủ bảy chữ trở lên.\nthu hà\n\n"
                      "Số lượt người xem: 102\nTIN MỚI HƠN\nTin cũ về một hội nghị khác\n")
    assert page.authors == ("Thu Hà",)
    assert page.paragraphs == ("Nội dung bài viết có đủ bảy chữ trở lên.",)


def test_byline_forms() -> None:
    assert byline_names("Văn Bính- Hải Hà") == (("Văn Bính", "Hải Hà"), False)
    assert byline_names("Tin, ảnh: Mai Linh") == (("Mai Linh",), True)
    assert byline_names("THANH HÀ (TTXVN)") == (("Thanh Hà",), False)
    assert byline_names("Kim Dung - Trung tâm VH, TT&TT huyện") == (("Kim Dung",), False)
    assert byline_names("Quang cảnh hội nghị") is None
    assert byline_names("Các đại biểu tham dự hội nghị.") is None


def test_photo_credits() -> None:
    assert photo_credit("Các đại biểu tham dự hội nghị. Ảnh: Thế Minh") == "Thế Minh"
    assert photo_credit("Đồng chí Lâm Đình Thắng phát biểu. (Ảnh: VM)") == "VM"
    assert photo_credit("Phát biểu tại hội nghị. Ảnh: Phương Hoa/TTXVN") == "Phương Hoa"
    assert photo_credit("Ảnh minh họa") is None
    assert photo_credit("Ảnh: Tư liệu") is None


def test_related_headlines_after_the_article_are_dropped_but_kept_for_review() -> None:
    page = split_page("Tiêu đề của bài viết về dân vận\n\nNội dung bài viết có đủ bảy chữ trở lên.\n\nHằng Nga\n\n"
                      "Tin liên quan\n» Huyện Hóc Môn trao 30 căn nhà đại đoàn kết\n")
    assert page.paragraphs == ("Nội dung bài viết có đủ bảy chữ trở lên.",)
    assert "» Huyện Hóc Môn trao 30 căn nhà đại đoàn kết" in page.removed


def test_captions_are_marked() -> None:
    page = split_page("Tiêu đề của bài viết về dân vận\n\nNội dung bài viết có đủ bảy chữ trở lên.\n\n"
                      "Quang cảnh hội nghị\n\nNội dung thứ hai cũng có đủ bảy chữ trở lên.\n")
    assert page.captions == frozenset({1})
