"""Names of the units that lead, support or evaluate work at commune/ward level.

The two-level local government (since 1/7/2025) gives every xã/phường the same offices, so
their names form a small vocabulary; OCR-damaged mentions are matched to it on folded words
and written out properly. A mention that fits no entry is kept as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from nq57.extract.textutil import clean, words

CANONICAL = (
    "Phòng Văn hóa - Xã hội", "Phòng VHXH", "Phòng Kinh tế", "Phòng Kinh tế, Hạ tầng và Đô thị",
    "Phòng KT,HT&ĐT", "Phòng KTHTĐT", "Văn phòng HĐND và UBND", "Văn phòng HĐND & UBND", "Văn phòng Đảng ủy",
    "Trung tâm Phục vụ hành chính công", "Trung tâm PVHCC", "Trung tâm Dịch vụ tổng hợp", "Trung tâm DVTH",
    "Trung tâm Sự nghiệp công", "Công an xã", "Công an phường", "Trạm Y tế", "Trạm Y tế xã", "Trạm Y tế phường",
    "Ban Chỉ huy quân sự", "Các cơ quan, đơn vị", "Các phòng, ban, đơn vị", "Các phòng chuyên môn",
    "Các cơ quan chuyên môn", "Các trường học trên địa bàn", "Các cơ quan giải quyết TTHC",
    "Công dân, doanh nghiệp", "Người dân, doanh nghiệp", "Đoàn Thanh niên", "Hội Liên hiệp Phụ nữ",
    "Hội Nông dân", "Hội Cựu chiến binh", "Ủy ban MTTQ Việt Nam", "Tổ Công nghệ số cộng đồng",
    "Chi nhánh ngân hàng", "Bưu điện",
    # other unit kinds of a commune, ward, special zone or province (the names a plan writes out)
    "Ban Chỉ huy quân sự xã", "Ban Chỉ huy quân sự phường", "Đảng ủy xã", "Đảng ủy phường",
    "Ủy ban Mặt trận Tổ quốc Việt Nam", "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Hội Chữ thập đỏ",
    "Trường Mầm non", "Trường Tiểu học", "Trường Trung học cơ sở", "Các thôn, xóm", "Các thôn",
    "Các thôn, bản", "Các thôn, tổ dân phố",
    "Các khu phố", "Các ấp", "Các tổ dân phố", "Hợp tác xã", "Bưu điện xã", "Bưu điện phường",
    "Viettel", "VNPT", "Trung tâm Văn hóa, Thông tin và Thể thao",
    "Sở Khoa học và Công nghệ", "Sở Nội vụ", "Sở Tài chính", "Sở Giáo dục và Đào tạo", "Sở Y tế",
    "Công an tỉnh", "Bộ Chỉ huy quân sự tỉnh", "Các sở, ban, ngành",
)
# Words that begin a unit's name in a table cell (folded); matched only where the source word
# starts with a capital letter, so running text ("phong trào", "các cơ quan nhà nước") is left alone.
HEADS = (
    r"c\w{0,2}c\s?co\s?quan", r"c\w{0,2}c\s?co\b", r"c\w{0,2}c\s?phong", r"c\w{0,2}c\s?truong", r"c\w{0,2}c\s?don\s?vi",
    r"c\w{0,2}c\s?to\s?chuc", r"cong\s?dan", r"nguoi dan", r"trung\s?t\w{1,2}m", r"v\w{1,2}n\s?phong", r"phong",
    r"cong\s?an", r"tram\s?y", r"tram", r"[dp]o\w?n thanh", r"hoi", r"ban chi", r"to cong", r"chi nhanh",
    r"ubmttq", r"ca (?:phuong|xa)", r"tthcc", r"ttdvth", r"vp",
    r"bo chi huy", r"dang uy", r"mat tran", r"truong (?:mam|tieu|trung|thcs|th)",
    r"hop tac xa", r"buu dien", r"viettel", r"vnpt", r"khu pho", r"bchqs", r"mttq", r"c\w{0,2}c\s?thon",
    r"c\w{0,2}c\s?to\s?dan",
)
_HEAD_RE = re.compile(r"\b(" + "|".join(HEADS) + r")")


_LEVELS = ("xa", "phuong", "tinh")  # a name ending in one of these belongs to that level only


@lru_cache(maxsize=1)
def _folded() -> list[tuple[str, str]]:
    return [(words(c), c) for c in CANONICAL]


@lru_cache(maxsize=1)
def unit_words() -> frozenset[str]:
    """Every folded word of the vocabulary's names, with the words that join them."""
    return frozenset(w for fw, _ in _folded() for w in fw.split()) | {"va", "cac", "lien", "quan", "ban", "nganh"}


