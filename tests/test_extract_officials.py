"""Officials and roles: every name-and-role pattern of issue 3."""

from __future__ import annotations

from digest.extract.officials import extract_officials
from digest.extract.roles import merge_roles, role_key
from digest.vietnamese import normalize_text


def officials(*paragraphs: str) -> dict[str, list[str]]:
    result = extract_officials([normalize_text(p) for p in paragraphs])
    return {o.name: list(o.roles) for o in result.officials}


def test_name_then_roles_after_a_comma_until_the_verb() -> None:
    assert officials("Đồng chí Trần Hồng Quảng, Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh chủ trì hội nghị.") \
        == {"Trần Hồng Quảng": ["Phó Bí thư Thường trực Tỉnh ủy", "Chủ tịch HĐND tỉnh"]}


def test_name_then_roles_after_a_dash_or_in_parentheses() -> None:
    assert officials("Đồng chí Y Khiêm Mlô – Phó Bí thư Tỉnh ủy dự và chỉ đạo hội nghị.") == \
        {"Y Khiêm Mlô": ["Phó Bí thư Tỉnh ủy"]}
    assert officials("Đồng chí Nguyễn Văn An (Ủy viên BTV Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy) phát biểu.") == \
        {"Nguyễn Văn An": ["Ủy viên BTV Tỉnh ủy", "Trưởng Ban Dân vận Tỉnh ủy"]}


def test_role_before_the_name() -> None:
    assert officials("Phát biểu chỉ đạo, Phó Bí thư Tỉnh ủy Lâm Minh Đằng yêu cầu các cấp.") == \
        {"Lâm Minh Đằng": ["Phó Bí thư Tỉnh ủy"]}


def test_several_roles_before_the_name() -> None:
    assert officials("Bí thư Trung ương Đảng, Trưởng Ban Dân vận Trung ương Vũ Thị Minh Hằng chủ trì.") == \
        {"Vũ Thị Minh Hằng": ["Bí thư Trung ương Đảng", "Trưởng Ban Dân vận Trung ương"]}


def test_one_role_before_several_names_goes_to_each() -> None:
    assert officials("Dự có các đồng chí Phó Chủ tịch UBND tỉnh: Hoàng Nghĩa Tâm, Nguyễn Văn Đệ và Bùi Thanh Hà; "
                     "đồng chí Lô Thị Kim Ngân, Trưởng Ban Dân vận Tỉnh ủy.") == {
        "Hoàng Nghĩa Tâm": ["Phó Chủ tịch UBND tỉnh"], "Nguyễn Văn Đệ": ["Phó Chủ tịch UBND tỉnh"],
        "Bùi Thanh Hà": ["Phó Chủ tịch UBND tỉnh"], "Lô Thị Kim Ngân": ["Trưởng Ban Dân vận Tỉnh ủy"]}


def test_list_continued_after_semicolons_without_repeating_the_title() -> None:
    assert officials("Tham dự có các đồng chí Mai Văn Luông, Trưởng phòng dân vận của các cơ quan nhà nước Ban Dân vận "
                     "Thành ủy; Lâm Đình Thắng, Phó Bí thư Quận ủy; đại diện các ban xây dựng đảng.") == {
        "Mai Văn Luông": ["Trưởng phòng dân vận của các cơ quan nhà nước Ban Dân vận Thành ủy"],
        "Lâm Đình Thắng": ["Phó Bí thư Quận ủy"]}


def test_names_with_ong_ba_and_without_any_title_word() -> None:
    assert officials("Ông Lê Văn Sáu, Chủ tịch Ủy ban MTTQ Việt Nam huyện cho biết.",
                     "Nguyễn Văn Tám, Bí thư Đảng ủy xã, phát biểu.") == {
        "Lê Văn Sáu": ["Chủ tịch Ủy ban MTTQ Việt Nam huyện"], "Nguyễn Văn Tám": ["Bí thư Đảng ủy xã"]}


