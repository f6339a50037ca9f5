"""Person names: which runs of capitalised words are a person, and where the name starts.

Why word lists: Vietnamese capitalises titles ("Phó Bí thư"), organisations ("Ban Dân vận")
and places ("Hà Giang") as well as names. A name almost always starts with a family name
from a short, closed list (plus the prefixes of ethnic-minority names: "Y", "H'", "Rơ",
"Ksor"), so the list is what separates "Tỉnh ủy Kim Rương" (a person) from a title.
"""

from __future__ import annotations

from digest.extract.tokens import Token
from digest.vietnamese import identity_key

SURNAMES = frozenset("""
nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý lí lâm mai đinh trịnh
đoàn lương hà tạ cao chu thái kim lò hứa quách giàng sùng vàng lầu thào mùa hầu sình chảo
tô trương văn đào lưu đàm tăng thân từ la triệu nông ma lục bế hoàng vi cầm quàng lường sầm
mạc tống khổng khúc lã lạc lại lục mã mẫn nghiêm ninh ông phí phó quan quang quản tôn thạch danh sơn
châu trà kiên liêu lưu âu bạch bàn bạc bế biện cù diệp doãn đái đàm điêu điểu đồng giáp giang
hàn hoa hồng kha khương kiều kha lăng lều lộc lữ lư mạch mông nhữ ôn phùng tiêu tòng
trình trang ung ứng vương vòng y h' rơ ksor nay siu kpă rah rmah puih rcom niê byă êban mlô
ayun bdap hơ đinh a ka k' kơ mấu lô lừ bh'riu alăng zơ ríah pơloong bling coor ating
chế sô thạch lâm sơn danh trà kim chau chăm hờ chang cứ
giàng lồ lù má mào pờ sần tẩn thèn vừ xa xòm hạng lỳ lò điêu
""".split())
"""Family names and ethnic-minority name prefixes, lower case."""

MIDDLE_NAMES = frozenset({"văn", "thị"})
"""Syllables that almost only occur second in a name: "Nguyễn Văn", "Trần Thị"."""

NOT_PERSONS = frozenset(identity_key(n) for n in (
    "Hồ Chí Minh", "Võ Nguyên Giáp", "Tôn Đức Thắng", "Lê Duẩn", "Trường Chinh", "Phạm Văn Đồng",
    "Nguyễn Ái Quốc", "Lê Lợi", "Trần Hưng Đạo", "Quang Trung", "Hai Bà Trưng", "Lý Thường Kiệt",
    "Nguyễn Huệ", "Nguyễn Trãi", "Lê Hồng Phong", "Nguyễn Văn Cừ", "Trần Phú", "Hà Huy Tập",
    "Nguyễn Thị Minh Khai", "Võ Thị Sáu", "Kim Đồng", "Lý Tự Trọng",
))
"""Historical figures whose names are mostly streets, schools, ideas ("tư tưởng Hồ Chí Minh")."""

PROVINCE_NAMES = tuple("""
Hà Nội|Hồ Chí Minh|Hải Phòng|Đà Nẵng|Cần Thơ|Huế|Thừa Thiên Huế|An Giang|Bà Rịa - Vũng Tàu|Bạc Liêu
|Bắc Giang|Bắc Kạn|Bắc Ninh|Bến Tre|Bình Dương|Bình Định|Bình Phước|Bình Thuận|Cà Mau|Cao Bằng
|Đắk Lắk|Đắk Nông|Điện Biên|Đồng Nai|Đồng Tháp|Gia Lai|Hà Giang|Hà Nam|Hà Tĩnh|Hải Dương|Hậu Giang
|Hòa Bình|Hưng Yên|Khánh Hòa|Kiên Giang|Kon Tum|Lai Châu|Lâm Đồng|Lạng Sơn|Lào Cai|Long An
|Nam Định|Nghệ An|Ninh Bình|Ninh Thuận|Phú Thọ|Phú Yên|Quảng Bình|Quảng Nam|Quảng Ngãi|Quảng Ninh
|Quảng Trị|Sóc Trăng|Sơn La|Tây Ninh|Thái Bình|Thái Nguyên|Thanh Hóa|Tiền Giang|Trà Vinh
|Tuyên Quang|Vĩnh Long|Vĩnh Phúc|Yên Bái""".replace("\n", "").split("|"))
PROVINCES = frozenset(identity_key(n) for n in PROVINCE_NAMES)
"""Provinces and centrally governed cities: a capitalised run after "Tỉnh ủy" may be one."""

