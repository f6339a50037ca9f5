"""Generate a seeded benchmark corpus in our front-matter format: `python bench/generate.py N OUT`.

Why generated: the benchmark needs 10,000 realistic articles (600-1,200 words of Vietnamese,
~1,000 officials, ~30 campaigns, 63 provinces, 2015-2025) and the same corpus on every run,
so Hugo and our builder can be compared on identical input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

PROVINCES = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre", "Bình Dương",
    "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Đắk Nông",
    "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương",
    "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu",
    "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ",
    "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La",
    "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "TP. Hồ Chí Minh",
    "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
)
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
            "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Lương", "Triệu", "Hà")
MIDDLE = ("Văn", "Thị", "Hồng", "Minh", "Quốc", "Thanh", "Đức", "Ngọc", "Xuân", "Thu", "Mạnh", "Hữu", "Kim")
GIVEN = ("Quảng", "Hoa", "Dũng", "Phượng", "Bình", "Hùng", "Lan", "Hải", "Sơn", "Tuấn", "Hà", "Nam",
         "Thắng", "Hương", "Long", "Trung", "Đạt", "Vinh", "Thảo", "Khánh", "Hiền", "Cường", "Tâm", "Yến")
ROLES = ("Bí thư Tỉnh ủy", "Phó Bí thư Tỉnh ủy", "Trưởng Ban Dân vận Tỉnh ủy", "Phó Trưởng Ban Dân vận Tỉnh ủy",
         "Chủ tịch HĐND tỉnh", "Chủ tịch UBND tỉnh", "Phó Chủ tịch UBND tỉnh", "Chủ tịch UBMTTQ tỉnh",
         "Ủy viên Ban Thường vụ Tỉnh ủy", "Bí thư Huyện ủy", "Trưởng Ban Dân vận Huyện ủy")
CAMPAIGN_STEMS = ("Dân vận khéo", "Năm dân vận chính quyền", "Ngày vì người nghèo", "Chung sức xây dựng nông thôn mới",
                  "Người Việt Nam ưu tiên dùng hàng Việt Nam", "Xây dựng gia đình 5 không, 3 sạch",
                  "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh", "Học tập và làm theo tư tưởng Hồ Chí Minh",
                  "Toàn dân bảo vệ an ninh Tổ quốc", "Doanh nghiệp đồng hành cùng địa phương")
CAMPAIGN_SUFFIXES = ("", " giai đoạn 2016-2020", " giai đoạn 2021-2025")
KINDS = ("giao ban", "sơ kết", "tổng kết", "hội nghị chuyên đề", "tập huấn")
PERIODS = ("6 tháng đầu năm {y}", "năm {y}", "quý I/{y}", "quý II/{y}", "quý III/{y}", "quý IV/{y}", "9 tháng năm {y}")
SUBJECTS = ("Ban Dân vận Tỉnh ủy", "Mặt trận Tổ quốc tỉnh", "Hội Nông dân", "Hội Liên hiệp Phụ nữ", "Đoàn Thanh niên",
            "Hội Cựu chiến binh", "Liên đoàn Lao động", "các cấp ủy Đảng", "chính quyền các cấp", "khối dân vận")
VERBS = ("đã tập trung lãnh đạo", "tích cực triển khai", "phối hợp chặt chẽ trong", "chủ động tham mưu về",
         "đẩy mạnh tuyên truyền về", "kiểm tra, giám sát việc thực hiện", "sơ kết, đánh giá", "nhân rộng")
OBJECTS = ("công tác dân vận", "quy chế dân chủ ở cơ sở", "phong trào thi đua yêu nước", "mô hình dân vận khéo",
           "chương trình xây dựng nông thôn mới", "công tác giảm nghèo bền vững", "việc giải quyết khiếu nại, tố cáo",
           "công tác vận động đồng bào dân tộc thiểu số", "công tác tôn giáo", "việc chuyển đổi số ở cơ sở",
           "an sinh xã hội", "đời sống của nhân dân", "khối đại đoàn kết toàn dân tộc")
ADVERBIALS = ("Trong thời gian qua,", "Bên cạnh đó,", "Qua đó,", "Năm nay,", "Tuy nhiên,", "Đặc biệt,",
              "Thời gian tới,", "Nhìn chung,", "Tại hội nghị,", "Theo báo cáo,")
RESULTS = ("góp phần củng cố niềm tin của nhân dân", "tạo sự đồng thuận trong xã hội", "đạt nhiều kết quả tích cực",
           "huy động được hơn {n} tỷ đồng", "xây dựng {n} mô hình mới", "vận động {n} hộ dân hiến đất làm đường",
           "giúp {n} hộ thoát nghèo", "tổ chức {n} buổi đối thoại với nhân dân")
SOURCES = ("Báo {p}", "Đài Phát thanh và Truyền hình {p}", "Cổng thông tin điện tử tỉnh {p}", "Báo Dân vận")
FIRST_YEAR, LAST_YEAR = 2015, 2025


def make_officials(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """`count` distinct (name, home province) pairs."""
    seen: dict[str, str] = {}
    while len(seen) < count:
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        seen.setdefault(name, rng.choice(PROVINCES))
    return sorted(seen.items())


def make_campaigns(count: int) -> list[str]:
    """About `count` campaign names: stems with and without period suffixes."""
    names = [stem + suffix for suffix in CAMPAIGN_SUFFIXES for stem in CAMPAIGN_STEMS]
    return names[:count]


def sentence(rng: random.Random) -> str:
    """One plausible report sentence."""
    result = rng.choice(RESULTS).format(n=rng.randint(2, 900))
    return (f"{rng.choice(ADVERBIALS)} {rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}, "
            f"{result}.")


def body_text(rng: random.Random, words: int) -> str:
    """Paragraphs of sentences until about `words` words."""
    paragraphs, current, total = [], [], 0
    while total < words:
        text = sentence(rng)
        current.append(text)
        total += len(text.split())
        if len(current) >= rng.randint(3, 6):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs) + "\n"


def quoted(text: str) -> str:
    """YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def article_text(rng: random.Random, number: int, officials: list, campaigns: list[str]) -> tuple[str, str]:
    """(relative path, file text) of article `number`."""
    first = dt.date(FIRST_YEAR, 1, 1)
    day = first + dt.timedelta(days=rng.randrange((dt.date(LAST_YEAR, 12, 31) - first).days))
    province = rng.choice(PROVINCES)
    kind = rng.choice(KINDS)
    period = rng.choice(PERIODS).format(y=day.year)
    title = f"{province}: {kind.capitalize()} {rng.choice(OBJECTS)} {period}"
    lines = ["---", f"title: {quoted(title)}", f"date: {day.isoformat()}",
             f"published: {(day + dt.timedelta(days=1)).isoformat()}T08:{number % 60:02d}",
             f"locality: {quoted(province)}", f"source: {quoted(rng.choice(SOURCES).format(p=province))}",
             f"kind: {kind}", f"period: {quoted(period)}", "officials:"]
    for name, _ in rng.sample(officials, rng.randint(1, 5)):
        roles = ", ".join(rng.sample(ROLES, rng.randint(1, 2)))
        lines += [f"  - name: {name}", f"    roles: [{roles}]"]
    lines.append("campaigns: [" + ", ".join(quoted(c) for c in rng.sample(campaigns, rng.randint(0, 3))) + "]")
    lines += [f"authors: [{rng.choice(GIVEN)} {rng.choice(GIVEN)}]", "---"]
    body = body_text(rng, rng.randint(600, 1200))
    path = f"{day.year}/{day.isoformat()}-bai-{number:05d}.md"
    return path, "\n".join(lines) + "\n" + body


SITE_YAML = """title: Nhật ký Dân vận (benchmark)
description: Kho tin bài sinh tự động để đo tốc độ.
base_url: ""
language: vi
campaigns:
{campaigns}
"""


def generate(count: int, out: Path, seed: int = 7) -> None:
    """Write out/site.yaml and out/content/YYYY/*.md with `count` articles (replaces out/content)."""
    rng = random.Random(seed)
    officials = make_officials(rng, 1000)
    campaigns = make_campaigns(30)
    shutil.rmtree(out / "content", ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    registry = "\n".join(f"  - name: {quoted(c)}" for c in campaigns)
    (out / "site.yaml").write_text(SITE_YAML.format(campaigns=registry), encoding="utf-8")
    for number in range(count):
        relative, text = article_text(rng, number, officials, campaigns)
        target = out / "content" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def main() -> None:
    """Command line: article count and output folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.count, args.out, args.seed)


if __name__ == "__main__":
    main()