def test_role_broken_across_a_line_is_joined() -> None:
    from digest.extract.furniture import split_page

    page = split_page("Tiêu đề bài viết về hội nghị dân vận\n\nĐồng chí Hồ Xuân Phong, Ủy viên Ban Thường vụ "
                      "Thị ủy, Trưởng Ban Dân\nvận Thị ủy chủ trì hội nghị tổng kết.\n")
    assert officials(*page.paragraphs) == {"Hồ Xuân Phong": ["Ủy viên Ban Thường vụ Thị ủy", "Trưởng Ban Dân vận Thị ủy"]}


def test_hyphen_inside_an_organisation_does_not_split_the_role() -> None:
    assert officials("Đồng chí Trần Văn Lượng, Bí thư Đảng ủy Khối Cơ quan - Doanh nghiệp tỉnh chủ trì.") == \
        {"Trần Văn Lượng": ["Bí thư Đảng ủy Khối Cơ quan - Doanh nghiệp tỉnh"]}


def test_dash_between_two_titles_splits_them() -> None:
    assert officials("Đồng chí Hoàng Văn Nam – Tỉnh ủy viên – Bí thư Huyện ủy phát biểu.") == \
        {"Hoàng Văn Nam": ["Tỉnh ủy viên", "Bí thư Huyện ủy"]}


def test_comma_inside_an_organisation_does_not_split_the_role() -> None:
    assert officials("Đồng chí Phạm Quang Huy, Phó Giám đốc Sở Văn hóa, Thể thao và Du lịch; đại diện các sở.") == \
        {"Phạm Quang Huy": ["Phó Giám đốc Sở Văn hóa, Thể thao và Du lịch"]}


def test_semicolons_between_roles_of_one_person() -> None:
    assert officials("Chủ trì có đồng chí Quách Văn Lừng – Ủy viên Ban Thường vụ Huyện ủy; Trưởng Ban Dân vận Huyện "
                     "ủy; Chủ tịch Ủy ban MTTQ Việt Nam huyện. Tham dự có lãnh đạo các xã.") == {
        "Quách Văn Lừng": ["Ủy viên Ban Thường vụ Huyện ủy", "Trưởng Ban Dân vận Huyện ủy",
                           "Chủ tịch Ủy ban MTTQ Việt Nam huyện"]}


def test_two_syllable_and_ethnic_minority_names() -> None:
    assert officials("Đồng chí Kim Rương, Trưởng Ban Dân vận Tỉnh ủy; bà Rơ Mah H'Lan, Phó Chủ tịch UBND huyện; "
                     "ông Y Blang, Trưởng Ban Dân tộc tỉnh; ông K'Brăk, Trưởng Ban Dân vận Huyện ủy.") == {
        "Kim Rương": ["Trưởng Ban Dân vận Tỉnh ủy"], "Rơ Mah H'Lan": ["Phó Chủ tịch UBND huyện"],
        "Y Blang": ["Trưởng Ban Dân tộc tỉnh"], "K'Brăk": ["Trưởng Ban Dân vận Huyện ủy"]}


def test_district_before_the_name_is_not_part_of_it() -> None:
    assert officials("Bí thư Huyện ủy Định Hóa Nguyễn Văn Hùng phát biểu khai mạc.") == \
        {"Nguyễn Văn Hùng": ["Bí thư Huyện ủy Định Hóa"]}


def test_places_streets_schools_bylines_and_credits_are_not_officials() -> None:
    assert officials("Hội nghị tại Quảng trường Hồ Chí Minh, đường Lê Duẩn, gần Trường THCS Lê Lợi.",
                     "Quang cảnh hội nghị. Ảnh: Thế Minh", "Xuân Trường") == {}


def test_people_named_only_by_a_title_or_without_a_position_are_not_officials() -> None:
    assert officials("Đồng chí Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh đề nghị các cấp.",
                     "Theo ông Nguyễn Văn Tư, nông dân ở ấp Thạnh Hòa, năm nay được mùa.") == {}