PLACE_WORDS = frozenset({"ủy", "tỉnh", "huyện", "quận", "xã", "phường", "thị", "trấn", "phố",
                         "tp", "thành", "bản", "thôn", "ấp", "làng", "buôn", "sóc", "khu", "tổ",
                         "vn", "nam", "đồn", "trạm"})
"""Words after which a capitalised run may begin with a place name ("Huyện ủy Định Hóa ...")."""

NAME_TRIGGERS = (
    ("đồng", "chí"), ("đ/c",), ("đc",), ("ông",), ("bà",), ("anh",), ("chị",), ("cụ",), ("thầy",), ("cô",),
    ("em",), ("nhà", "báo"), ("nghệ", "nhân"), ("già", "làng"), ("hòa", "thượng"), ("thượng", "tọa"),
    ("đại", "đức"), ("ni", "sư"), ("linh", "mục"), ("mục", "sư"), ("giám", "mục"), ("sư", "cả"), ("achar",),
    ("đại", "tướng"), ("thượng", "tướng"), ("trung", "tướng"), ("thiếu", "tướng"), ("đại", "tá"),
    ("thượng", "tá"), ("trung", "tá"), ("thiếu", "tá"), ("đại", "úy"), ("thượng", "úy"), ("trung", "úy"),
    ("thiếu", "úy"), ("tiến", "sĩ"), ("thạc", "sĩ"), ("giáo", "sư"), ("phó", "giáo", "sư"), ("bác", "sĩ"),
)
"""Words that announce a person ("đồng chí X", "ông X"), lower case."""

HONORIFICS = frozenset({"gs", "pgs", "ts", "ths", "bs", "ks", "ls", "gs.ts", "pgs.ts", "ts.bs", "ths.bs",
                        "bsck", "nsnd", "nsưt", "nghệ", "đại", "thượng", "trung", "thiếu"})
"""Academic and honorary prefixes that are neither name nor role ("PGS.TS", "NSND")."""

RANKS = frozenset(identity_key(r) for r in (
    "Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá", "Trung tá",
    "Thiếu tá", "Đại úy", "Thượng úy", "Trung úy", "Thiếu úy", "Chuẩn úy", "Thượng sĩ", "Trung sĩ",
    "Hạ sĩ", "Binh nhất", "Binh nhì", "Chuẩn Đô đốc", "Phó Đô đốc", "Đô đốc",
))
"""Military and police ranks: not positions (issue 3), dropped from roles."""

TITLE_WORDS = frozenset({
    "phó", "bí", "chủ", "trưởng", "ủy", "ban", "tỉnh", "huyện", "quận", "thành", "đảng", "giám",
    "tổng", "thường", "hội", "sở", "bộ", "cục", "vụ", "viện", "trung", "mặt", "đoàn", "liên",
    "công", "chánh", "văn", "phòng", "đại", "thiếu", "thượng", "quân", "chính", "chỉ", "tư", "nhà",
    "trường", "quỹ", "ngân", "báo", "đài", "cơ", "xã", "phường", "thị", "thôn", "bản", "ấp",
    "cựu", "nông", "phụ", "thanh", "người", "nguyên", "cán", "đồng", "các", "tại", "và", "của",
})
"""First words of titles and organisations, lower case: a name never starts with one unless
it is also a family name (checked first)."""


STRONG_TITLE_WORDS = frozenset({"phó", "bí", "chủ", "trưởng", "ủy", "uỷ", "ban", "tỉnh", "huyện", "quận",
                                "đảng", "giám", "sở", "bộ", "hội", "chánh", "thường"})
