"""A synthetic corpus of Vietnamese Party and state directives, deterministic from a seed.

Central resolutions (Trung ương) are implemented by provincial plans, which departments
of the provincial committee, the People's Committee and district committees implement in
turn: multi-level "thực hiện" chains across many provinces, references to documents that
are not in the corpus, and obligations with assignees, periods, deadlines and
report-to bodies. Each document is rendered from this project's templates both as TEXT
(the Party layout of HD 36 that the extractor reads) and as the record of contract 1,
with evidence offsets into that text, so a load benchmark can skip extraction.

    python benchmarks/gen_corpus.py --docs 1000 --seed 7 --format text --out /tmp/corpus
    python benchmarks/gen_corpus.py --docs 100000 --format records --out /tmp/records.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from vbkg.loaders.graph.identity import term_of
from vbkg.loaders.knowledge.vocabulary import CENTRAL

# (jurisdiction, committee, place on the date line, districts)
PROVINCES = [
    ("Thành phố Hà Nội", "Thành ủy", "Hà Nội", ["Đông Anh", "Gia Lâm", "Sóc Sơn", "Ba Vì"]),
    (
        "Thành phố Hồ Chí Minh",
        "Thành ủy",
        "TP. Hồ Chí Minh",
        ["Củ Chi", "Hóc Môn", "Bình Chánh", "Cần Giờ"],
    ),
    (
        "Thành phố Hải Phòng",
        "Thành ủy",
        "Hải Phòng",
        ["Thủy Nguyên", "An Lão", "Kiến Thụy", "Tiên Lãng"],
    ),
    ("Thành phố Đà Nẵng", "Thành ủy", "Đà Nẵng", ["Hòa Vang", "Hoàng Sa"]),
    ("Thành phố Cần Thơ", "Thành ủy", "Cần Thơ", ["Phong Điền", "Cờ Đỏ", "Thới Lai", "Vĩnh Thạnh"]),
    ("Tỉnh Nghệ An", "Tỉnh ủy", "Vinh", ["Diễn Châu", "Quỳnh Lưu", "Nghi Lộc", "Đô Lương"]),
    (
        "Tỉnh Thanh Hóa",
        "Tỉnh ủy",
        "Thanh Hóa",
        ["Hoằng Hóa", "Quảng Xương", "Tĩnh Gia", "Thọ Xuân"],
    ),
    ("Tỉnh Quảng Ninh", "Tỉnh ủy", "Hạ Long", ["Vân Đồn", "Cô Tô", "Tiên Yên", "Đầm Hà"]),
    ("Tỉnh Thái Nguyên", "Tỉnh ủy", "Thái Nguyên", ["Định Hóa", "Đại Từ", "Phú Lương", "Võ Nhai"]),
    ("Tỉnh Lào Cai", "Tỉnh ủy", "Lào Cai", ["Bát Xát", "Bảo Thắng", "Sa Pa", "Mường Khương"]),
    ("Tỉnh Hà Tĩnh", "Tỉnh ủy", "Hà Tĩnh", ["Kỳ Anh", "Cẩm Xuyên", "Thạch Hà", "Hương Khê"]),
    ("Tỉnh Quảng Nam", "Tỉnh ủy", "Tam Kỳ", ["Duy Xuyên", "Điện Bàn", "Thăng Bình", "Núi Thành"]),
    ("Tỉnh Khánh Hòa", "Tỉnh ủy", "Nha Trang", ["Vạn Ninh", "Ninh Hòa", "Diên Khánh", "Cam Lâm"]),
    ("Tỉnh Đắk Lắk", "Tỉnh ủy", "Buôn Ma Thuột", ["Cư M'gar", "Krông Pắc", "Ea Kar", "Lắk"]),
    ("Tỉnh Lâm Đồng", "Tỉnh ủy", "Đà Lạt", ["Đức Trọng", "Di Linh", "Bảo Lâm", "Lâm Hà"]),
    (
        "Tỉnh Bình Dương",
        "Tỉnh ủy",
        "Thủ Dầu Một",
        ["Bàu Bàng", "Dầu Tiếng", "Phú Giáo", "Bắc Tân Uyên"],
    ),
    (
        "Tỉnh Đồng Nai",
        "Tỉnh ủy",
        "Biên Hòa",
        ["Trảng Bom", "Long Thành", "Nhơn Trạch", "Định Quán"],
    ),
    ("Tỉnh An Giang", "Tỉnh ủy", "Long Xuyên", ["Châu Phú", "Chợ Mới", "Thoại Sơn", "Tri Tôn"]),
    ("Tỉnh Kiên Giang", "Tỉnh ủy", "Rạch Giá", ["Phú Quốc", "Châu Thành", "Hòn Đất", "Kiên Lương"]),
    ("Tỉnh Cà Mau", "Tỉnh ủy", "Cà Mau", ["Đầm Dơi", "Năm Căn", "Ngọc Hiển", "Trần Văn Thời"]),
    ("Tỉnh Bắc Ninh", "Tỉnh ủy", "Bắc Ninh", ["Tiên Du", "Yên Phong", "Quế Võ", "Gia Bình"]),
    ("Tỉnh Nam Định", "Tỉnh ủy", "Nam Định", ["Hải Hậu", "Giao Thủy", "Nghĩa Hưng", "Ý Yên"]),
    ("Tỉnh Thừa Thiên Huế", "Tỉnh ủy", "Huế", ["Phong Điền", "Quảng Điền", "Phú Vang", "A Lưới"]),
    ("Tỉnh Sơn La", "Tỉnh ủy", "Sơn La", ["Mộc Châu", "Mai Sơn", "Thuận Châu", "Sông Mã"]),
]
TOPICS = [
    "tăng cường công tác xây dựng, chỉnh đốn Đảng và hệ thống chính trị",
    "chuyển đổi số đến năm 2025, định hướng đến năm 2030",
    "đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "củng cố, kiện toàn hệ thống chính trị cơ sở",
    "tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hiệu lực, hiệu quả",
    "phát triển kinh tế tập thể, hợp tác xã trong giai đoạn mới",
    "tăng cường sự lãnh đạo của Đảng đối với công tác phòng, chống tham nhũng, tiêu cực",
    "nâng cao chất lượng nguồn nhân lực đáp ứng yêu cầu phát triển kinh tế - xã hội",
    "công tác dân vận của hệ thống chính trị trong tình hình mới",
    "bảo đảm an ninh chính trị, trật tự an toàn xã hội trên địa bàn",
    "đẩy mạnh cải cách hành chính, cải thiện môi trường đầu tư kinh doanh",
    "xây dựng nông thôn mới nâng cao và nông thôn mới kiểu mẫu",
    "phát triển văn hóa, con người đáp ứng yêu cầu phát triển bền vững",
    "bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch",
    "tăng cường kỷ luật, kỷ cương và trách nhiệm giải quyết công việc",
    "công tác cán bộ, quy hoạch, luân chuyển cán bộ lãnh đạo, quản lý các cấp",
    "phát triển đảng viên trong doanh nghiệp ngoài khu vực nhà nước",
    "quản lý, sử dụng đất đai và tài nguyên khoáng sản",
    "chăm lo đời sống vật chất, tinh thần cho người lao động",
    "phòng, chống thiên tai, ứng phó với biến đổi khí hậu",
]
ACTIONS = [
    "tổ chức quán triệt, tuyên truyền sâu rộng nội dung {ref} đến cán bộ, đảng viên và Nhân dân",
    "hướng dẫn, kiểm tra, đôn đốc việc thực hiện {self} của các cấp ủy, tổ chức đảng",
    "rà soát, đánh giá kết quả thực hiện các chỉ tiêu, nhiệm vụ được giao",
    "tham mưu sơ kết, tổng kết việc thực hiện {self}",
    "lãnh đạo, chỉ đạo xây dựng chương trình, đề án cụ thể để triển khai thực hiện",
    "theo dõi, tổng hợp tình hình, kịp thời đề xuất xử lý các vướng mắc phát sinh",
]
# Advisory bodies of a provincial committee: (name after "Ban", symbol for their documents)
PARTY_BANS = [
    ("Ban Tổ chức", "BTC"),
    ("Ban Tuyên giáo", "BTG"),
    ("Ban Dân vận", "BDV"),
    ("Ban Nội chính", "BNC"),
]
STATE_BODIES = [
    "Ủy ban nhân dân",
    "Sở Nội vụ",
    "Sở Thông tin và Truyền thông",
    "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư",
    "Ủy ban Mặt trận Tổ quốc Việt Nam",
]
PERIODS = [None, None, "6 tháng", "hằng năm", "hằng quý", "định kỳ"]
CENTRAL_ISSUERS = {
    "NghiQuyet": ["Ban Chấp hành Trung ương", "Bộ Chính trị"],
    "ChiThi": ["Bộ Chính trị", "Ban Bí thư"],
    "KetLuan": ["Bộ Chính trị", "Ban Bí thư"],
}
TYPE_NAMES = {
    "NghiQuyet": ("Nghị quyết", "NQ"),
    "ChiThi": ("Chỉ thị", "CT"),
    "KetLuan": ("Kết luận", "KL"),
    "KeHoach": ("Kế hoạch", "KH"),
    "ChuongTrinh": ("Chương trình", "CTr"),
    "HuongDan": ("Hướng dẫn", "HD"),
}
SIGNERS = [
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Văn Cường",
    "Phạm Thị Dung",
    "Hoàng Văn Em",
    "Vũ Thị Giang",
    "Đặng Văn Hùng",
    "Bùi Thị Lan",
    "Đỗ Văn Minh",
    "Ngô Thị Nga",
    "Dương Văn Phúc",
    "Lý Thị Quyên",
    "Hồ Văn Sơn",
    "Mai Thị Thu",
    "Trịnh Văn Việt",
]


@dataclass
class Doc:
    """One generated document: everything both renderings need."""

    loai: str
    so_hieu: str
    day: date
    issuer: dict
    trich_yeu: str
    place: str | None
    header: tuple[str, str]  # (superior body line, issuer line), upper-cased when rendered
    signer: dict
    parent: Doc | None = None  # the document it implements
    cites: list[Doc] = field(default_factory=list)  # other documents it mentions
    tasks: list[dict] = field(default_factory=list)
    in_corpus: bool = True
    index: int = 0


class Numbering:
    """Party numbers restart each term, state numbers each year (DOMAIN.md §1.5)."""

    def __init__(self) -> None:
        self.last: dict[tuple, int] = {}

    def next(self, *scope) -> int:
        self.last[scope] = self.last.get(scope, 0) + 1
        return self.last[scope]


def generate(n_docs: int, seed: int = 0) -> list[Doc]:
    """`n_docs` documents in the corpus (plus central documents only referenced)."""
    rng = random.Random(seed)
    numbers = Numbering()
    central = _central_documents(rng, numbers, max(12, n_docs // 40))
    in_corpus = [d for d in central if d.in_corpus]
    by_province: dict[str, list[Doc]] = {p[0]: [] for p in PROVINCES}
    while len(in_corpus) < n_docs:
        province = PROVINCES[
            min(int(rng.paretovariate(1.2)) - 1, len(PROVINCES) - 1)
            if rng.random() < 0.5
            else rng.randrange(len(PROVINCES))
        ]
        local = by_province[province[0]]
        level = rng.choices((1, 2, 3, 4), weights=(3, 3, 2, 4))[0] if local else 1
        doc = _local_document(rng, numbers, province, level, central, local)
        local.append(doc)
        in_corpus.append(doc)
    for i, doc in enumerate(in_corpus):
        doc.index = i
    return in_corpus


def _central_documents(rng: random.Random, numbers: Numbering, count: int) -> list[Doc]:
    docs = []
    for _ in range(count):
        loai = rng.choice(list(CENTRAL_ISSUERS))
        issuer = {"ten": rng.choice(CENTRAL_ISSUERS[loai]), "dia_ban": CENTRAL}
        day = date(2016, 3, 1) + timedelta(days=rng.randrange(9 * 365))
        khoa = term_of(CENTRAL, day).label
        number = numbers.next("TW", loai, khoa)
        docs.append(
            Doc(
                loai,
                f"{number:02d}-{TYPE_NAMES[loai][1]}/TW",
                day,
                issuer,
                _topic(rng),
                "Hà Nội",
                ("", "BAN CHẤP HÀNH TRUNG ƯƠNG"),
                _signer(rng, "T/M " + issuer["ten"]),
                in_corpus=rng.random() < 0.3,
            )
        )
    return docs


def _local_document(rng, numbers, province, level, central, local) -> Doc:
    dia_ban, committee, place, districts = province
    province_name = dia_ban.split(" ", 1)[1] if dia_ban.startswith("Tỉnh") else dia_ban
    top = f"ĐẢNG BỘ {dia_ban.upper()}"
    if level == 1:  # the provincial committee's standing board implements a central document
        parent = rng.choice(central)
        loai = rng.choice(("KeHoach", "ChuongTrinh", "NghiQuyet"))
        issuer, symbol, header = (
            f"Ban Thường vụ {committee}",
            "TU",
            ("", f"{committee.upper()} {province_name.upper()}"),
        )
    elif level == 2:  # an advisory ban of the committee implements a provincial document
        parent = rng.choice(local)
        ban, short = rng.choice(PARTY_BANS)
        loai = rng.choice(("KeHoach", "HuongDan"))
        issuer, symbol, header = (
            f"{ban} {committee}",
            f"{short}{'TU'}",
            (top, f"{ban.upper()} {committee.upper()}"),
        )
    elif level == 3:  # the People's Committee (state numbering)
        parent = rng.choice(local)
        loai, issuer, symbol, header = (
            "KeHoach",
            "Ủy ban nhân dân",
            "UBND",
            ("", f"ỦY BAN NHÂN DÂN {province_name.upper()}"),
        )
    else:  # a district committee implements a provincial document
        parent = rng.choice(local)
        district = rng.choice(districts)
        loai = "KeHoach"
        issuer, symbol, header = (
            f"Ban Thường vụ Huyện ủy {district}",
            "HU",
            (top, f"HUYỆN ỦY {district.upper()}"),
        )
    day = parent.day + timedelta(days=rng.randrange(10, 200))
    body = {"ten": issuer, "dia_ban": dia_ban}
    short = TYPE_NAMES[loai][1]
    if symbol == "UBND":
        so_hieu = f"{numbers.next(dia_ban, symbol, day.year)}/{short}-UBND"
    else:
        term = term_of(dia_ban, day).label
        so_hieu = f"{numbers.next(dia_ban, symbol, short, term):02d}-{short}/{symbol}"
    doc = Doc(
        loai,
        so_hieu,
        day,
        body,
        parent.trich_yeu,
        place,
        header,
        _signer(rng, _authority(issuer)),
        parent=parent,
        cites=rng.sample(central, k=min(len(central), rng.randrange(3))),
    )
    doc.tasks = _tasks(rng, doc, committee, dia_ban, districts, level)
    return doc


def _tasks(
    rng, doc: Doc, committee: str, dia_ban: str, districts: list[str], level: int
) -> list[dict]:
    reports_to = {"ten": f"Ban Thường vụ {committee}", "dia_ban": dia_ban}
    candidates = [f"{ban} {committee}" for ban, _ in PARTY_BANS] + STATE_BODIES
    tasks = []
    for i, name in enumerate(rng.sample(candidates, k=rng.randrange(2, 6)), start=1):
        partner = rng.choice([c for c in candidates if c != name])
        period = rng.choice(PERIODS)
        due = doc.day + timedelta(days=rng.randrange(60, 700)) if rng.random() < 0.4 else None
        tasks.append(
            {
                "section": f"IV.{i}",
                "chu_tri": [{"ten": name, "dia_ban": dia_ban}],
                "phoi_hop": [{"ten": partner, "dia_ban": dia_ban}] if rng.random() < 0.6 else [],
                "bao_cao_cho": [reports_to] if period or due else [],
                "dinh_ky": period,
                "han": due.isoformat() if due else None,
                "noi_dung": rng.choice(ACTIONS),
            }
        )
    if level in (1, 2):  # districts must issue their own plans: the gaps to find
        named = rng.sample(districts, k=rng.randrange(1, len(districts) + 1))
        due = doc.day + timedelta(days=rng.randrange(20, 90))
        tasks.append(
            {
                "section": f"IV.{len(tasks) + 1}",
                "chu_tri": [
                    {"ten": f"Ban Thường vụ Huyện ủy {d}", "dia_ban": dia_ban} for d in named
                ],
                "phoi_hop": [],
                "bao_cao_cho": [reports_to],
                "dinh_ky": None,
                "han": due.isoformat(),
                "noi_dung": "xây dựng kế hoạch cụ thể để triển khai thực hiện {self}",
                "van_ban_phai_ban_hanh": {"loai": "KeHoach", "thuc_hien": _ref_fields(doc)},
            }
        )
    return tasks


def _topic(rng: random.Random) -> str:
    return "Về " + rng.choice(TOPICS)


def _authority(issuer: str) -> str:
    if "Thường vụ" in issuer:
        return "T/M Ban Thường vụ"
    return "KT. Chủ tịch" if issuer == "Ủy ban nhân dân" else "K/T Trưởng ban"


def _signer(rng: random.Random, authority: str) -> dict:
    rank = {"T/M": "Phó Bí thư", "KT.": "Phó Chủ tịch"}.get(authority[:3], "Phó Trưởng ban")
    return {"ho_ten": rng.choice(SIGNERS), "chuc_vu": rank, "tham_quyen": authority}


def _name(doc: Doc) -> str:
    return f"{TYPE_NAMES[doc.loai][0]} số {doc.so_hieu}"


def _vn_date(day: date) -> str:
    return f"ngày {day.day:02d} tháng {day.month} năm {day.year}"


def _ref_fields(doc: Doc) -> dict:
    return {
        "loai": doc.loai,
        "so_hieu": doc.so_hieu,
        "so": None,
        "ten_goi": None,
        "ngay_ban_hanh": doc.day.isoformat(),
        "co_quan_ban_hanh": dict(doc.issuer),
        "trich_yeu": doc.trich_yeu,
    }


class _Text:
    """Text with a running length, so each fact records the span of its sentence."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def line(self, text: str = "") -> dict:
        start = self.length
        self.parts.append(text + "\n")
        self.length += len(text) + 1
        return {"start": start, "end": start + len(text), "quote": text}

    def value(self) -> str:
        return "".join(self.parts)