def test_ranks_and_honorifics_are_not_roles() -> None:
    assert officials("Đại tá Nguyễn Văn Trường, Phó Bí thư Thường trực Đảng ủy Quân sự tỉnh chủ trì.",
                     "Tham dự có PGS.TS Trần Văn Phòng, Phó Viện trưởng Viện Chủ nghĩa xã hội khoa học.",
                     "Hòa thượng Danh Lụm, Phó Trưởng ban Trị sự Giáo hội Phật giáo Việt Nam thành phố dự.") == {
        "Nguyễn Văn Trường": ["Phó Bí thư Thường trực Đảng ủy Quân sự tỉnh"],
        "Trần Văn Phòng": ["Phó Viện trưởng Viện Chủ nghĩa xã hội khoa học"],
        "Danh Lụm": ["Phó Trưởng ban Trị sự Giáo hội Phật giáo Việt Nam thành phố"]}


def test_meeting_function_is_kept_apart_from_roles() -> None:
    result = extract_officials(["Cùng dự có đồng chí Bùi Mai Hoa, TVTU, Phó Chủ tịch HĐND tỉnh; lãnh đạo các sở."])
    assert result.officials[0].roles == ("TVTU", "Phó Chủ tịch HĐND tỉnh")
    assert result.officials[0].function == "dự"


def test_roles_merge_across_the_article_in_order_with_the_fullest_wording() -> None:
    assert officials("Phó Bí thư Tỉnh ủy Nguyễn Mạnh Dũng phát biểu.",
                     "Đồng chí Nguyễn Mạnh Dũng, Phó Bí thư Thường trực Tỉnh ủy, Trưởng BCĐ Quy chế dân chủ tỉnh dự.",
                     "Phó Bí thư Tỉnh ủy Nguyễn Mạnh Dũng kết luận.") == {
        "Nguyễn Mạnh Dũng": ["Phó Bí thư Thường trực Tỉnh ủy", "Trưởng BCĐ Quy chế dân chủ tỉnh"]}


def test_one_person_written_with_other_case_spacing_or_tone_is_one_official() -> None:
    assert officials("Đồng chí NGUYỄN VĂN AN, Chủ tịch HĐND tỉnh phát biểu.",
                     "Đồng chí Nguyễn  Văn  An, Bí thư Huyện ủy dự.",
                     "Bà Trần Thị Thuỷ, Phó Chủ tịch UBND thị xã; bà Trần Thị Thủy, Tỉnh ủy viên.") == {
        "Nguyễn Văn An": ["Chủ tịch HĐND tỉnh", "Bí thư Huyện ủy"],
        "Trần Thị Thủy": ["Phó Chủ tịch UBND thị xã", "Tỉnh ủy viên"]}


def test_abbreviations_compare_equal_to_their_spelled_out_form() -> None:
    assert role_key("TVTU") == role_key("Ủy viên Ban Thường vụ Tỉnh ủy")
    assert role_key("Ủy viên BTV Tỉnh ủy") == role_key("ủy viên ban thường vụ tỉnh uỷ")
    assert role_key("Phó Chủ tịch UBND tỉnh") == role_key("Phó Chủ tịch Ủy ban nhân dân tỉnh")
    assert merge_roles(("TVTU",), ("Ủy viên Ban Thường vụ Tỉnh ủy", "Chủ tịch HĐND tỉnh")) == \
        ("TVTU", "Chủ tịch HĐND tỉnh")


def test_role_then_comma_then_ong_is_an_apposition() -> None:
    assert officials("Theo Chủ tịch UBND xã Tân Lập, ông Nguyễn Văn Bình, năm nay xã hoàn thành chỉ tiêu.") == \
        {"Nguyễn Văn Bình": ["Chủ tịch UBND xã Tân Lập"]}


def test_unit_numbers_belong_to_the_role_but_dates_do_not() -> None:
    assert officials("Thiếu tướng Nguyễn Văn Hải, Phó Tư lệnh Quân khu 2 phát biểu.",
                     "Đồng chí Trần Văn Út, Chủ tịch UBND 20 phường dự ngày 2/9.") == {
        "Nguyễn Văn Hải": ["Phó Tư lệnh Quân khu 2"], "Trần Văn Út": ["Chủ tịch UBND 20 phường"]}


def test_two_words_after_a_district_committee_are_a_district_not_a_person() -> None:
    assert officials("Trưởng Ban Dân vận Huyện ủy Lâm Hà phát biểu tại hội nghị.") == {}
    assert officials("Chủ tịch UBND huyện Krông Pắc Y Kiêm phát biểu.") == {"Y Kiêm": ["Chủ tịch UBND huyện Krông Pắc"]}