def folded_vocabulary(level: str | None = None) -> list[tuple[str, str]]:
    """(folded name, name) of every vocabulary unit, without those of another level."""
    lvl = words(level) if level else None
    return [(fw, name) for fw, name in _folded()
            if not (lvl and fw.split()[-1] in _LEVELS and fw.split()[-1] != lvl)]


def _score(w: str, fw: str, unique_prefix: bool = False, unique_suffix: bool = False) -> float:
    s = fuzz.ratio(w, fw)
    tokens = [t for t in w.split() if len(t) >= 2]
    if len(tokens) >= 3 and set(tokens) <= set(fw.split()):
        s = max(s, 84.0)  # every readable word of the mention is in the name ("Các cơ (…) đơn")
    if unique_prefix and fw.startswith(w + " "):
        s = max(s, 88.0)  # the first words of one name only: the rest of the cell is on other lines
    if unique_suffix and fw.endswith(" " + w):
        s = max(s, 85.0)  # the last words of one name: its first words are on the line above
    if " " not in w and len(w) >= 8:
        # OCR lost the spaces ("CActruonghoc")
        squeezed = fw.replace(" ", "")
        s = max(s, fuzz.ratio(w, squeezed), fuzz.ratio(w, squeezed[:len(w) + 2]) - 5)
    if len(w) >= 8 and len(w) >= 0.4 * len(fw):
        # a cell cut by the line end: compare with the start of the name
        s = max(s, fuzz.ratio(w, fw[:len(w) + 2]) - 5)
    return s


def best_match(mention: str, level: str | None = None) -> tuple[str | None, float]:
    """(vocabulary name, score 0..100) closest to the mention or to its first words."""
    # words only: OCR noise ("(‘l;ilan’", ".,A") between them is dropped
    tokens = [t for t in re.findall(r"[^\W\d_]+|&", clean(mention)) if len(t) >= 2 or t == "&"]
    if tokens[:1] == ["CA"]:
        tokens = ["Công", "an"] + tokens[1:]  # "CA phường" is the ward's police
    best, score = None, 0.0
    lvl = words(level) if level else None

    def wrong_level(fw: str) -> bool:
        last = fw.split()[-1]
        return bool(lvl) and last in _LEVELS and last != lvl

    for n in range(min(len(tokens), 8), 0, -1):
        w = words(" ".join(tokens[:n]))
        starts = [fw for fw, _ in _folded() if fw.startswith(w + " ") and not wrong_level(fw)]
        ends = {name for fw, name in _folded() if fw.endswith(" " + w) and not wrong_level(fw)}
        for fw, name in _folded():
            s = _score(w, fw, len(w) >= 5 and len(starts) == 1 and n == len(tokens),
                       len(w) >= 8 and len(ends) == 1 and n == len(tokens)) - (len(tokens) - n) * 0.5
            last = fw.split()[-1]
            if level and last in _LEVELS and last not in w.split():
                # "Công an" in a ward's plan is "Công an phường", never "Công an xã"
                s += 1 if last == words(level) else -20
            if s > score:
                best, score = name, s
        if score >= 95:
            break
    return best, score


def canonical(mention: str, floor: int = 78, strict: bool = False, level: str | None = None) -> str | None:
    """The vocabulary name closest to an OCR mention (or to its first few words, when the cell
    ran into the next one), else the mention's first words (None instead when `strict`).
    `level` ("xã", "phường") picks between "Công an xã" and "Công an phường"."""
    text = clean(mention).strip(" ,.;:-–=~|")
    tokens = text.split()
    if len(words(text)) < 2:
        return None
    best, score = best_match(text, level)
    if best is not None and score >= floor:
        return best
    if strict:
        return None
    head = tokens[:4]
    if any(re.search(r"[^\w,&.\-–]", t) for t in head) or sum(len(t) >= 3 for t in head) < 2:
        return None  # OCR noise ("Phong don (\\]/i ,"), not a unit's name
    return " ".join(head)


def head_positions(raw: str, folded: str, after: int = 0) -> list[int]:
    """Start positions of unit names in a raw line (capitalised heads only)."""
    out = []
    for m in _HEAD_RE.finditer(folded, after):
        ch = raw[m.start()] if m.start() < len(raw) else ""
        if ch.isupper():
            out.append(m.start())
    return out