def render(doc: Doc) -> tuple[str, dict]:
    """The document as text in the Party layout, and its record (contract 1) for that text."""
    out = _Text()
    superior, issuer_line = doc.header
    if superior:
        out.line(superior)
    out.line(issuer_line)
    out.line("*")
    out.line(
        "ĐẢNG CỘNG SẢN VIỆT NAM"
        if doc.issuer["ten"] != "Ủy ban nhân dân"
        else "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    )
    out.line(f"Số {doc.so_hieu}")
    out.line(f"{doc.place}, {_vn_date(doc.day)}")
    out.line("")
    out.line(TYPE_NAMES[doc.loai][0].upper())
    out.line(doc.trich_yeu)
    out.line("")
    references = []
    if doc.parent is not None:
        p = doc.parent
        sentence = (
            f"Thực hiện {_name(p)}, {_vn_date(p.day)} của {p.issuer['ten']} "
            f"{doc.trich_yeu[0].lower()}{doc.trich_yeu[1:]}, {doc.issuer['ten']} "
            f"ban hành {TYPE_NAMES[doc.loai][0]} thực hiện như sau:"
        )
        references.append(
            {"relation": "thuc_hien", **_ref_fields(p), "evidence": out.line(sentence)}
        )
    out.line("I. MỤC ĐÍCH, YÊU CẦU")
    out.line(
        "1. Quán triệt sâu sắc quan điểm, mục tiêu, nhiệm vụ, giải pháp đã đề ra; "
        "nâng cao nhận thức và trách nhiệm của cấp ủy, tổ chức đảng."
    )
    for cited in doc.cites:
        sentence = (
            f"2. Gắn việc thực hiện với {_name(cited)}, {_vn_date(cited.day)} "
            f"của {cited.issuer['ten']}."
        )
        references.append(
            {"relation": "trich_dan", **_ref_fields(cited), "evidence": out.line(sentence)}
        )
    out.line("II. NHIỆM VỤ, GIẢI PHÁP")
    out.line("- Tăng cường sự lãnh đạo, chỉ đạo của cấp ủy, tổ chức đảng các cấp.")
    out.line("IV. TỔ CHỨC THỰC HIỆN")
    tasks = []
    for task in doc.tasks:
        task = dict(task)
        self_name = f"{TYPE_NAMES[doc.loai][0]} này"
        ref_name = _name(doc.parent) if doc.parent else self_name
        task["noi_dung"] = task["noi_dung"].format(self=self_name, ref=ref_name)
        who = ", ".join(b["ten"] for b in task["chu_tri"])
        sentence = f"{task['section'].split('.')[-1]}. {who} chủ trì"
        if task["phoi_hop"]:
            sentence += ", phối hợp với " + ", ".join(b["ten"] for b in task["phoi_hop"])
        sentence += f" {task['noi_dung']}"
        if task["han"]:
            sentence += f", hoàn thành trước {_vn_date(date.fromisoformat(task['han']))}"
        if task["bao_cao_cho"]:
            period = f"{task['dinh_ky']} " if task["dinh_ky"] else ""
            sentence += f"; {period}báo cáo {task['bao_cao_cho'][0]['ten']}"
        task["evidence"] = out.line(sentence + ".")
        tasks.append(task)
    out.line("./.")
    out.line("Nơi nhận:")
    out.line(f"- {doc.parent.issuer['ten'] if doc.parent else 'Các tỉnh ủy, thành ủy'},")
    out.line("- Lưu Văn phòng.")
    out.line(doc.signer["tham_quyen"].upper())
    out.line(doc.signer["chuc_vu"].upper())
    out.line(doc.signer["ho_ten"])
    text = out.value()
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    record = {
        "source": file_name(doc),
        "same_as": [],
        "document": {
            "loai": doc.loai,
            "so_hieu": doc.so_hieu,
            "ngay_ban_hanh": doc.day.isoformat(),
            "co_quan_ban_hanh": dict(doc.issuer),
            "trich_yeu": doc.trich_yeu,
            "nguoi_ky": dict(doc.signer),
        },
        "references": references,
        "tasks": tasks,
        "text": text,
        "meta": {
            "encoding": "utf-8",
            "sha256": digest,
            "publisher": None,
            "format": "text",
            "warnings": [],
        },
    }
    return text, record


def file_name(doc: Doc) -> str:
    return f"gen_{doc.index:07d}.txt"


def records(n_docs: int, seed: int = 0, with_text: bool = True):
    """The records of a generated corpus (contract 1), for loading without extraction."""
    for doc in generate(n_docs, seed):
        _, record = render(doc)
        if not with_text:
            record.pop("text")
        yield record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--format", choices=("text", "records"), default="text")
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        help="a folder for text, a .jsonl file (or - for stdout) for records",
    )
    args = parser.parse_args(argv)
    docs = generate(args.docs, args.seed)
    if args.format == "text":
        args.out.mkdir(parents=True, exist_ok=True)
        for doc in docs:
            text, _ = render(doc)
            (args.out / file_name(doc)).write_text(text, encoding="utf-8")
    else:
        sink = sys.stdout if str(args.out) == "-" else args.out.open("w", encoding="utf-8")
        for doc in docs:
            sink.write(json.dumps(render(doc)[1], ensure_ascii=False) + "\n")
        if sink is not sys.stdout:
            sink.close()
    print(f"{len(docs)} documents", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