def test_unsure_names_are_reported_for_review() -> None:
    result = extract_officials(["Đồng chí Kim Rương, Trưởng Ban Dân vận Tỉnh ủy chủ trì."])
    assert result.unsure == ("tên chưa chắc chắn / unsure name: Kim Rương",)


def test_a_role_interrupted_by_a_name_after_a_semicolon_belongs_to_that_name() -> None:
    assert officials("Phó Bí thư Tỉnh ủy Đinh Văn Toàn; Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy "
                     "Hà Thị Nguyệt đồng chủ trì hội nghị.") == {
        "Đinh Văn Toàn": ["Phó Bí thư Tỉnh ủy"],
        "Hà Thị Nguyệt": ["Ủy viên Ban Thường vụ Tỉnh ủy", "Trưởng Ban Dân vận Tỉnh ủy"]}
    assert officials("Tham dự có Phó Chủ tịch UBND tỉnh Vi Văn Sơn; Chủ tịch Liên đoàn Lao động tỉnh Chu Minh Đức "
                     "cùng đại diện các sở, ngành.") == {
        "Vi Văn Sơn": ["Phó Chủ tịch UBND tỉnh"], "Chu Minh Đức": ["Chủ tịch Liên đoàn Lao động tỉnh"]}


def test_a_name_after_its_roles_and_a_comma_list_continues_with_role_before_name() -> None:
    assert officials("Dự hội nghị có đồng chí Lường Văn Pọm, Bí thư Huyện ủy; Chủ tịch UBND huyện Tòng Thị Dung "
                     "và lãnh đạo các xã.") == {
        "Lường Văn Pọm": ["Bí thư Huyện ủy"], "Tòng Thị Dung": ["Chủ tịch UBND huyện"]}


def test_capitalised_steering_committee_is_part_of_the_role_but_the_verb_is_not() -> None:
    assert officials("Đồng chí Giáp Văn Lộc, Trưởng Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở tỉnh phát biểu.",
                     "Đồng chí Ngô Thị Hằng, Phó Trưởng BCĐ thực hiện QCDC ở cơ sở huyện dự.",
                     "Phó Chủ tịch UBND tỉnh Quan Văn Hùng chỉ đạo hội nghị.") == {
        "Giáp Văn Lộc": ["Trưởng Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở tỉnh"],
        "Ngô Thị Hằng": ["Phó Trưởng BCĐ thực hiện QCDC ở cơ sở huyện"],
        "Quan Văn Hùng": ["Phó Chủ tịch UBND tỉnh"]}


def test_anh_and_chi_introduce_people_with_a_position() -> None:
    assert officials("Anh Vàng A Chứ, Chi hội trưởng Chi hội nông dân bản Phình Hồ chia sẻ kinh nghiệm.",
                     "Chị Lò Thị Xuân, Bí thư Chi đoàn thôn Nậm Ngần, cho biết thanh niên đã góp công.",
                     "Anh Giàng Seo Pủa, Tổ trưởng tổ hòa giải thôn, kể lại.") == {
        "Vàng A Chứ": ["Chi hội trưởng Chi hội nông dân bản Phình Hồ"],
        "Lò Thị Xuân": ["Bí thư Chi đoàn thôn Nậm Ngần"],
        "Giàng Seo Pủa": ["Tổ trưởng tổ hòa giải thôn"]}


def test_anh_and_chi_as_pronouns_are_not_names() -> None:
    assert officials("Anh em trong bản, chị em phụ nữ và anh chị em đoàn viên cùng làm đường.",
                     "Anh Chủ tịch xã cho biết bà con đồng tình.", "Chị Mai, Chủ tịch Hội phụ nữ xã, phát biểu.") == {}


def test_a_place_in_parentheses_after_a_role_is_not_part_of_it() -> None:
    assert officials("Anh Thào A Sử, Chi hội trưởng Chi hội nông dân bản Tả Thàng (xã Tả Van) chia sẻ.",
                     "Ông Hoàng Văn Pấu, Trưởng bản Khuổi Khon (xã Bằng Thành) cho biết.") == {
        "Thào A Sử": ["Chi hội trưởng Chi hội nông dân bản Tả Thàng"],
        "Hoàng Văn Pấu": ["Trưởng bản Khuổi Khon"]}


