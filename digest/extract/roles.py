"""Roles (positions): where one ends, how abbreviations compare, how mentions merge.

Why a vocabulary of lower-case words: in "Đồng chí X, Chủ tịch HĐND tỉnh chủ trì hội nghị"
nothing but the words tells where the position stops. Titles are built from a small set of
words (capitalised ones, acronyms, and lower-case words such as "thư", "tịch", "tỉnh",
"của các cơ quan nhà nước"); the first lower-case word outside that set starts the predicate.
"""

from __future__ import annotations

import re

from digest.vietnamese import identity_key

ROLE_WORDS = frozenset("""
thư tịch viên vụ trực ủy uỷ tỉnh huyện quận thành phố thị xã phường trấn ban vận đốc trưởng phó
dân nhân chủ cơ sở quy chế các quan nhà nước của khối đảng bộ chính trị hội phụ nữ nông cựu
chiến binh đoàn thanh niên liên lao động mặt trận tổ quốc kiểm tra thường nhiệm văn phòng đại
biểu tộc tôn giáo an ninh công quân sự biên tuyên giáo giáo dục đào tạo ngoại y tế tài tư pháp
nội kế hoạch đầu xây dựng giao thông vải nghiệp học hành kinh doanh tổng hợp phát triển nông
thôn môi trường khoa công nghệ truyền thông tin du lịch thể thao hóa hoá lực lượng vũ trang
cảnh sát chỉ huy đội tổ trung ương cấp cao kiêm phụ trách trách nhiệm tại ở và trong
thuộc trực thuộc đặc biệt hành chính quốc hội đơn vị doanh nghiệp hợp tác hiệp hữu nghị
khuyến học người cao tuổi chữ thập đỏ luật sư nhà báo văn nghệ sĩ khuyết tật mồ côi nạn nhân
chất độc da cam cứu trợ lâm sản thủy lợi tài nguyên vận tải điện lực bưu chính viễn
quản lý thị trường thuế hải kho bạc bảo hiểm ngân hàng chi nhánh cục vụ viện tòa án
sát nhân dân thường trực điều hành phong trào mặt tiếp công dân thi đua khen thưởng
giám sát phản biện xã hội đối ngoại tuyên truyền bảo vệ chăm sóc trẻ em gia đình
dân số cán kiêm chức chuyên trách ban chấp hành thường vụ cơ quan chùa nhà thờ giáo xứ
hội thánh công ty trường bệnh viện hợp tác xã trị sự quản trị phật giáo tín đồ cao đài hòa hảo hoà giải
tin lành công giáo kết sư sãi yêu diện hồi islam chăm khmer nghĩa gia cộng đồng
thôn bản ấp buôn làng sóc khu tổ dân phố khóm đảng viên chi bộ lệnh tham mưu hậu cần kỹ thuật
huấn luyện tác sư tiểu không vệ cứu hộ cháy chữa tuyến phủ
""".split())
"""Lower-case words that may occur inside a position ("Trưởng phòng dân vận của các cơ quan nhà nước")."""

STOP_PHRASES = tuple(tuple(p.split()) for p in """
chủ trì|chủ tọa|chủ toạ|đồng chủ trì|cùng chủ trì|cùng dự|cùng tham dự|dự|tham dự|đến dự|về dự|dự và
phát biểu|chỉ đạo|nhấn mạnh|đề nghị|yêu cầu|cho biết|khẳng định|trao|tặng|đánh giá|ghi nhận
|biểu dương|chúc mừng|cùng|đã|điều hành|làm|là|thay mặt|cũng|kết luận|báo cáo|trình bày|thông qua
|gợi ý|mong muốn|đề xuất|lưu ý|quán triệt|thăm|tới|có|được|sẽ|đang|vừa|nêu|phát động|tiếp
|khai mạc|bế mạc|giới thiệu|bày tỏ|tuyên bố|đọc|quyết định|cảm ơn|gửi|chia sẻ|trả lời|giải đáp
|lắng nghe|tiếp thu|đồng tình|thống nhất|trực tiếp|kiểm tra|làm việc|dẫn đầu|làm trưởng đoàn
|chủ động|đối thoại|trao đổi|chỉ rõ|phân tích|khen ngợi|động viên|căn dặn|nhận định|nhắc nhở
|đến thăm|tham gia|tham luận|nói|phát|ký|hướng dẫn|quán|triển khai|nhận|dâng|thắp|tuyên truyền
|giải thích|giải quyết|giải trình
|thông tin|và các|và đại diện|và lãnh đạo|cùng các|cùng với|với|vừa qua|hôm|ngày|sáng|chiều|tối
|lúc|đồng chí""".replace("\n", "").split("|"))
"""Lower-case words that end a position: what the person did, or a date."""

FUNCTION_WORDS = {"chủ trì": "chủ trì", "đồng chủ trì": "chủ trì", "cùng chủ trì": "chủ trì",
                  "chủ tọa": "chủ tọa", "chủ toạ": "chủ tọa", "dự": "dự", "tham dự": "dự",
                  "đến dự": "dự", "về dự": "dự", "cùng dự": "dự", "cùng tham dự": "dự", "dự và": "dự"}
"""Stop phrases that say what the person did at the meeting (kept in `function`)."""