"""Words that end a name run when met after two name words ("Nguyễn Văn An Phó Bí thư")."""


def is_mononym(words: list[str]) -> bool:
    """A one-word ethnic-minority name with an apostrophe ("K'Brăk"), after "ông"/"đồng chí"."""
    return len(words) == 1 and ("'" in words[0] or "’" in words[0]) and len(words[0]) > 3


VOWELS = frozenset("aeiouyăâêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


def is_name_word(token: Token) -> bool:
    """A capitalised word that can be part of a personal name (not an acronym, not a number).

    A word in capitals counts only when it is a family name ("NGUYỄN"), so that a name in
    capitals can start a run; name_run continues it with the following capitalised syllables.
    """
    if not token.is_capitalized or "." in token.text or "/" in token.text:
        return False
    return not token.is_acronym or _is_single_letter(token.text) or token.lower in SURNAMES


def _is_capital_syllable(token: Token) -> bool:
    """A syllable written in capitals ("VĂN", "AN"), as in a name printed in capitals."""
    text = token.text
    return token.is_word and text.isupper() and len(text) <= 7 and any(c in VOWELS for c in text.lower()) \
        and "." not in text and "/" not in text


def _is_single_letter(text: str) -> bool:
    return len(text) == 1 or (len(text) == 2 and text[1] in "'’")


def is_surname(word: str) -> bool:
    """True when `word` can open a personal name ("Nguyễn", "Y", "H'Lan", "Kim")."""
    low = word.lower()
    if low in SURNAMES:
        return True
    return low[:2] in ("h'", "k'", "y'", "h’") and len(low) > 2


def name_run(tokens: list[Token], start: int) -> int:
    """End index (exclusive) of the run of name-like words beginning at `start`."""
    if start < len(tokens) and tokens[start].is_acronym and tokens[start].lower in SURNAMES:
        end = start + 1
        while end < len(tokens) and _is_capital_syllable(tokens[end]) and end - start < 5:
            end += 1
        return end
    end = start
    while end < len(tokens) and is_name_word(tokens[end]) and end - start < 7:
        end += 1
    return end


def looks_like_name(words: list[str], *, announced: bool) -> bool:
    """Whether 2-5 capitalised words are a person's full name.

    `announced` is True after "đồng chí", "ông", "bà" or a title: then any family name is
    accepted; a bare run must open with a known family name and not be a place.
    """
    if not 2 <= len(words) <= 5:
        return False
    key = identity_key(" ".join(words))
    if key in NOT_PERSONS or key in PROVINCES:
        return False
    first = words[0].lower()
    if first in TITLE_WORDS and not is_surname(first):
        return False
    if any(w.lower() in {"ủy", "uỷ"} for w in words):
        return False
    return is_surname(words[0]) or (announced and first not in TITLE_WORDS)


def split_place_and_name(words: list[str]) -> tuple[list[str], list[str]]:
    """Cut a run that follows a place word into (place, name): "Định Hóa Nguyễn Văn An".

    Why: "Bí thư Huyện ủy Định Hóa Nguyễn Văn An" runs the district into the name. A known
    province is cut off first; otherwise the name starts at the first family name that leaves
    2-4 words, trying the usual two-word place first.
    """
    for size in range(len(words) - 1, 0, -1):
        if identity_key(" ".join(words[:size])) in PROVINCES:
            return words[:size], words[size:]
    if identity_key(" ".join(words)) in PROVINCES:
        return words, []
    if len(words) > 1 and words[1].lower() in MIDDLE_NAMES and is_surname(words[0]):
        return [], words
    sizes = (2,) if len(words) == 4 and is_surname(words[0]) else (2, 1, 3)
    if len(words) >= 4 or not is_surname(words[0]):
        for size in sizes:
            rest = words[size:]
            if 2 <= len(rest) <= 4 and is_surname(rest[0]):
                return words[:size], rest
    if is_surname(words[0]) or len(words) > 4:
        return [], words
    return words, []