def test_a_preposition_before_a_title_is_not_part_of_the_role() -> None:
    assert officials("Theo Trưởng Ban Dân vận Tỉnh ủy Nguyễn Văn Phúc, năm qua các cấp đã làm tốt công tác dân vận.",
                     "Cùng Bộ trưởng Trần Văn Sơn có Thứ trưởng Lê Minh Hải.") == {
        "Nguyễn Văn Phúc": ["Trưởng Ban Dân vận Tỉnh ủy"], "Trần Văn Sơn": ["Bộ trưởng"], "Lê Minh Hải": ["Thứ trưởng"]}


def test_a_title_opening_with_a_family_name_word_is_not_a_name() -> None:
    assert officials("Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh Lê Thị Hồng Vân; Phó Trưởng Ban Dân vận Tỉnh ủy "
                     "Nông Văn Tuấn đã trao 50 suất quà.") == {
        "Lê Thị Hồng Vân": ["Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh"], "Nông Văn Tuấn": ["Phó Trưởng Ban Dân vận Tỉnh ủy"]}


def test_a_caption_aside_between_name_and_role_is_skipped() -> None:
    assert officials("Đồng chí Triệu Thế Hùng (thứ 2 từ trái sang), Phó Bí thư Tỉnh ủy trao Bằng khen cho các tập thể.",
                     "Đồng chí Bùi Văn Quang (thứ ba, từ phải sang) - Phó Bí thư Thường trực Tỉnh ủy thăm hỏi bà con.",
                     "Nguyễn Văn Hòa (giữa), Bí thư Đảng ủy xã trao quà.") == {
        "Triệu Thế Hùng": ["Phó Bí thư Tỉnh ủy"], "Bùi Văn Quang": ["Phó Bí thư Thường trực Tỉnh ủy"],
        "Nguyễn Văn Hòa": ["Bí thư Đảng ủy xã"]}


def test_titles_whose_words_are_also_verbs() -> None:
    assert officials("Các đồng chí: Đinh Thị Hồng Minh, Phó Trưởng ban Thường trực Ban Dân vận Trung ương; "
                     "Bùi Văn Cường, Tổng Thư ký Quốc hội cùng dự.",
                     "Ông Vừ Mí Lử, Người có uy tín ở thôn Sảng Pả, chia sẻ.",
                     "Trung tá Lý Văn Sáng, Chính trị viên Đồn Biên phòng Sín Cái cho biết.") == {
        "Đinh Thị Hồng Minh": ["Phó Trưởng ban Thường trực Ban Dân vận Trung ương"],
        "Bùi Văn Cường": ["Tổng Thư ký Quốc hội"], "Vừ Mí Lử": ["Người có uy tín ở thôn Sảng Pả"],
        "Lý Văn Sáng": ["Chính trị viên Đồn Biên phòng Sín Cái"]}


def test_a_steering_committee_for_a_national_programme_before_the_name() -> None:
    assert officials("Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo Chương trình mục tiêu quốc gia giảm nghèo bền vững "
                     "tỉnh Hoàng Gia Long kiểm tra tại xã.") == {
        "Hoàng Gia Long": ["Phó Chủ tịch UBND tỉnh",
                           "Trưởng Ban Chỉ đạo Chương trình mục tiêu quốc gia giảm nghèo bền vững tỉnh"]}


def test_abbreviated_member_and_government_inspector_titles() -> None:
    assert officials("Đ/c Sầm Văn Bình - UV BTV Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy phát biểu.",
                     "Đồng chí Lê Minh Khái, Bí thư Trung ương Đảng, Tổng Thanh tra Chính phủ dự.") == {
        "Sầm Văn Bình": ["UV BTV Tỉnh ủy", "Trưởng Ban Dân vận Tỉnh ủy"],
        "Lê Minh Khái": ["Bí thư Trung ương Đảng", "Tổng Thanh tra Chính phủ"]}
