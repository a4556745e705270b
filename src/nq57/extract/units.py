"""The words a report counts things in ("hồ sơ", "camera", "lượt người") and the counted word
of a "Số …" name."""

from __future__ import annotations

import re

from nq57.extract.statements import folded_same_length

COUNT_UNITS = (
    "luot nguoi", "luot", "ho so", "nguoi", "bai viet", "bai", "to", "may vi tinh", "may tinh", "may",
    "diem", "buu cuc", "buu dien van hoa", "chung thu so", "chung thu", "doi tuong", "co quan", "don vi",
    "doanh nghiep", "ho", "tai khoan", "cccd", "van ban", "thu tuc", "lop", "hoc vien", "camera", "truong",
    "san pham", "mo hinh", "cuoc", "dot", "tin", "video", "thiet bi", "nhom", "hoi nghi",
    "tram", "sang kien", "de tai", "hop tac xa", "gian hang", "thon", "khu pho", "ap",
    "hop dong", "phan mem", "ung dung", "co so du lieu", "co so", "lop hoc", "buoi",
    "to roi", "an pham", "pano", "trang", "hoc sinh", "thanh vien", "hoi vien", "nha van hoa", "ban tin",
    "giao dich", "luot truy cap", "truong thong tin", "khu", "dai bieu", "can bo", "cong chuc", "xom", "ban",
    "to dan pho", "phan anh", "kien nghi", "su co", "vu viec", "chu ky so", "ma qr", "tai lieu",
    "cuoc goi", "tin nhan",
)


def counted_unit(name: str) -> str | None:
    """What an indicator named "Số …" counts, as the name writes it: "Số sản phẩm OCOP …" ->
    "sản phẩm", "Số thôn, bản có …" -> "thôn"; None for another name or an unknown word."""
    text, f = folded_same_length(name)
    m = re.match(r"^\s*so\s+", f)
    if not m:
        return None
    rest = f[m.end():]
    unit = next((u for u in sorted(COUNT_UNITS, key=len, reverse=True) if re.match(rf"{re.escape(u)}\b", rest)), None)
    return text[m.end():m.end() + len(unit)] if unit else None