ROLE_HEAD_PATTERN = re.compile(
    r"(?:nguyên\s+|quyền\s+)?(?:phó\s+|tổng\s+)*(?:"
    r"bí\s+thư|chủ\s+tịch|chủ\s+nhiệm|trưởng|ủy\s+viên|uỷ\s+viên|giám\s+đốc|chánh|thủ\s+tướng|"
    r"chính\s+ủy|chính\s+uỷ|chính\s+trị\s+viên|tư\s+lệnh|đại\s+biểu|thư\s+ký|biên\s+tập|hiệu\s+trưởng|"
    r"(?:tỉnh|thành|huyện|quận|thị|đảng|xã)\s+ủy\s+viên|(?!(?:theo|cùng|với|tại|thay|sau|trước|gặp|tiếp|và|có|dự|của|cho|là)\b)"
    r"(?:chi\s+|xã\s+|phân\s+)?\w+\s+trưởng|(?:chi\s+)?(?:hội|tổ|đội|đồn|trạm|ấp|bản|thôn|khu|xóm)\s+phó|già\s+làng|người\s+có\s+uy\s+tín|"
    r"kiểm\s+sát\s+viên|thẩm\s+phán|cán\s+bộ|chuyên\s+viên|phóng\s+viên|đội\s+viên|hội\s+viên|"
    r"thanh\s+tra\s+viên|(?<=tổng\s)thanh\s+tra|tvtu|tvtư|uvbtv|uvbch|uv|btv|uvtw|ubtv|đbqh|tuv|huv|tư\s+lệnh|chỉ\s+huy)\b",
    re.IGNORECASE,
)
"""Words a position starts with: "Phó Bí thư", "Chủ tịch", "Trưởng ban", "Vụ trưởng", "TVTU"."""

ABBREVIATIONS = {
    "tvtu": "ủy viên ban thường vụ tỉnh ủy", "tvtư": "ủy viên ban thường vụ tỉnh ủy",
    "uvbtv": "ủy viên ban thường vụ", "btv": "ban thường vụ", "hđnd": "hội đồng nhân dân",
    "ubnd": "ủy ban nhân dân", "ubmttq": "ủy ban mặt trận tổ quốc", "mttqvn": "mặt trận tổ quốc việt nam",
    "mttq": "mặt trận tổ quốc", "bcđ": "ban chỉ đạo", "bch": "ban chấp hành", "ubkt": "ủy ban kiểm tra",
    "tw": "trung ương", "tư": "trung ương", "ub": "ủy ban", "uv": "ủy viên", "tu": "tỉnh ủy",
    "qcdc": "quy chế dân chủ", "ct-xh": "chính trị - xã hội", "đbqh": "đại biểu quốc hội",
    "tp": "thành phố", "tp.hcm": "thành phố hồ chí minh", "hcm": "hồ chí minh", "bdv": "ban dân vận",
    "lđlđ": "liên đoàn lao động", "hlhpn": "hội liên hiệp phụ nữ", "ccb": "cựu chiến binh",
    "tncs": "thanh niên cộng sản", "uvtw": "ủy viên trung ương", "tuv": "tỉnh ủy viên",
    "huv": "huyện ủy viên", "vn": "việt nam", "bchqs": "bộ chỉ huy quân sự", "ubtv": "ủy ban thường vụ",
    "bqp": "bộ quốc phòng", "ca": "công an", "hnd": "hội nông dân", "lhpn": "liên hiệp phụ nữ",
}
"""Abbreviations in positions and their spelled-out form (lower case), for comparison only."""

ABBREVIATION_PATTERN = re.compile(
    r"(?<![\w.])(" + "|".join(sorted((re.escape(k) for k in ABBREVIATIONS), key=len, reverse=True)) + r")(?![\w])",
)
DASH_SPACING_PATTERN = re.compile(r"\s*[-–—]\s*")


def is_role_head(text: str) -> bool:
    """True when `text` starts with a position word ("Phó Chủ tịch UBND tỉnh", "TVTU")."""
    return bool(ROLE_HEAD_PATTERN.match(text.strip()))


def role_key(role: str) -> str:
    """Comparison key of a role: abbreviations spelled out, case, tone and dash spacing folded."""
    text = identity_key(role)
    text = ABBREVIATION_PATTERN.sub(lambda m: ABBREVIATIONS[m.group(1)], text)
    text = DASH_SPACING_PATTERN.sub(" - ", text)
    return " ".join(text.replace("uỷ", "ủy").split())


def _is_shortening(short: str, full: str) -> bool:
    """True when every word of `short` occurs in `full`, in order, and both start alike."""
    a, b = role_key(short).split(), role_key(full).split()
    if not a or a[0] != b[0] or len(a) >= len(b):
        return False
    rest = iter(b)
    return all(word in rest for word in a)


def merge_roles(existing: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    """Union of two role lists in order of first appearance, keeping the fullest wording.

    A caption's "Phó Bí thư Tỉnh ủy" after "Phó Bí thư Thường trực Tỉnh ủy" adds nothing;
    a fuller wording met later replaces the shorter one in place.
    """
    roles = list(existing)
    for role in new:
        key = role_key(role)
        if any(role_key(r) == key or _is_shortening(role, r) for r in roles):
            continue
        shorter = [i for i, r in enumerate(roles) if _is_shortening(r, role)]
        if shorter:
            roles[shorter[0]] = role
            roles = [r for i, r in enumerate(roles) if i not in shorter[1:]]
        else:
            roles.append(role)
    return tuple(roles)
