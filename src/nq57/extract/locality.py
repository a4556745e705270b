"""Province and commune names from the `vietnam-provinces` package (units since 1/7/2025).

Names are matched on folded words. OCR often reads the capital "Đ" as "P" or "B" ("Pong Hai"
for "Đông Hải"), so a second, looser key maps a word-initial p/b/d to one letter.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
from vietnam_provinces import Province, Ward

from nq57.extract.textutil import words


def loose(text: str) -> str:
    return " ".join(("d" + w[1:]) if w[:1] in "pbd" else w for w in words(text).split())


@dataclass(frozen=True)
class Place:
    name: str
    level: str
    province: str


# Provinces merged on 1/7/2025 (Nghị quyết 202/2025/QH15): documents of the months around the
# merger still write the old name ("UBND tỉnh Phú Yên"), which means the province it joined.
MERGED_INTO = {
    "Hà Giang": "Tuyên Quang", "Yên Bái": "Lào Cai", "Bắc Kạn": "Thái Nguyên", "Vĩnh Phúc": "Phú Thọ",
    "Hòa Bình": "Phú Thọ", "Bắc Giang": "Bắc Ninh", "Thái Bình": "Hưng Yên", "Hải Dương": "Hải Phòng",
    "Hà Nam": "Ninh Bình", "Nam Định": "Ninh Bình", "Quảng Bình": "Quảng Trị", "Quảng Nam": "Đà Nẵng",
    "Kon Tum": "Quảng Ngãi", "Bình Định": "Gia Lai", "Ninh Thuận": "Khánh Hòa", "Đắk Nông": "Lâm Đồng",
    "Bình Thuận": "Lâm Đồng", "Phú Yên": "Đắk Lắk", "Bình Dương": "Hồ Chí Minh",
    "Bà Rịa - Vũng Tàu": "Hồ Chí Minh", "Bình Phước": "Đồng Nai", "Long An": "Tây Ninh",
    "Sóc Trăng": "Cần Thơ", "Hậu Giang": "Cần Thơ", "Bến Tre": "Vĩnh Long", "Trà Vinh": "Vĩnh Long",
    "Tiền Giang": "Đồng Tháp", "Bạc Liêu": "Cà Mau", "Kiên Giang": "An Giang",
}


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, list[Place]], dict[str, str]]:
    provinces = {}
    for p in Province.iter_all():
        short = re.sub(r"^(Tỉnh|Thành phố)\s+", "", p.name)
        provinces[p.code] = short
    wards: dict[str, list[Place]] = {}
    for w in Ward.iter_all():
        level = w.division_type.value
        name = re.sub(r"^(Phường|Xã|Đặc khu|Thị trấn)\s+", "", w.name)
        place = Place(name, level, provinces[w.province_code])
        key = words(level) + " " + loose(name)
        wards.setdefault(key, []).append(place)
    province_keys = {loose(v): v for v in provinces.values()}
    province_keys.update({loose(old): new for old, new in MERGED_INTO.items()})
    return wards, province_keys


def province_mentions(text: str) -> Counter:
    """How often each province is named ("tỉnh Đồng Nai", "thành phố Hải Phòng")."""
    _, provinces = _tables()
    folded = loose(text)
    counts: Counter = Counter()
    keys = list(provinces)
    for m in re.finditer(r"\b(?:tinh|thanh dho)\s+(\w+(?:\s+\w+){0,2})", folded):
        tail = m.group(1).split()
        for n in (3, 2):
            hit = process.extractOne(" ".join(tail[:n]), keys, scorer=fuzz.ratio, score_cutoff=80)
            if hit:
                counts[provinces[hit[0]]] += 1
                break
        else:
            if tail[0] in provinces:  # a one-word name ("thành phố Huế"), only as written
                counts[provinces[tail[0]]] += 1
    return counts


def _written_commune(header_text: str, provinces: Counter) -> Place | None:
    """The commune as the letterhead writes it ("UBND XÃ TÂN TRIỀU"), for a name the gazetteer
    does not hold (new or renamed units): a close gazetteer name would be another place."""
    m = None
    # (OCR may read the capital Ã small: "xA ĐÔNG THÀNH")
    for m in re.finditer(r"\b(XÃ|PHƯỜNG|ĐẶC KHU|Xã|Phường|Đặc khu|x[AÃã])\s+([^\W\d_]+(?:[ \t]+[^\W\d_]+){0,3})",
                         header_text):
        if m.group(1).startswith("x") and not m.group(2).split()[0].isupper():
            continue  # a small "xã" is the letterhead's only before a name in capitals
        if not re.match(r"h[ộo]i\b", m.group(2), re.I):  # "CỘNG HÒA XÃ HỘI CHỦ NGHĨA", not a commune
            break
    else:
        return None
    written = m.group(2).split()
    if written[0].isupper():
        # a name in capitals ends where the letterhead's other column begins ("… Độc lập")
        written = list(itertools.takewhile(str.isupper, written))
    name = " ".join(w[:1].upper() + w[1:].lower() for w in written)
    province = provinces.most_common(1)[0][0] if provinces else None
    level = "xã" if m.group(1).startswith("x") else m.group(1).lower()
    return Place(name, level, province) if province else None


# the letterhead's right column, which a scan sets on the same lines as the commune's name and
# may glue to it ("PHƯỜNG PHÚ LỢI DONGCONG HÒA XÃ HỘI …", "PHƯỜNG Độc lập - Tự do - Hạnh phúc")
_NATIONAL_TITLE = re.compile(r"C[ỘOÔÓ]NG\s*H[ÒOÓ]A\s+X[ÃA]\s+H[ỘOÔ]I\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆEÊ]T\s+NAM", re.IGNORECASE)
_MOTTO = re.compile(r"[ĐDP][ộoôóéồ]c\s*l[ậaâ]p\s*[-–—]?\s*T[ựuưy]\s*do\s*[-–—]?\s*H[ạa]nh\s*ph\w*", re.IGNORECASE)
# "Số: 203/KH-UBND Long Châu Tây, ngày 05 tháng 3 năm 2026": the place the document is issued at
_DATE_PLACE = re.compile(r"(?:^|/[A-ZĐ][\w-]*\s+|\n)([^\W\d_][^\n,\d]{1,40}?),?\s+ng[àa]y\s*\d", re.IGNORECASE)


def _without_right_column(header_text: str) -> str:
    return _MOTTO.sub("\n", _NATIONAL_TITLE.sub("\n", header_text))


def _named_at_date(header_text: str, level: str) -> str | None:
    """The commune's full name where the date line's place repeats the letterhead's name after its
    level word ("PHƯỜNG LONG CHÂU TÂY" … "Long Châu Tây, ngày …"), in the letterhead's letters:
    a unit the gazetteer does not hold, or holds only by a shorter name, is named as written."""
    m = _DATE_PLACE.search(header_text)
    if m is None:
        return None
    place = words(m.group(1))
    if len(place.split()) < 2:
        return None
    letterhead = _without_right_column(header_text[:m.start()])
    folded = " ".join(words(letterhead).split())
    level_words = {"xã": "xa", "phường": "phuong", "đặc khu": "dac khu"}.get(level, words(level))
    if f"{level_words} {place}" not in folded:
        return None
    # the same words as the letterhead writes them (across a line break where the name wrapped)
    tokens = re.findall(r"[^\W\d_]+", letterhead)
    folded_tokens = [words(t) for t in tokens]
    n = len(place.split())
    for i in range(len(tokens) - n + 1):
        if " ".join(folded_tokens[i:i + n]) == place and i and folded_tokens[i - 1] == level_words.split()[-1]:
            return " ".join(t[:1].upper() + t[1:].lower() for t in tokens[i:i + n])
    return None


def find_commune(header_text: str, body_text: str, trust_letters: bool = False) -> Place | None:
    """The commune/ward the document is issued by: named in the header, else most named.
    `trust_letters` (the header was typed, not OCR'd): no near-miss matching to another name."""
    place = _gazetteer_commune(header_text, body_text, trust_letters)
    if place is None:
        return None
    written = _named_at_date(header_text, place.level)
    if written is not None and len(written.split()) > len(place.name.split()):
        # "Long Châu Tây", not the gazetteer's "Long Châu" (a misread letter keeps the
        # gazetteer's name: "Pông Hải" is "Đông Hải")
        return Place(written, place.level, place.province)
    return place


def _gazetteer_commune(header_text: str, body_text: str, trust_letters: bool = False) -> Place | None:
    header_text = _without_right_column(header_text)
    wards, _ = _tables()
    provinces = province_mentions(body_text)
    ward_keys = [k for k, places in wards.items() if not provinces or any(p.province in provinces for p in places)]

    def candidates(text: str) -> Counter:
        found: Counter = Counter()
        folded = loose(text)
        for m in re.finditer(r"\b(dh\w{2,5}ng|xa|dac khu|thi tran)\s+((?:\w+\s+){0,3}\w+)", folded):
            level = "phuong" if m.group(1).startswith("dh") else m.group(1)
            tail = m.group(2).split()
            if tail[:2] == ["hoi", "chu"]:
                continue  # "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", no commune
            for n in range(min(4, len(tail)), 1, -1):
                key = f"{level} {' '.join(tail[:n])}"
                if key in wards and (not provinces or any(p.province in provinces for p in wards[key])):
                    # a same-named unit in a province the document never names is another place
                    found[key] += 2
                    break
            else:
                if trust_letters:
                    continue
                key = f"{level} {' '.join(tail[:2])}"
                hit = process.extractOne(key, ward_keys, scorer=fuzz.ratio, score_cutoff=80)
                # a misread letter or two, not another name ("Đông Thành" is no "Phương Thịnh")
                if hit and Levenshtein.distance(key, hit[0]) <= max(2, len(key) // 6):
                    found[hit[0]] += 1
        return found

    found = candidates(header_text)
    if not found and (trust_letters or provinces):
        written = _written_commune(header_text, provinces)
        if written is not None:
            return written
    found = found or candidates(body_text)
    if not found:
        return None
    body_counts = candidates(body_text)
    best_key = max(found, key=lambda k: (found[k] + body_counts.get(k, 0), len(k)))
    places = wards[best_key]
    return max(places, key=lambda p: provinces.get(p.province, 0))


def province_issuer(letterhead: str) -> str | None:
    """The province named as the issuer at the top of the letterhead: "UBND TỈNH QUẢNG NGÃI",
    "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG" (a commune's letterhead names the commune below)."""
    _, provinces = _tables()
    first = [ln for ln in letterhead.splitlines() if ln.strip()][:3]
    # the issuer's name may go on to the next line of its cell ("ỦY BAN NHÂN DÂN" / "TỈNH SƠN LA")
    left = [re.split(r"\s*\|\s*|\s{2,}|\s+(?=C[ỘO]NG H[ÒO]A)", ln.strip(" |"))[0] for ln in first]
    joined = [f"{a} {b}" for a, b in zip(left, left[1:], strict=False)
              if re.fullmatch(r"\W*(?:ubnd|uy dan nhan dan)\W*", loose(a))]
    for line in first[:2] + joined:
        folded = loose(line)
        m = re.match(r"^\W*(?:ubnd|uy dan nhan dan)\s+(?:tinh|thanh dho)\s+(\w+(?:\s+\w+){0,2})", folded)
        if not m:
            continue
        tail = m.group(1).split()
        for n in (3, 2, 1):
            hit = process.extractOne(" ".join(tail[:n]), list(provinces), scorer=fuzz.ratio, score_cutoff=85)
            if hit:
                return provinces[hit[0]]
    return None
