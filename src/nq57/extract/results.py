"""Report figures -> `results`.

A figure is read from one clause of running text:
- "X đạt 99,18% (KH có từ 70%)": name X, actual 99.18, plan target from the "(KH ...)" part;
- "X 33.099/33.174 CCCD, đạt 99,77%": numerator and denominator too;
- "X: 1.866 hồ sơ": a count, named "Số hồ sơ X" when X does not say what it counts;
- "100% các cơ quan ... được trang bị ...": named "Tỷ lệ cơ quan ...";
- "X 2,61%": a percentage after its name.
Approximate quantities keep their number ("gần 9.000" -> 9000, "hơn 100.000" -> 100000) and
multipliers apply ("1,2 triệu" -> 1200000, "29k" -> 29000).
The status comes from the list a figure sits in: a line such as "Có 10/13 chỉ tiêu đạt và vượt"
opens an `achieved` list, "chưa đạt" `not_achieved`, "chưa đánh giá" `not_evaluated`; the list
ends at the next such line or section heading. Its count (10) is checked against the items
listed under it and a disagreement becomes a warning.
"""

from __future__ import annotations

import re
from datetime import date

from nq57.extract.items import Context, Found
from nq57.extract.lines import Line
from nq57.extract.model import Result, ResultTarget
from nq57.extract.numbers import NUMBER, apply_multiplier, parse_number, tidy
from nq57.extract.statements import (
    Statement,
    clauses,
    folded_same_length,
    is_heading,
    is_outlook_heading,
    statements,
)
from nq57.extract.targets import parse_target
from nq57.extract.textutil import clean, fold, sentence_case, words
from nq57.extract.units import COUNT_UNITS
from nq57.text.vietnamese import CAPITAL

_UNIT_RE = "|".join(sorted((re.escape(u) for u in COUNT_UNITS), key=len, reverse=True))
_STATUS = re.compile(r"chi ti[e]u")
_KH = re.compile(r"\(\s*(?:KH|K\.H|kế hoạch|ke hoach|chỉ tiêu)[^)]*\)|\bKH\s+[^,;)]*?\d[\d.,]*\s*%?(?:\s*tr[oởơ]\s*l[eêé€]n)?",
                 re.I)
# "…: kế hoạch 12 điểm, thực hiện 14 điểm" (folded): the plan's phrase, then the result after
_PLAN_THEN_DONE = re.compile(r"\s*:\s*(?:ke hoach|chi tieu|kh)\s*:?\s+(?P<plan>[^,;:]*?\d[^,;:]*?)\s*[,;]\s*"
                             r"(?:th(?:\w{0,2}c hien)?|ket qua|dat)\s*:?\s+")
# "2.968 hồ sơ nộp trực tuyến, chiếm 86,99%" or "… (chiếm 86,99%)" (folded): a count, what it
# counts, its share
_SHARE_OF_PART = re.compile(rf"(?<![/\d.,])(?P<count>{NUMBER})\s+(?P<unit>{_UNIT_RE})\s+(?P<what>[^,;:%\d()/\s]+(?:\s[^,;:%\d()/\s]+){{1,8}})\s*[,(]\s*"
                            rf"(?:chiem|dat)\s+(?:ty le\s+)?(?P<pct>{NUMBER})\s*%")
# "… xếp thứ 3/65", "… đứng thứ 12 trong tỉnh", "… xếp hạng 5/34" (folded)
_RANK = re.compile(r"\s(?:xep|dung|dat)\s+(?:thu|hang|thu hang)\s+(?P<place>\d{1,3})(?:\s*/\s*\d{1,3})?(?![\d.,%])")
_NUMBERED = re.compile(r"^\s*\d{1,2}\.\s+[" + CAPITAL + r"]")
_DONE = re.compile(r":\s*(đã|chưa|không)\s+(thực hiện|triển khai|hoàn thành|có|ban hành|đạt)\b", re.I)
# what a report says was done, before the count of it ("đã ban hành 27 văn bản", "tiếp nhận
# 4.118 hồ sơ", "lắp đặt mới 04 trạm", "nâng tổng số trạm … lên 29 trạm")
_DONE_VERBS = (r"ban hanh|tiep nhan|giai quyet|lap dat(?: moi)?|lap moi|thuc hien|to chuc|ho tro|huong dan|cap(?: moi)?"
               r"|mo(?: moi)?|xay dung|trien khai|dao tao|boi duong|tap huan|thu hut|phat hanh|ket noi|kich hoat(?: moi)?"
               r"|thanh lap|ra mat|len|them|chu tri|phat hien(?: va xu ly)?|xu ly|ra soat|dua(?: them)?|cai dat|nang cap"
               r"|chi tra|thu nhan|xac minh(?:, lam sach)?|lam sach|so hoa|ban|cong nhan|phat")
# a deed that opens a sentence, with no one named before it ("Đã triển khai cài đặt …", folded):
# the count after it is of what the deed was done for
# (its first word may be "đã" as OCR garbled it: "D3 triển khai …")
_DEED_OPENS = re.compile(rf"^(?:(?:da|[a-z]\d)\s+)?(?:trien khai\s+|thuc hien\s+)?(?={_DONE_VERBS}|trang bi|cap phat)")
_FIGURE = re.compile(r"(?<![^\W\d_])\d")  # a figure, not a digit OCR glued to a word ("D3")
# what a count of people can have taken part in (folded)
_EVENTS = ("lop", "lop hoc", "buoi", "hoi nghi", "dot", "cuoc", "hoi thi", "khoa")
# what people are shown or helped to do ("hướng dẫn 1.700 lượt người dân cài đặt VNeID", folded)
_TAUGHT_TO = (r"cai dat|su dung|tham gia|mo|tiep can|kich hoat|dang ky|thanh toan|nop|tra cuu|khai thac|ung dung"
              r"|ban hang|chuyen doi|tao lap")
# words after a number that count nothing done: time, money, shares
_NOT_COUNTED = r"nam|thang|ngay|quy|tuan|gio|phut|lan|ty|trieu|nghin|ngan|dong|phan|muc|cap|so|va|tren|den|tu"
# the most words after a count that name it (the rest of a long sentence says more than what was counted)
_NAME_WORDS = 20
_APPROX = re.compile(r"(gan|khoang|hon|tren|xap xi|uoc|it nhat)\s*$")


def status_of(line_text: str) -> tuple[str, int | None] | None:
    """('achieved', 10) for "Có 10/13 chỉ tiêu đạt và vượt kế hoạch"; None if not a status line."""
    f = fold(line_text)
    if not _STATUS.search(f) or len(f) > 160:
        return None
    count = re.search(r"(?<![\d/])(\d+)\s*/\s*\d+(?![\d/])", f) or re.search(r"\bco\s+(\d+)\b", f) \
        or re.search(r"\(\s*(\d+)\s+chi tieu\s*\)", f) \
        or re.search(r"(?<![\d.,])(\d{1,2})\s+chi tieu\b", f)  # "… (06 chỉ tiêu)", "03 chỉ tiêu chưa đạt"
    n = int(count.group(1)) if count else None
    after = f[_STATUS.search(f).end():]
    if re.search(r"chua (duoc )?danh gia|khong danh gia", after):
        return "not_evaluated", n
    if re.search(r"chua dat|khong dat", after):
        return "not_achieved", n
    # (a list's numbered heading says it with neither a count nor a colon: "1. Chỉ tiêu đạt và vượt")
    heading = re.match(r"^\W*(?:\d{1,2}|[a-d])[.)]\s", f) is not None and len(f.split()) <= 10
    if re.search(r"\bdat\b|vuot|hoan thanh", after) and (count or f.rstrip().endswith(":") or heading):
        return "achieved", n
    return None


def summary_counts(line_text: str) -> list[tuple[str, int]]:
    """Each count of a summary sentence that gives several ("10/14 chỉ tiêu đạt và vượt, 04/14
    chỉ tiêu chưa đạt"), with its status."""
    out = []
    for part in re.split(r"[,;]\s*|\s+v[aà]\s+(?=\d)", line_text):
        s = status_of(part)
        if s is not None and s[1] is not None and re.search(r"(?<![\d/])\d+\s*/\s*\d+(?![\d/])|(?<![\d.,])\d{1,2}\s+ch[iỉ] ti[eê]u", part):
            out.append((s[0], s[1]))
    return out


def _as_of(text: str, default: str | None) -> str | None:
    m = re.search(r"(?:tinh )?den (?:ngay )?(\d{1,2})/(\d{1,2})/(\d{4})", fold(text))
    if m:
        try:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
        except ValueError:
            return default
    return default


def _tidy_name(name: str) -> str:
    name = clean(name)
    # a list mark, and a lone OCR speck before it ("q - Tỷ lệ …")
    name = re.sub(r"^(?:[^\W\d_]\s+(?=[\-+*•~–—·]))?[\s\-+*•~–—·.,:]+", "", name)
    # a list letter before the sentence ("d) Kinh phí: …")
    name = re.sub(r"^[a-zđ0-9]\)\s+", "", name)
    _, f = folded_same_length(name)
    m = re.match(r"^(tinh den (ngay )?\d{1,2}/\d{1,2}/\d{4},?\s*|den nay,?\s*|hien nay,?\s*|trong do,?\s*"
                 r"|trong (?:quy|thang|nam|ky)\b[^,]{0,14},\s*|luy ke\b[^,]{0,20},\s*|(da|duoc)\s+)+", f)
    if m:
        name = name[m.end():]
    name = re.sub(r"[\s,:;(]+$", "", name)
    name = re.sub(r"\s*,?\s*(ước |uoc )?(dat|đạt|chiếm|chiem)( (tỷ|ty|tỉ|ti) (lệ|le|1e|18|1€|I¢))?\s*$", "", name, flags=re.I)
    name = re.sub(r"\s+(?:ước|uoc)$", "", name)  # "… ước đạt 4,2 tỷ đồng": an estimate, no word of the name
    return sentence_case(name.strip(" ,.;:"))


def _value_after(text: str, f: str, start: int) -> tuple[float | None, str | None, int]:
    """The first number at or after `start` with its unit ('%' or a count word) and its end."""
    for m in re.finditer(NUMBER, text[start:]):
        s, e = start + m.start(), start + m.end()
        if s > 0 and (text[s - 1].isalpha() or text[s - 1] in "/"):
            continue  # "s6", "1€" are OCR letters; "/1.772" is a denominator
        rest = text[e:e + 30]
        frac = re.match(rf"\s*/\s*{NUMBER}\s*({_UNIT_RE})\b", f[e:e + 40])
        if frac:
            # "đạt 2.150/2.600 hộ": the count reached is the numerator
            value = parse_number(m.group(0))
            if value is not None:
                return value, text[e + frac.start(1):e + frac.end(1)], e
        pct = rest.lstrip().startswith("%")
        value = parse_number(m.group(0), percent=pct)
        if value is None:
            continue
        money = _MONEY.match(f[e:e + 20])
        if money:
            # money is counted in triệu đồng, as budgets are ("4,2 tỷ đồng" is 4.200 triệu đồng)
            scale = {"ty": 1000, "trieu": 1, "nghin": 0.001, "ngan": 0.001}.get(money.group(1) or "", 0.000001)
            return round(value * scale, 6), "triệu đồng", e
        value, mult = apply_multiplier(value, rest)
        if pct:
            return value, "%", e
        um = re.match(rf"\s*(?:k\b|triệu|trieu|nghìn|ngàn)?\s*({_UNIT_RE})\b", f[e:e + 30])
        if um:
            return value, text[e:e + 30][um.start(1):um.end(1)].strip(), e
        if mult:
            return value, None, e
    return None, None, -1


_MONEY = re.compile(r"\s*(ty|trieu|nghin|ngan)?\s*dong\b")


_OUT_OF = re.compile(rf"(?<![\d.,/])(?P<a>{NUMBER})(?:\s+(?P<unit>[^\W\d_]+(?:\s[^\W\d_]+)?))?\s+trên\s+(?:tổng\s+số\s+)?"
                     rf"(?P<b>{NUMBER})(?![\d/])", re.I)


def _as_fraction(text: str) -> str:
    """"3.371 hồ sơ trên tổng số 3.380 hồ sơ", "1.240 trên 1.300 hộ" written "3.371/3.380 hồ sơ"."""
    def joined(m: re.Match) -> str:
        unit = m.group("unit")
        after = text[m.end():]
        if unit and not re.match(rf"\s+{re.escape(unit)}\b", after, re.I):
            return m.group(0)  # "12 lớp trên 300 học viên": two counts, no fraction
        return f"{m.group('a')}/{m.group('b')}"
    return _OUT_OF.sub(joined, text)


def _fraction(text: str) -> tuple[float | None, float | None]:
    m = re.search(rf"(?<![\w/])({NUMBER})\s*/\s*({NUMBER})(?![\w/])", text)
    if not m:
        return None, None
    a, b = parse_number(m.group(1)), parse_number(m.group(2))
    # "5/8 ấp": a small fraction of counted things; not a date ("ngày 7/12") nor "10/13 chỉ tiêu"
    if re.match(r"\s*(?:chỉ tiêu|chi tieu|nhiệm vụ|nhiem vu)", text[m.end():]):
        return None, None  # "10/13 chỉ tiêu đạt": a summary count, checked against the list, no figure
    counted = re.match(r"\s*[^\W\d_]", text[m.end():]) and not re.search(r"(?:ngày|ngay)\s*$", text[:m.start()])
    if a is None or b is None or b == 0 or a > b or (b < 13 and a < 13 and not counted):
        return None, None  # "10/13" style counts of indicators are not figures; also dates like 7/2025
    if b >= 1900 and b <= 2100 and a <= 12:
        return None, None
    return a, b


def figure(clause: str, ctx: Context, status: str | None, as_of: str | None,
           in_list: bool, topic: str | None = None, period: str | None = None) -> Result | None:
    # OCR leaves a stray comma or dot before the per-cent sign ("98,17,%")
    text, f = folded_same_length(_as_fraction(re.sub(r"(\d)[,.]\s*%", r"\1%", clean(clause))))
    target = None
    plan_text = None
    km = _KH.search(text)
    pm = _PLAN_THEN_DONE.search(f)
    if pm:
        # "…: kế hoạch 90%, thực hiện 92,7%": the plan, then what was done
        plan_text = text[pm.start("plan"):pm.end("plan")].strip()
        t = parse_target(plan_text, ocr=ctx.ocr)
        if t is not None and t.value is not None:
            target = ResultTarget(op=t.op, value=t.value, text=t.text)
        text, f = folded_same_length(f"{text[:pm.start()]}: đạt {text[pm.end():]}")
        km = None
    if km:
        plan_text = km.group(0).strip("() ")
        t = parse_target(plan_text, ocr=ctx.ocr)
        if t is not None and t.value is None:
            # "(KH có)": the plan's word without its "KH" prefix is a yes/no target
            t = parse_target(re.sub(r"^(?:KH|K\.H|kế hoạch|ke hoach|chỉ tiêu)\s*:?\s*", "", plan_text, flags=re.I),
                             ocr=ctx.ocr)
        if t is not None and t.value is not None:
            target = ResultTarget(op=t.op, value=t.value, text=t.text)
        text = (text[:km.start()] + " " + text[km.end():]).strip()
        # a second plan part ("… liên thông với tỉnh (KH 50%) và … cấp tỉnh (KH 60%)") is no name either
        text = re.sub(r"\(\s*(?:KH|K\.H|kế hoạch|ke hoach)\b[^)]*\)", " ", text, flags=re.I)
        text, f = folded_same_length(re.sub(r"\s+", " ", text))
    rank = _RANK.search(f)
    reached = re.search(rf"\bdat\s+({NUMBER})(?![\d/])\s*,", f[:rank.start()]) if rank else None
    if rank and not in_list and reached is None:
        # "Chỉ số chuyển đổi số … xếp thứ 3/65 xã, phường của tỉnh": a place in a ranking, no share
        name = _tidy_name(clean(text[:rank.start()]).strip(" ,;:"))
        if len(name.split()) >= 3:
            return Result(name=name, unit="thứ bậc", actual=tidy(parse_number(rank.group("place"))), target=target,
                          status=status, as_of=as_of)
    share = _SHARE_OF_PART.search(f)
    if share:
        # "… tiếp nhận 3.412 hồ sơ, trong đó 2.968 hồ sơ nộp trực tuyến, chiếm 86,99%": the share
        # of the part just named, out of the total of the same unit before it
        unit_word = text[share.start("unit"):share.end("unit")]
        what = clean(text[share.start("what"):share.end("what")])
        total = re.search(rf"({NUMBER})\s+{re.escape(fold(unit_word))}\b", f[:share.start("count")])
        # "…, chiếm 81,3% tổng số vé tham quan": what the share is of
        of = re.match(r"\s*(?:so voi\s+|tren\s+)?(tong(?:\s+so)?\s+[^,;.()\d]{2,40})", f[share.end():])
        whole = f" trên {text[share.end() + of.start(1):share.end() + of.end(1)].strip()}" if of else ""
        return Result(name=_tidy_name(f"Tỷ lệ {unit_word} {what}{whole}"), unit="%",
                      actual=tidy(parse_number(share.group("pct"), percent=True)),
                      numerator=tidy(parse_number(share.group("count"))),
                      denominator=tidy(parse_number(total.group(1))) if total else None,
                      target=target, status=status, as_of=as_of)
    name, value, unit = None, None, None
    # "đạt" (reached), not "cài đặt"/"lắp đặt" (installed), which fold to the same letters
    dm = next((m for m in re.finditer(r"\bdat\b", f) if text[m.start():m.end()].lower() != "đặt"
               and not re.search(r"\b(?:cai|lap)\s+$", f[:m.start()])), None)
    if dm is None:
        # "… doanh thu bán hàng trực tuyến trong quý khoảng 850 triệu đồng": an amount of money
        # given about, with no "đạt", after what it is
        # ("… chuyển đổi số khoảng 420 triệu đồng", "… trong quý III là 186,5 triệu đồng")
        dm = re.search(rf"(?<=[^\W\d_]{{2}})\s(?:khoang|gan|hon|xap xi|uoc tinh|uoc|la)(?=\s+{NUMBER}\s*(?:ty|trieu|nghin|ngan)\s*dong\b)", f)
        if dm and re.search(rf"(?<![\d.,]){NUMBER}\s*(?:{_UNIT_RE})\b|{NUMBER}\s*%", f[:dm.start()]):
            dm = None  # "… 4.126 giao dịch … với số tiền khoảng 612 triệu đồng": the count's part (extra_figures)
    colon = re.search(r":\s*(?=\D{0,12}\d)", text)
    # ("khoảng 62% dân số …", "hơn 90% hộ …": an approximate share opens the clause too)
    lead_pct = re.match(rf"^[\s\-+*•]*(?:(?:khoang|gan|hon|tren|xap xi|uoc)\s+)?({NUMBER})\s*%\s*(c[a-z]{{1,3}}c\s+)?", f)
    if dm and re.search(rf"(?<![\d/.,]){NUMBER}\s*(?:{_UNIT_RE})\s*[,(]?\s*$", f[:dm.start()]) \
            and not re.search(rf"{NUMBER}\s*/\s*{NUMBER}", f[:dm.start()]) and not in_list:
        dm = None  # "…: 2.380 hồ sơ, đạt tỷ lệ 98,76%" ("… 1.240 hồ sơ (đạt 99,36%)"): the rate of that count (see extra_figures)
        rate_of_count = True
    else:
        rate_of_count = False
    spent = re.search(rf"(?<![\d.,/])({NUMBER})\s*(?:ty|trieu|nghin|ngan)?\s*dong\b\s*,?\s*$", f[:dm.start()]) if dm else None
    if spent and re.match(rf"\s*(?:ty le\s+)?{NUMBER}\s*%", f[dm.end():]) and not in_list:
        # "… đã giải ngân 1,35 tỷ đồng, đạt 62% dự toán": what is reported is the money; the
        # share says how far it got against the estimate
        value, unit, _ = _value_after(text, f, spent.start())
        name = clean(text[:spent.start()]).rstrip(" ,:")
        if not re.match(r"(?:kinh phi|von|tien|ngan sach|tong)\b", fold(name)):
            name = f"Kinh phí {name[:1].lower()}{name[1:]}" if name[1:2].islower() else f"Kinh phí {name}"
        name = _tidy_name(name)
        if value is not None and unit == "triệu đồng" and len(name.split()) >= 3:
            return Result(name=name, unit=unit, actual=tidy(value), target=target, status=status, as_of=as_of)
    if dm:
        name = text[:dm.start()]
        within = list(re.finditer(r",\s*trong do\s+", f[:dm.start()]))
        named = list(re.finditer(r",\s*(?=t[yi] le\s+\S+\s+\S+|(?:doanh thu|kinh phi|gia tri|tong so tien|so tien)\s)",
                                 f[:dm.start()]))
        if named:
            # "…, trong đó 431 hồ sơ nộp trực tuyến, tỷ lệ nộp trực tuyến đạt 88,68%": the rate named
            # ("…, doanh thu bán hàng trực tuyến … khoảng 850 triệu đồng": the money named)
            name = text[named[-1].end():dm.start()]
        elif within and len(f[within[-1].end():dm.start()].split()) >= 2:
            # "… tiếp nhận 3.916 hồ sơ, trong đó hồ sơ nộp trực tuyến đạt 90,4%": the rate is of the part
            name = text[within[-1].end():dm.start()]
        value, unit, _ = _value_after(text, f, dm.end())
        index = re.match(rf"\s*({NUMBER})(?![\d/%])", text[dm.end():]) if value is None or unit == "điểm" else None
        if index and re.match(r"\W*chi so\b", fold(name)):
            value, unit = parse_number(index.group(1)), "chỉ số"  # "Chỉ số … đạt 0,67": an index's value
            # (who published it is no part of its name: "… của phường được tỉnh công bố")
            name = re.sub(r"\s+(?:được|do)\s+(?:\S+\s+){1,3}?(?:công bố|đánh giá"
                          r"|thẩm định)(?:\s+(?:vào\s+)?(?:tháng|quý|năm|ngày)\s+[\w/]+)?\s*$", "", clean(name))
        share = re.search(rf",\s*(?:dat|chiem)\s+(?:ty le\s+)?({NUMBER})\s*%", f[dm.end():])
        if unit not in (None, "%") and share and re.match(rf"\s*{NUMBER}\s*/", f[dm.end():]):
            # "… đạt 1.188/1.215 hồ sơ đã giải quyết, đạt 97,78%": the share is the figure, the
            # fraction what it is made of
            value, unit = parse_number(share.group(1), percent=True), "%"
    if (value is None or not name) and colon and not lead_pct:
        name = text[:colon.start()] if not name or colon.start() < len(name) else name
        value, unit, vend = _value_after(text, f, colon.end())
        label = clean(text[:colon.start()]).lstrip("-+*• ")
        if value is not None and unit not in (None, "%") and fold(label).startswith(fold(unit) + " ") \
                and len(label.split()) >= 3:
            # "Camera giám sát an ninh … kết nối Trung tâm giám sát: đã lắp đặt 48 camera": the words
            # before the colon name what is counted
            name = f"Số {label[:1].lower()}{label[1:]}"
        elif value is not None and unit not in (None, "%") and len(text[colon.end():vend].split()) > 2:
            # "kết quả: từ 7/2025-11/2025 đăng tải 288 bài viết": a count inside running text, named
            # "Số bài viết đăng tải" (its unit and the words after it, then the verb before the number)
            um = re.match(rf"\s*(?:k\b|triệu|trieu|nghìn|ngàn)?\s*(?:{_UNIT_RE})\b", f[vend:])
            after = re.split(r"[,;:(]|\s(?:với|voi|và|va)\s", text[vend + (um.end() if um else 0):])[0].strip()
            num_start = re.search(rf"(?:{NUMBER})$", text[:vend])
            verb = text[colon.end():num_start.start() if num_start else vend]
            verb = re.sub(r"(?:từ|tu)\s*\d{1,2}/\d{4}\s*(?:-|–|đến|den)\s*\d{1,2}/\d{4}", " ", verb)
            verb = " ".join(verb.split()).strip(" ,")
            verb = verb if 1 <= len(verb.split()) <= 4 and not re.search(r"\d", verb) else ""
            name = _with_topic(" ".join(w for w in ("Số", unit, after, verb) if w), topic, period)
        if value is None:
            bare = re.match(rf"\s*({NUMBER})(?!\s*/)", text[colon.end():])
            if bare is None and re.match(r"\W*chi so\b", fold(name or "")):
                # "Chỉ số chuyển đổi số (DTI) cấp xã: tự đánh giá 0,58": an index's value after a few words
                bare = re.match(rf"\s*(?:[^\W\d]+\s+){{1,3}}({NUMBER})(?![\d/%])", text[colon.end():])
            value = parse_number(bare.group(1)) if bare else None
    if value is None and lead_pct:
        value = parse_number(lead_pct.group(1), percent=True)
        unit = "%"
        rest = text[lead_pct.end():]
        rest = re.split(r"[;:]", rest)[0]
        name = "Tỷ lệ " + rest
    if value is None and not in_list and not rate_of_count:
        for m in re.finditer(rf"({NUMBER})\s*%", text):
            if m.start() > 0 and text[m.start() - 1].isalpha():
                continue
            before = text[:m.start()]
            if len(before.split()) >= 3:
                name = _share_of_deed(before, text[m.end():]) or before
                value = parse_number(m.group(1), percent=True)
                unit = "%"
            break
    done = _DONE.search(text) if value is None and (target is None or target.op in ("bool", "text")) else None
    if done:
        # "X: đã thực hiện (KH có)": a yes/no result, 1 for done and 0 for not
        name, value = text[:done.start()], 1 if fold(done.group(1)) == "da" else 0
    owned = re.match(rf"^(?P<who>.*?\b)?(?:co|c6)\s+(?P<a>{NUMBER})\s*/\s*(?P<b>{NUMBER})\s+(?P<unit>{_UNIT_RE})\b\s*(?P<what>[^\d%]{{3,}})$",
                     f) if value is None and not in_list else None
    if owned:
        # "Có 6/12 camera AI được lắp đặt": how many of them, out of how many
        a, b = parse_number(owned.group("a")), parse_number(owned.group("b"))
        unit_word = text[owned.start("unit"):owned.end("unit")]
        what = clean(text[owned.start("what"):]).rstrip(" .;,")
        if a is not None and b and a <= b:
            return Result(name=_tidy_name(f"Số {unit_word} {what}"), unit=unit_word, actual=tidy(a), numerator=tidy(a),
                          denominator=tidy(b), target=target, status=status, as_of=as_of)
    if name is None and in_list:
        name = text
    if name is None:
        return None
    name = re.sub(rf"\s*{NUMBER}\s*/\s*{NUMBER}\s*\w*\s*$", "", clean(name).rstrip(" ,;:."))
    inside = re.search(rf"(?:^|\s)(?:co\s+)?{NUMBER}\s*/\s*{NUMBER}\s+(?P<unit>{_UNIT_RE})\b\s*", fold(name))
    if inside:
        # "giải quyết đúng hạn 3.371/3.380 hồ sơ đến hạn": the counted things, then what of them
        # was reached (the words before), else what the words after say of them
        counted, before, after = (name[inside.start("unit"):inside.end("unit")], name[:inside.start()].strip(" ,-+*•"),
                                  name[inside.end():].strip(" ,"))
        has = re.match(r"\s*co\s", fold(name)[inside.start():])  # "Toàn phường có 4.862/5.310 hộ …": a subject has them
        before = re.sub(r"^(?:việc|viec)\s+", "", before, flags=re.I)  # "Việc thanh toán … có 1.962/4.215 hồ sơ"
        # ("Đến nay, 27/31 bản có sóng …": a time before the figure names nothing)
        timed = re.fullmatch(r"(?:den nay|hien nay|tinh den[^,]*|trong (?:quy|thang|nam|ky)[^,]*)\W*", fold(before))
        use_after = len(after.split()) >= 2 and (has or len(before.split()) < 2 or timed is not None)
        name = f"{counted} {after}" if use_after else f"{counted} {before}"
    name = _tidy_name(name)
    if in_list and target is None and value is None and not re.match(r"^(ty|ti|chi s|so|muc do)\b", fold(name)):
        return None
    if len(name.split()) < 3:
        return None
    if not in_list and value is None:
        return None
    num, den = _fraction(text[:rank.start()] if rank else text)  # (a rank's "12/65" is no fraction of the figure)
    counted = unit not in (None, "%", "triệu đồng", "chỉ số")  # money is named by what it is ("Kinh phí đã giải ngân")
    if counted and not fold(name).startswith(("so", "tong", "ty le", "ti le")) or dm and value is not None and counted \
            and "Số" not in name[:3]:
        name = f"Số {unit} {name[:1].lower()}{name[1:]}"
    if unit is None and value is not None and "%" in text:
        unit = "%"
    if unit == "%" and value is not None and not re.match(r"^\W*(t[yi] l|chi so|muc|so |tong|he so)", fold(name)):
        # a share is named as one: "Kích hoạt định danh điện tử …, đạt 94,75%" is the rate of it
        name = f"Tỷ lệ {name[:1].lower()}{name[1:]}"
    if dm and value is not None and unit != "chỉ số":
        # "… đạt 99,83% (1.769/1.772 hồ sơ) so với tổng hồ sơ được tiếp nhận trong kỳ": what the
        # rate is measured against belongs to its name (an index "tăng so với …" is compared, no more)
        against = re.search(r"\bso v[oớơ]i\b[^;:.]*", f[dm.end():])
        if against:
            name = f"{name} {clean(text[dm.end() + against.start():dm.end() + against.end()]).rstrip(' ,')}"
    if unit is None and re.match(r"^\W*chi so", fold(name)):
        unit = "chỉ số"
    if unit is None and target is not None and "%" in (plan_text or ""):
        unit = "%"
    said = re.search(r",\s*(?P<no>chua |khong )?(?:dat|vuot)\s+(?:chi tieu|ke hoach|muc tieu)\b", f)
    if status is None and said and not in_list and value is not None:
        status = "not_achieved" if said.group("no") else "achieved"  # "…, đạt chỉ tiêu": the sentence's own verdict
    return Result(name=name, unit=unit, actual=tidy(value), numerator=tidy(num), denominator=tidy(den),
                  target=target, status=status, as_of=as_of)


_SAID = re.compile(r",\s*(?P<no>chua |khong )?(?:dat|vuot)\s+(?:chi tieu|ke hoach|muc tieu)\b")


def _judge_lone_count(part: str, got: list[Result], ctx: Context) -> None:
    """The plan and the verdict a sentence gives its one count: "Có 07 sản phẩm … được đưa lên sàn
    …, đạt kế hoạch (KH 07 sản phẩm)"."""
    counts = [r for r in got if r.unit not in (None, "%") and r.target is None]
    if len(counts) != 1 or len(got) != 1:
        return
    km = _KH.search(part)
    plan = parse_target(km.group(0).strip("() "), ocr=ctx.ocr) if km and re.search(r"\d", km.group(0)) else None
    if plan is not None and plan.value is not None and fold(counts[0].unit) in fold(km.group(0)):
        counts[0].target = ResultTarget(op=plan.op, value=plan.value, text=plan.text)
    said = _SAID.search(fold(clean(part)))
    if said and counts[0].actual is not None:
        counts[0].status = "not_achieved" if said.group("no") else "achieved"
        name, folded = folded_same_length(counts[0].name)
        verdict = _SAID.search(folded)
        if verdict:  # (the verdict is no part of the name: "… kết nối về Công an xã, vượt kế hoạch")
            counts[0].name = _tidy_name(f"{name[:verdict.start()]} {name[verdict.end():]}")


def statement_topic(text: str) -> tuple[str | None, str | None]:
    """What a paragraph is about (its words before the first ':', last comma part) and the
    period it names ("từ 7/2025-11/2025" -> "(từ 7/2025 đến 11/2025)")."""
    topic = None
    t = clean(text)
    if ":" in t:
        head = re.sub(r"^[\s\-+*•]+", "", t[:t.index(":")])
        numbered = re.match(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[a-zđ]\))\s+", head)
        if numbered and len(head[numbered.end():].split()) <= 5:
            head = ""  # "2. Dữ liệu số: …": a part's heading, not what its figures are on
        if 1 < len(head.split()) <= 16:
            topic = head.split(",")[-1].strip()
            topic = re.sub(r"^(hoạt động|hoat dong|công tác|cong tac)\s*", "", topic, flags=re.I)
            topic = re.sub(r"\s*-\s*(tỉnh|tinh|thành phố)\b.*$", "", topic, flags=re.I).strip() or None
            if topic and len(topic.split()) < 3:
                topic = None  # "Công tác tuyên truyền, bồi dưỡng: …": an area of work, not what a figure is on
    period = None
    m = re.search(r"(?:từ|tu)\s*(\d{1,2}/\d{4})\s*(?:-|–|đến|den)\s*(\d{1,2}/\d{4})", t)
    if m:
        period = f"(từ {m.group(1)} đến {m.group(2)})"
    return topic, period


def statement_subject(text: str) -> str | None:
    """The action a parenthesised list of counts measures: "Triển khai chi trả trợ cấp không dùng
    tiền mặt cho đối tượng ... (1781/2082 ...)" -> "chi trả trợ cấp không dùng tiền mặt"."""
    t = clean(text)
    if "(" not in t:
        return None
    head = re.sub(r"^[\s\-+*•]+", "", t[:t.index("(")])
    head = re.split(r"\s(?:cho|đối với|doi voi|tại|tai)\s", head)[0]
    head = re.sub(r"^(triển khai|trien khai|thực hiện|thuc hien|tổ chức|to chuc)\s+", "", head, flags=re.I)
    return head.strip(" ,.;:") if 2 <= len(head.split()) <= 15 else None


def _with_topic(name: str, topic: str | None, period: str | None) -> str:
    if topic and words(topic) not in words(name):
        name = f"{name} trên {topic[:1].lower()}{topic[1:]}"
    if period and period not in name:
        name = f"{name} {period}"
    return name


_SEGMENT = re.compile(r"[;(]|,\s+|\)\s*,?|\s(?:trong đó|trong do|với|voi)\s")


_KEPT_COMMA = "\u201a"  # a comma inside a part, put back in the names
_KEPT_BRACKETS = ("\u2985", "\u2986")  # "(cũ)" inside a part: a word of its name, no part of its own
# (a bracket of one word holds no count: "(cũ)", "(BHXH)", and "(củi)" as OCR may garble "(cũ)")
_ONE_WORD_BRACKET = re.compile(r"\(([^\W\d_]{1,8}|trước đây)\)")
_PAIRED_UNITS = re.compile(r"\d\s+(?:tin|bài|cán bộ|hồ sơ|tài liệu|video|clip|ấn phẩm|tờ rơi),\s+"
                           r"(?:bài|tin|công chức|viên chức|tài liệu|video|clip|ấn phẩm|pa-nô|áp phích)\b", re.I)


# what a count names at length, past commas (folded): a list in brackets ("07 sản phẩm OCOP (gạo,
# đường thốt nốt, dưa lưới) được đưa lên sàn …"), or kinds and a deed ("03 sáng kiến, giải pháp
# ứng dụng khoa học, công nghệ được Hội đồng sáng kiến xã công nhận")
_LISTED = re.compile(r"\((?=[^()]*,)[^\d()]{3,80}\)")
_KINDS_AND_DEED = re.compile(rf"(?<![\d.,]){NUMBER}\s+(?:{_UNIT_RE})(?:\s*,\s+[^\d,;:()]+){{1,4}}?\s+duoc\s[^\d,;:()]+")


def _named_at_length(text: str) -> str:
    """`text` with the commas and brackets of a count's long name kept inside its part."""
    folded = fold(text)
    if len(folded) != len(text):
        return text
    chars = list(text)
    for m in _LISTED.finditer(folded):
        for k in range(m.start(), m.end()):
            chars[k] = {"(": _KEPT_BRACKETS[0], ")": _KEPT_BRACKETS[1], ",": _KEPT_COMMA}.get(chars[k], chars[k])
    for m in _KINDS_AND_DEED.finditer(folded):
        for k in range(m.start(), m.end()):
            chars[k] = _KEPT_COMMA if chars[k] == "," else chars[k]
    return "".join(chars)


def extra_figures(clause: str, ctx: Context, as_of: str | None, seen: set[float],
                  topic: str | None = None, period: str | None = None, subject: str | None = None,
                  place: str | None = None, earlier: tuple[Result, ...] = ()) -> list[Result]:
    """Further figures in the parts of a clause: "..., trong đó trả kết quả trước hạn: 1.609 hồ sơ,
    đạt tỷ lệ 98,17%; quá hạn: 30 hồ sơ" gives one result per part. A bare "đạt tỷ lệ N%" part
    names itself after the part before it, whose count becomes its numerator. `place`: where the
    statement's counts are ("trên địa bàn phường"), for the parts that name only which ones;
    `earlier`: the figures of the statement's clauses before this one."""
    text = re.sub(r"(\d)[,.]\s*%", r"\1%", clean(clause))
    # "214 tin, bài về chuyển đổi số": a count of two kinds named together is one part
    text = _PAIRED_UNITS.sub(lambda m: m.group(0).replace(",", _KEPT_COMMA), text)
    text = _ONE_WORD_BRACKET.sub(lambda m: f"{_KEPT_BRACKETS[0]}{m.group(1)}{_KEPT_BRACKETS[1]}", text)
    text = _named_at_length(text)
    # each part with its depth inside parentheses: "quá hạn: 30 hồ sơ (trong đó có 14 hồ sơ ...),
    # chiếm tỷ lệ 1,83%" gives the rate to the count outside the brackets, not to the one inside
    pieces = re.split(f"({_SEGMENT.pattern})", text)
    depth, leveled = 0, []
    for k, piece in enumerate(pieces):
        if k % 2:
            depth = max(0, depth + piece.count("(") - piece.count(")"))
        elif piece and piece.strip(" .-+*•"):
            leveled.append((piece.strip(" .-+*•"), depth))
    # "A: 12 hồ sơ và B: 3 hồ sơ" are two parts; "và" before a bare figure that ends the part
    # is an OCR word ("đạt tỷ lệ" read "datot}”l và 98,17%") and splits nothing
    parts_at = [(q.strip(" ."), d) for p, d in leveled for q in re.split(r"\s(?:và|va)\s(?=\D{0,40}\d)(?![\d.,]+\s*,?\s*%?\s*$)", p)
                if q.strip(" .")]
    # "16 tổ công nghệ số cộng đồng với 112 thành viên": the members of what the part before counts
    after_with = {k for k in range(1, len(parts_at))
                  if re.search(rf"{re.escape(parts_at[k - 1][0][-12:])}\s+(?:với|voi)\s+{re.escape(parts_at[k][0][:12])}", text)}
    # "tổ chức 03 lớp tập huấn cho 142 lượt cán bộ": two counts in one part, the second one's
    # people taking part in what the first counts
    hints: dict[int, str] = {}
    split_at: list[tuple[str, int]] = []
    for k, (part, depth) in enumerate(parts_at):
        pt, pf = folded_same_length(part)
        if k in after_with and k:
            # the count before "với", its name perhaps going on past a comma ("… phí, lệ phí với …")
            before = parts_at[k - 1][0] if re.search(r"\d", parts_at[k - 1][0]) or k < 2 else \
                f"{parts_at[k - 2][0]}, {parts_at[k - 1][0]}"
            counted = re.search(rf"(?<![\d/.,]){NUMBER}\s*(?P<what>(?:{_UNIT_RE})\b.*)$", folded_same_length(before)[1])
            if counted and (re.match(rf"\s*(?:gan|khoang|hon|tren)?\s*{NUMBER}\s*(?:{_UNIT_RE})\b", pf)
                            or re.match(r"(?:so tien|tong so tien|kinh phi|doanh thu|gia tri)\b", pf)):
                what = folded_same_length(before)[0][counted.start("what"):].strip()
                owner = re.sub(r"\s+(?:gồm|gom|có|co|là|la)\s*$", "", before[:counted.start()].strip(" ,"))
                if len(what.split()) == 1 and fold(owner).startswith(fold(what) + " "):
                    what = owner  # "Tổ công nghệ số cộng đồng xã gồm 11 tổ với 66 thành viên": members of the Tổ
                hints[len(split_at)] = "với " + what
            elif not _FIGURE.search(parts_at[k - 1][0]) and re.match(rf"\s*(?:gan|khoang|hon|tren)?\s*{NUMBER}\s*(?:{_UNIT_RE})\b", pf):
                # "Đã triển khai cài đặt, sử dụng phần mềm … với trên 33 máy vi tính …": what the
                # deed before "với" (its words before the first figure) was done for
                j = k - 1
                while j and parts_at[j - 1][1] == depth and not _FIGURE.search(parts_at[j - 1][0]):
                    j -= 1
                deed, deed_folded = folded_same_length(", ".join(p for p, _ in parts_at[j:k]))
                done = _DEED_OPENS.match(deed_folded)
                if done:
                    hints[len(split_at)] = f"được {deed[done.end():]}"
        first = re.search(rf"(?<![\d/.,]){NUMBER}\s*(?P<unit>{_UNIT_RE})\b(?P<what>(?:\s[^\W\d]+){{0,4}}?)"
                          rf"\s(?:cho|voi|thu hut|co)\s(?=(?:gan|khoang|hon|tren)?\s*{NUMBER}\s*(?:{_UNIT_RE})\b)", pf)
        if first is None:
            split_at.append((part, depth))
            continue
        split_at.append((pt[:first.end("what")].strip(), depth))
        hints[len(split_at)] = pt[first.start("unit"):first.end("what")].strip()
        split_at.append((pt[first.end():].strip(), depth))
    parts = [p for p, _ in split_at]
    depths = [d for _, d in split_at]
    outer: dict[int, Result] = {}  # the last count read at each depth
    counts: list[Result] = []  # every count read, in order
    counted_words: dict[int, str] = {}  # a count's own words after its unit ("định danh điện tử mức độ 2")
    out: list[Result] = []
    previous: Result | None = None
    for index, part in enumerate(parts):
        t, f = folded_same_length(part)
        if index and depths[index] < depths[index - 1]:
            previous = outer.get(depths[index])
        source = _MONEY_FROM.match(f)
        if source and any(e.unit == "triệu đồng" for e in earlier):
            # "Tổng kinh phí … là 1,26 tỷ đồng, trong đó ngân sách xã khoảng 910 triệu đồng, nguồn xã
            # hội hóa khoảng 350 triệu đồng": the money from each source
            value, unit, _ = _value_after(t, f, source.start("num"))
            if value is not None and unit == "triệu đồng" and value not in seen:
                out.append(Result(name=_tidy_name(f"Kinh phí từ {t[source.start('name'):source.end('name')]}"), unit=unit,
                                  actual=tidy(value), as_of=as_of))
                seen.add(value)
            continue
        placed = _RANK.match(f" {f}")
        if placed and index and earlier and earlier[-1].unit in ("chỉ số", None):
            # "… đạt 0,67, xếp thứ 12/65 xã, phường": the index's value, then its place
            r = Result(name=_tidy_name(f"Xếp hạng {earlier[-1].name}"), unit="thứ bậc",
                       actual=tidy(parse_number(placed.group("place"))), as_of=as_of)
            out.append(r)
            continue
        frac = re.match(rf"^({NUMBER})\s*/\s*({NUMBER})\s+([^\d%]{{2,60}})$", t)
        if frac and subject:
            # "(1781/2082 đối tượng BTXH; 947/1373 người có công)": counts reached out of a total
            a, b = parse_number(frac.group(1)), parse_number(frac.group(2))
            if a is not None and b and a <= b and a not in seen:
                deed = f"{subject[:1].lower()}{subject[1:]}"
                if re.match(rf"(?:{_DONE_VERBS}|chi tra)\b", fold(deed)):
                    deed = f"được {deed}"  # those the deed was done for: "Số người có công được chi trả …"
                label = f"Số {frac.group(3).strip(' .;)')} {deed}"
                out.append(Result(name=_tidy_name(label), unit=frac.group(3).split()[0].strip(" .;)"),
                                  actual=tidy(a), numerator=tidy(a), denominator=tidy(b), as_of=as_of))
                seen.add(a)
            continue
        if re.search(r"\d\s*/\s*\d|\d/\s*$", f):
            continue  # a fraction belongs to the clause's main figure
        total = re.match(rf"^tong(?:\s+(?:so|cong))?\s*:?\s*({NUMBER})\s*([^\W\d][^\d]{{0,29}})?$", f)
        if total and index and depths[index] > depths[index - 1]:
            # "thành lập các Tổ Công nghệ số cộng đồng trên địa bàn phường (tổng 06 Tổ)": the count
            # of what the words before the bracket listed, named by them from the counted word on
            named = _counted_phrase(parts[index - 1], total.group(2))
            value = parse_number(total.group(1))
            if named and value is not None and value not in seen:
                unit = t[total.start(2):total.end(2)] if total.group(2) else None
                out.append(Result(name=_tidy_name(f"Số {named}"), unit=unit, actual=tidy(value), as_of=as_of))
                seen.add(value)
            continue
        # "đạt tỷ lệ 98,17%", also as OCR garbles the two short words ("datot}”l 1€ 98,17%")
        pct = re.match(rf"^(?:dat|chiem)(?:\s*(?:ty le|ti le|t\S* l\S*)|[^\s\d]{{0,6}}(?:\s+(?:[^\s\d]\S{{0,2}}|\d[^\s\d.,%]\S?)(?=\s)){{0,2}})?\s*"
                       rf"({NUMBER})\s*,?\s*%$", f)
        if pct and previous is not None:
            value = parse_number(pct.group(1), percent=True)
            if value is not None and value not in seen:
                base = re.sub(r"^(Số|Tổng số)\s+", "", previous.name)  # "Số hồ sơ quá hạn" -> "Tỷ lệ hồ sơ quá hạn"
                if out and out[-1] is previous:
                    out.pop()
                    seen.discard(previous.actual)
                # the whole it is a share of: an earlier count of the same unit that the rate checks out against
                whole = next((c.actual for c in reversed([*earlier, *counts]) if c is not previous and c.unit == previous.unit
                              and previous.actual is not None and c.actual and c.actual > previous.actual
                              and abs(previous.actual / c.actual * 100 - value) < 0.6), None)
                r = Result(name=_tidy_name(f"Tỷ lệ {base}"), unit="%", actual=tidy(value), numerator=previous.actual,
                           denominator=tidy(whole) if whole is not None else None, as_of=as_of)
                out.append(r)
                seen.add(value)
            previous = None
            continue
        timely = re.match(rf"^(?P<state>{_TIMELINESS.pattern})\s+(?P<num>{NUMBER})\s*(?P<unit>{_UNIT_RE})\b", f)
        if timely:
            # "…; trễ hạn 08 hồ sơ do phải xác minh": how many were late (or on time), not why
            value = parse_number(timely.group("num"))
            unit = t[timely.start("unit"):timely.end("unit")]
            if value is not None:
                r = Result(name=_timely_part(unit, t[:timely.end("state")], [*earlier, *counts]), unit=unit,
                           actual=tidy(value), as_of=as_of)
                previous = outer[depths[index]] = r
                counts.append(r)
                if value not in seen:
                    out.append(r)
                    seen.add(value)
            continue
        # (the deed may open the part: "ban hành 06 văn bản chỉ đạo")
        lead_count = re.match(rf"^(?:(?:(?P<pre>.*?[^\W\d].*?)\s+|(?=(?:{_DONE_VERBS})\s))(?:(?P<verb>co|c6|con|dat|voi|gom|dang tai|cap cho|cho|{_DONE_VERBS})\s+(?:tai\s+|(?P<how>dien tu|truc tuyen)\s+)?|(?=(?:gan|khoang|hon|xap xi|it nhat)\s)))?"
                              rf"(?:(?:gan|khoang|hon|tren|xap xi|uoc|it nhat|co|c6|dat|dang tai|voi|den nay|trong do)\s+)*"
                              rf"(?P<num>{NUMBER})\s*(?P<mult>trieu|nghin|ngan|k)?\s*(?P<unit>{_UNIT_RE})\b\s*(?P<rest>.*)$", f)
        if lead_count is None:
            # "Đã cấp 1.150 tem truy xuất …": after a deed, a count of a word no list holds
            lead_count = re.match(rf"^(?:(?P<pre>.*?[^\W\d].*?)\s+|(?=(?:{_DONE_VERBS})\s))(?P<verb>{_DONE_VERBS})\s+"
                                  rf"(?:(?:gan|khoang|hon|tren|xap xi|it nhat)\s+)*(?P<num>{NUMBER})\s*(?P<mult>)\s*"
                                  rf"(?P<unit>(?!(?:{_NOT_COUNTED})\b)[a-z]{{2,}})\b\s*(?P<rest>\D{{6,}})$", f)
        if lead_count is None:
            # "Phát huy hiệu quả 25 tổ công nghệ số cộng đồng trên địa bàn": a count an action
            # keeps up; the count's own words name it, the action does not
            lead_count = re.match(rf"^(?P<act>.*?\b(?:phat huy(?: hieu qua)?|duy tri|thanh lap(?: moi)?|kien toan))\s+"
                                  rf"(?P<num>{NUMBER})\s*(?P<mult>)\s*(?P<unit>{_UNIT_RE})\b\s*(?P<rest>\D{{6,}})$", f)
        money = re.match(rf"^(?P<name>so tien|tong so tien|kinh phi|doanh thu|gia tri)\b\D{{0,30}}?(?P<num>{NUMBER})\s*(?:ty|trieu|nghin|ngan)?\s*dong\b", f)
        if money and index in hints and lead_count is None:
            # "… 4.126 giao dịch … với số tiền khoảng 612 triệu đồng": the money of what the part before counts
            value, unit, _ = _value_after(t, f, money.start("num"))
            if value is not None and unit == "triệu đồng" and value not in seen:
                subject = hints[index].removeprefix("với ")
                out.append(Result(name=_tidy_name(f"{t[:money.end('name')]} {subject}"), unit=unit,
                                  actual=tidy(value), as_of=as_of))
                seen.add(value)
            continue
        change = re.match(rf"^(?P<dir>tang|giam)(?:\s+them)?\s+(?P<num>{NUMBER})\s*(?:{_UNIT_RE})?\b\s*(?P<rest>\D*)$", f)
        if change and previous is not None and lead_count is None:
            # "…, tăng 410 người so với quý II": the change of the count just given
            value = parse_number(change.group("num"))
            if value is not None and value not in seen:
                rest = re.sub(r"\s*\bso$", "", t[change.start("rest"):].strip(" .,;"))  # "so" (với …): cut off
                out.append(Result(name=clean(f"{previous.name} {t[:change.end('dir')]} {rest}"), unit=previous.unit,
                                  actual=tidy(value), as_of=as_of))
                seen.add(value)
            continue
        inner = re.match(rf"^(?P<num>{NUMBER})\s*%\s+(?P<what>[^\W\d][^\d%]{{1,40}})$", f)
        if inner and previous is not None and index and depths[index] > depths[index - 1] and lead_count is None:
            # "… đã giải quyết: 1.096 hồ sơ (100% đúng hạn)": the share of the count before the bracket
            value = parse_number(inner.group("num"), percent=True)
            if value is not None:
                base = re.sub(r"^(Số|Tổng số)\s+", "", previous.name)
                out.append(Result(name=_tidy_name(f"Tỷ lệ {base} {t[inner.start('what'):]}"), unit="%", actual=tidy(value),
                                  as_of=as_of))
            continue
        # "4G" is a word, "mức độ 2" part of a name, not another figure
        # (nor a year: "… lưu trữ từ năm 1995 đến năm 2025")
        if lead_count and not re.search(r"\d(?![a-z])", re.sub(r"\bmuc do \d\b|\b(?:19|20)\d\d\b", "", lead_count.group("rest"))):
            value, _ = apply_multiplier(parse_number(lead_count.group("num")) or 0, t[lead_count.end("num"):])
            unit = t[lead_count.start("unit"):lead_count.end("unit")]
            # (the time it took is no part of what was counted: "… lưu trữ từ năm 1995 đến năm 2025")
            rest_words = re.sub(r"\s+(?:từ|trong|đến|vào|giai đoạn)?\s*(?:năm\s+)?(?:19|20)\d\d\b.*$", "",
                                t[lead_count.start("rest"):]).split()
            rest = " ".join(rest_words[:_NAME_WORDS])
            after = index + 1
            # (a name cut short goes on with no further part)
            while after < min(len(parts), index + 3) and depths[after] == depths[index] and len(rest_words) <= _NAME_WORDS:
                # "thêm 4 hộ sản xuất, kinh doanh mở gian hàng …", "680 lượt cán bộ, công chức, người
                # dân …": the commas were the name's own
                following = parts[after]
                more_names = _proper_names_end(following, least=1) if _proper_names_end(rest.strip()) else 0
                if more_names:
                    # "2 bưu điện văn hóa Phổ Vinh, Phổ Ninh đang hoạt động": the list of names goes
                    # on past the comma, then what is said of them
                    rest = f"{rest} {following[more_names:]}".strip()
                    after += 1
                    continue
                if not ((rest or re.match(rf"(?:{_UNIT_RE})\b", fold(following))) and following[:1].islower()
                        and not re.search(r"\d", following) and len(following.split()) <= 20
                        and not re.match(r"(?:trong do|voi|va|dat|chiem|tang|giam|nang|gop phan|nham|de|phuc vu"
                                         r"|bao dam|dam bao|giup|chu yeu|phan lon|hau het"
                                         # (what it brought: "…, cải thiện rõ chất lượng phủ sóng")
                                         r"|cai thien|dap ung|thu hut|tiet kiem|rut ngan|tao dieu kien|mang lai)\b",
                                         fold(following))):
                    break
                rest = f"{rest}, {following}" if rest else f"\u0000{following}"  # (after the unit, with its comma)
                after += 1
            rest, named_by_place = _without_places(rest)
            # (how or why it was done is no part of what was counted: "… thông qua hệ thống …")
            rest = re.split(r"\s(?:thông qua|nhằm|là)\s", rest)[0]  # ("… 02 bản chưa có sóng là bản A và bản B")
            pre = t[:lead_count.end("pre")] if "pre" in lead_count.groupdict() and lead_count.group("pre") else ""
            pre = re.sub(r"^(?:đến nay|den nay|hiện nay|hien nay|trong đó|trong do)\s*,?\s*", "", pre.strip(), flags=re.I)
            pre = re.sub(r"(?:^|\s+)(?:đã|da|đều|cũng|mới)$", "", pre, flags=re.I)  # "UBND xã đã" (ban hành …)
            pre = re.sub(r"^.*:\s*", "", pre)  # "bồi dưỡng: UBND phường": the paragraph's topic, then who
            activity = _activity(", ".join(parts[:index])) if fold(pre) in ("ket qua", "tong cong", "tong so") else None
            if activity:
                # "… tổ chức tuyên truyền X trên địa bàn, kết quả có 75 lượt người tham dự":
                # what they took part in is the activity before "kết quả"
                pre = activity
            if topic and pre and words(topic).startswith(words(pre) + " "):
                # a short mention of what the paragraph is about ("trang fanpage") names it in full
                # ("trang fanpage phường X", from "Hoạt động trang fanpage phường X: …")
                pre = topic
            # (a capital further on is a name's: "UBND xã", "Hội Nông dân"; "đúng" is no capital)
            if pre[1:2].islower() and (not any(w[:1].isupper() for w in pre.split()[1:])
                                       or re.match(r"(?:cac|nhung|toan|moi)\s", fold(pre))):
                pre = pre[:1].lower() + pre[1:]  # "Các doanh nghiệp" -> "các …", but "UBND xã", "Hội Nông dân" stay
            label = f"Số {unit} {rest}" + (f" {pre}" if pre and len(pre.split()) <= 60 else "")
            if pre and not rest.strip(" .,;") and fold(pre).startswith(fold(unit) + " "):
                label = f"Số {pre}"  # "Tổ công nghệ số cộng đồng xã gồm 11 tổ": the count of the Tổ named
            parent = outer.get(depths[index] - 1) if depths[index] else None
            part_of_parent = parent is not None and not pre and index not in hints and fold(parent.unit or "") == fold(unit) \
                and bool(rest.strip(" .,;")) and index > 0 and depths[index] > depths[index - 1]
            if part_of_parent:
                # "quá hạn: 30 hồ sơ (trong đó có 14 hồ sơ UBND thị xã (cũ) chuyển qua)": a part of
                # the count before the bracket, named after it
                label = f"{parent.name} {rest}"
            if named_by_place and not pre and place:
                # "trên địa bàn phường có 3 điểm phục vụ; trong đó, có 01 bưu cục Đức Phổ …": each
                # part counted where the whole was, not at the place it names
                label = f"{label} {place}"
            if re.match(r"(?:tren dia ban|tai)\s", fold(pre)) and len(pre.split()) <= 8:
                place = pre
            if not pre and index in hints:
                hint = hints[index]
                label = f"Số {unit} {rest} {hint[4:]}" if hint.startswith("với ") else \
                    f"Số {unit} {rest} {hint}" if hint.startswith("được ") else f"Số {unit} {rest} tham gia {hint}"
            verb = lead_count.groupdict().get("verb")
            # (the deed with how it was done: "giải quyết trực tuyến 1.893 hồ sơ")
            verb_end = lead_count.end("how") if lead_count.groupdict().get("how") else lead_count.end("verb") if verb else 0
            pre_text, pre_folded = folded_same_length(pre)
            deed_for = _DEED_OPENS.match(pre_folded)
            if verb == "cho" and deed_for and index not in hints and rest.strip(" .,;"):
                # "Đã triển khai cài đặt phần mềm … cho 45 máy vi tính của cán bộ": what the deed was
                # done for, then "được" and the deed ("Số máy vi tính của cán bộ được cài đặt …")
                label = f"Số {unit} {rest} được {pre_text[deed_for.end():]}"
            event = counts[-1] if counts and depths[index] == depths[index - 1] else None
            if verb == "cho" and event is not None and fold(event.unit or "") in _EVENTS and counted_words.get(id(event)) \
                    and index not in hints and not re.search(r"\d", pre):
                # "tổ chức 03 lớp tập huấn sử dụng phần mềm …, chữ ký số cho 142 lượt cán bộ": those
                # who took part in what the count before counted (its words ran on past a comma)
                what = ", ".join(w for w in (counted_words[id(event)], pre) if w)
                label = f"Số {unit} {rest} tham gia {event.unit} {what}"
                pre = ""
            if verb and re.fullmatch(_DONE_VERBS, verb) and rest.strip(" .,;") and not (not pre and index in hints) \
                    and verb not in ("thuc hien", "len", "them", "dua", "dua them"):
                # "Trung tâm Y tế cấp 9.420 hồ sơ sức khỏe điện tử": what was counted, who, then the
                # deed ("Số hồ sơ sức khỏe điện tử … Trung tâm Y tế … cấp")
                label = f"{label} {t[lead_count.start('verb'):verb_end].lower()}"
            if not rest.strip(" .,;") and verb and re.fullmatch(_DONE_VERBS, verb) and len(pre.split()) <= 12:
                # "… đã giải quyết 472 hồ sơ": nothing after the count names it, the deed does
                deed = t[lead_count.start("verb"):verb_end]
                if re.search(r"\b(?:da|đã)\s+$", f[:lead_count.start("verb")]):
                    deed = f"đã {deed}"
                label = f"Số {unit} {pre} {deed}" if pre else f"Số {unit} {deed}"
            taught = re.fullmatch(r"huong dan|ho tro|tap huan|dao tao|boi duong|tuyen truyen cho|pho bien cho", verb or "") \
                and re.match(r"(?:luot nguoi|luot|nguoi|can bo|cong chuc|hoc vien|hoc sinh|doi tuong|ho|doanh nghiep|dai bieu"
                             r"|thanh vien|hoi vien)$", fold(unit)) and rest.strip() and "\u0000" not in rest
            if taught:
                # "Các Tổ công nghệ số hướng dẫn 1.700 lượt người dân cài đặt VNeID": those it was done
                # for, "được" who did it and the deed, then what they were shown to do
                action = re.search(rf"\b(?:{_TAUGHT_TO})\b", fold(rest))
                whom, to_do = (rest[:action.start()].strip(), rest[action.start():].strip()) if action else (rest.strip(), "")
                deed = t[lead_count.start("verb"):verb_end].lower()
                label = " ".join(w for w in ("Số", unit, whom, "được", pre, deed, to_do) if w)
            raised = re.search(r"\bnang\s+tong\s+so\s*(?P<what>.*?)\s*$", fold(pre)) if verb == "len" else None
            if raised:
                # "…, nâng tổng số (trạm trên địa bàn) lên 23 trạm": the total now, of what the words
                # say, else of what the count before it counted
                what = pre[raised.start("what"):].strip()
                before = next((c for c in reversed(counts) if c.unit == unit), None)
                named = counted_words.get(id(before)) if before is not None else None
                of = what or (f"{unit} {named}" if named else unit)
                label = f"Tổng số {of}" if fold(of).startswith(fold(unit)) else f"Tổng số {unit} {of}"
            label = label.replace(" \u0000", ", ").replace("\u0000", "")
            now = re.search(r"\b(den nay|hien nay|hien tai)\b", f)  # "đến nay": as of the report, not the period
            r = Result(name=_with_topic(_tidy_name(label), None if pre or part_of_parent else topic, None if now else period), unit=unit,
                       actual=tidy(value), as_of=as_of)
            previous = outer[depths[index]] = r
            counts.append(r)
            counted_words[id(r)] = rest.replace("\u0000", "").strip(" ,")
            if value not in seen:
                out.append(r)
                seen.add(value)
            continue
        m = re.match(rf"^(?P<name>.*?[^\W\d])\s*:?\s*(?P<num>{NUMBER})\s*(?P<unit>{_UNIT_RE})\s*$", f) or \
            re.match(rf"^(?P<name>.*?\D)\s*:\s*(?P<num>{NUMBER})\s*(?P<unit>\S{{1,3}}\s*\S{{0,3}})?\s*$", f)
        if m and len(re.findall(r"[^\W\d_]{2,}", m.group("name"))) >= 2:
            value = parse_number(m.group("num"))
            name = t[:m.end("name")].strip(" :")
            name = re.sub(r"^(?:có|co|c6|trong đó|trong do)\s+", "", name)
            name = re.sub(r"^(?:Đã|Được|Đang|Chưa)(?=\s)", lambda w: w.group(0).lower(), name)  # a sentence's capital
            name = re.sub(r"\s+(?:là|la|được|duoc)$", "", name)  # "Số người … là 1.520 người"
            if name[:1].islower() and index and depths[index - 1] == depths[index] \
                    and not re.search(r"\d", parts[index - 1]) and re.match(r"(?:so|tong so|ty le)\s", fold(parts[index - 1])):
                name = f"{parts[index - 1]}, {name}"  # "Số người dân được hướng dẫn cài đặt, sử dụng …"
            unit = t[m.start("unit"):m.end("unit")] if m.group("unit") and re.fullmatch(_UNIT_RE, m.group("unit")) else None
            if value is None:
                continue
            if fold(name).startswith(("so ", "tong so", "ty le")) or (unit and fold(name).startswith(fold(unit) + " ")):
                label = name if fold(name).startswith(("so ", "tong so", "ty le")) else f"Số {name}"
            else:
                label = f"Số {unit or ''} {name}"
            if unit and _TIMELINESS.fullmatch(fold(name)):
                label = _timely_part(unit, name, [*earlier, *counts])
            parent = outer.get(depths[index] - 1) if depths[index] else None
            if parent is not None and unit and parent.unit and fold(parent.unit) == fold(unit):
                # "Tổng số hồ sơ đang giải quyết: 196 hồ sơ (trong đó hồ sơ còn trong hạn 120 hồ
                # sơ, …)": a part of the count outside the brackets is named after it
                base = re.sub(r"^(?:Tổng số|Số)\s+", "", parent.name)
                qualifier = re.sub(rf"^{re.escape(unit)}\s+", "", name, flags=re.I)
                if fold(base).startswith(fold(unit)) and qualifier:
                    label = f"Số {base[:1].lower()}{base[1:]} {qualifier}"
            r = Result(name=_tidy_name(re.sub(r"\s+", " ", label)), unit=unit, actual=tidy(value), as_of=as_of)
            previous = outer[depths[index]] = r
            counts.append(r)
            if value in seen or len(r.name.split()) < 3:
                continue
            out.append(r)
            seen.add(value)
    for r in out:
        r.name = re.sub(rf"\s*{_KEPT_COMMA}", ",", r.name).replace(_KEPT_BRACKETS[0], "(").replace(_KEPT_BRACKETS[1], ")")
    return out


def _proper_names_end(text: str, least: int = 2) -> int:
    """Where a run of `least` or more capitalised words opening `text` ends ("Phổ Vinh, Phổ Ninh
    đang …" -> before "đang"), else 0: the proper names of what a count counts, after its noun."""
    end = count = 0
    for m in re.finditer(r"(\S+?)(,?)(?:\s+|$)", text):
        word = m.group(1)
        if m.start() != end or not (word[:1].isupper() and word[1:].islower() and word.isalpha()):
            break
        end, count = m.end(), count + 1
    return end if count >= least else 0


def _without_places(rest: str) -> tuple[str, bool]:
    """What a count counts without the places it names: (rest, whether proper names were cut).
    Such a name tells which ones, not what is counted ("Số bưu cục", not "Số bưu cục Đức Phổ")."""
    end = _proper_names_end(rest.strip())
    if not end:
        return rest, False
    return rest.strip()[end:].strip(" ,"), True


# a part of a money total by its source (folded): "ngân sách xã khoảng 910 triệu đồng"
_MONEY_FROM = re.compile(rf"^(?:trong do\s+)?(?P<name>(?:nguon\s+)?(?:ngan sach|xa hoi hoa|von|tai tro|long ghep)[^\d,;]{{0,30}}?)"
                         rf"\s+(?:(?:khoang|gan|hon|tren|uoc|la)\s+)?(?P<num>{NUMBER})\s*(?:ty|trieu|nghin|ngan)?\s*dong\b")


# how a count of files stands against its deadline (folded)
_TIMELINESS = re.compile(r"(?:qua|tre|truoc|dung|con trong|trong) han")


def _timely_part(unit: str, state: str, counts: list[Result]) -> str:
    """Name the files that were late (on time, …): "quá hạn: 30 hồ sơ" after "Tổng số hồ sơ đã
    giải quyết: 1.639 hồ sơ" -> "Số hồ sơ giải quyết quá hạn" (the total's deed), else "Số hồ sơ quá hạn"."""
    whole = next((c for c in reversed(counts) if fold(c.unit or "") == fold(unit) and fold(c.name).startswith("tong so ")), None)
    if whole is not None:
        deed = re.sub(rf"^Tổng số\s+{re.escape(unit)}\s+(?:đã\s+)?", "", whole.name, flags=re.I)
        if deed != whole.name and 1 <= len(deed.split()) <= 4:
            return f"Số {unit} {deed} {state}"
    return f"Số {unit} {state}"


def _share_of_deed(before: str, after: str) -> str | None:
    """The name of a share that counts what a deed was done to: "Xã đã thực hiện số hóa 100% hồ sơ,
    kết quả giải quyết thủ tục hành chính theo quy định" -> "Tỷ lệ hồ sơ, kết quả giải quyết thủ tục
    hành chính được số hóa". Not when the subject is many ("Các trường đã triển khai 100% …"): the
    share may be of them."""
    deed = re.search(r"\b(?:đã|da)\s+(?P<verb>[^\W\d][^\d,;:()]{1,40}?)\s*$", before)
    what = re.match(r"\s*(?P<what>[^\W\d][^;:.()%]*?)\s*(?:\s(?:theo|cho|tại|trên địa bàn|đến|đối với|trong)\s.*)?[.;,]?\s*$",
                    after)
    if deed is None or what is None or re.match(r"\W*(?:cac|nhung|toan bo|100)\b", fold(before)):
        return None
    verb = re.sub(r"^(?:thực hiện|triển khai thực hiện)\s+(?=\S+\s*\S*)", "", deed.group("verb").strip())
    thing = what.group("what").strip(" ,")
    if not 1 <= len(thing.split()) <= 16 or not 1 <= len(verb.split()) <= 5:
        return None
    return f"Tỷ lệ {thing} được {verb}"


def statement_place(text: str) -> str | None:
    """Where a statement's counts are, when it says so before them: "Hiện nay, trên địa bàn
    phường có 3 điểm phục vụ; …" -> "trên địa bàn phường"."""
    where = re.search(r"\btrên địa bàn\s+(?:xã|phường|đặc khu|thị trấn|tỉnh|thành phố)\b[^,;:\d]{0,25}?"
                      r"(?=\s+(?:hiện\s+)?có\b)", text, re.I)
    return where.group(0).lower() if where else None


def _counted_phrase(before: str, unit: str | None) -> str | None:
    """The words from the counted thing on ("Tổ Công nghệ số … phường X") in a phrase that
    lists it ("thành lập các Tổ …"), found by the count's unit word or after "các"/"những"."""
    text, f = folded_same_length(before)
    at = None
    if unit:
        m = list(re.finditer(rf"\b{re.escape(fold(unit).strip())}\b", f))
        at = m[0].start() if m else None
    if at is None:
        m = list(re.finditer(r"\b(?:cac|nhung)\s+", f))
        at = m[-1].end() if m else None
    phrase = text[at:].strip(" ,.;:") if at is not None else ""
    return phrase if 2 <= len(phrase.split()) <= 25 else None


_ACTIVITY = re.compile(r"\b(?:to chuc|trien khai|tuyen truyen|tap huan|boi duong|huong dan|phat dong)\b")


def _activity(text: str) -> str | None:
    """The last activity a sentence names ("… đã phối hợp tổ chức tuyên truyền X trên địa bàn
    đến toàn thể cán bộ") without its verb and its audience/place: "tuyên truyền X"."""
    text, f = folded_same_length(clean(text))
    starts = list(_ACTIVITY.finditer(f))
    if not starts:
        return None
    m = starts[-1]
    begin = m.end() if m.group(0) == "to chuc" else m.start()  # "tổ chức X" is X
    end = re.search(r"\s(?:tren dia ban|den toan the|den cac|cho (?:toan the|cac|can bo)|tai cac)\b", f[begin:])
    act = text[begin:begin + end.start()] if end else text[begin:]
    act = act.strip(" ,.;:")
    return act if 2 <= len(act.split()) <= 60 else None


def count_name(text: str, f: str, start: int, end: int) -> str:
    """Name a count: "có gần 9.000 lượt người truy cập mỗi tháng" -> "Số lượt người truy cập mỗi
    tháng" plus, when that says little, what the clause was about before the number."""
    after = re.split(r"[,;:(]|\s(?:với|voi|và|va|trong đó)\s", text[end:])[0].rstrip(" .")
    unit_start = re.search(rf"({_UNIT_RE})\b", f[start:end])
    unit = text[start + unit_start.start():end] if unit_start else ""
    name = f"Số {unit}{after}".strip()
    before = re.sub(r"^[\s\-+*•]+", "", text[:start])
    before = re.sub(r"\s*(có|co|c6|với|voi|gồm|gom|tổng|tong|đã|da|đạt|dat|gần|gan|hơn|hon|khoảng|khoang|trên|tren|"
                    r"ước|uoc|xấp xỉ|ít nhất|đăng tải|dang tai)\s*$", "", before.strip(), flags=re.I)
    before = re.sub(r"\s*(có|co|c6|với|voi|gồm|gom|tổng|tong|đã|da|đạt|dat)\s*$", "", before, flags=re.I)
    if len(after.split()) < 6 and before and len(before.split()) <= 12:
        name = f"{name} {before[:1].lower()}{before[1:]}"
    return name


def _region(stmts: list[Statement]) -> list[Statement]:
    """Statements of the results part: up to an outlook/'phương hướng' heading."""
    out = []
    for st in stmts:
        if is_outlook_heading(st.text):
            break
        out.append(st)
    return out


def read_results(lines: list[Line], ctx: Context) -> list[Found]:
    found: list[Found] = []
    status: str | None = None
    counts: list[tuple[str, int | None, int]] = []
    numbered_items: bool | None = None  # whether the current status list numbers its items "1."
    for st in _region(statements(lines)):
        s = status_of(st.text)
        several = summary_counts(st.text)
        if len(several) >= 2:
            # "4/6 chỉ tiêu đạt và vượt, 02/6 chỉ tiêu chưa đạt": a summary, heading no list
            counts += [(kind, n, len(found)) for kind, n in several]
            status = None
            continue
        if s is not None:
            status = s[0]
            counts.append((s[0], s[1], len(found)))
            numbered_items = None
            continue
        numbered = bool(_NUMBERED.match(st.text))
        if status is not None and numbered_items is None:
            numbered_items = numbered
        if is_heading(st.text) or (status is not None and numbered and not numbered_items
                                   and not re.search(r"\d", st.text[3:])):
            # a section heading, or a numbered sub-heading after a bulleted list ("3. Kết quả nổi bật")
            status = None
        if re.search(r"\bS[ốo6ố]\s*:\s*\d*\s*/|C[ỘO]NG H[ÒO]A|Độc lập|Doc lap", st.text):
            continue  # the letterhead, not a figure
        as_of = _as_of(st.text, ctx.as_of)
        topic, period = statement_topic(st.text)
        subject = statement_subject(st.text)
        in_list = status is not None
        parts = [st.text] if in_list else [p for c in clauses(st.text)
                                           for p in re.split(r",\s+(?=(?:[Tt][yỷi]\s*(?:l|1|I)\S*)\s)", c)]
        earlier: list[Result] = []
        for part in parts:
            r = figure(part, ctx, status if in_list else None, as_of, in_list, topic, period)
            got = [r] if r is not None else []
            if not in_list:
                # (a share's total stays a figure of its own: "tiếp nhận 3.412 hồ sơ, trong đó …")
                seen = {v for x in got for v in (x.actual, x.numerator) if v is not None}
                got += extra_figures(part, ctx, as_of, seen, topic, period, subject, statement_place(st.text),
                                     (*earlier, *got))
                if r is None:
                    _judge_lone_count(part, got, ctx)
            earlier += got
            for r in got:
                conf = 0.75 if r.actual is not None else 0.5
                found.append(Found(r, st.page, st.line_start, st.line_end, conf if not ctx.ocr else conf - 0.1))
    for i, (kind, expected, start) in enumerate(counts):
        end = counts[i + 1][2] if i + 1 < len(counts) else len(found)
        listed = sum(1 for f in found[start:end] if f.item.status == kind)
        if expected is not None and listed == 0:
            ctx.unlisted_counts.append((kind, expected))
        elif expected is not None and expected != listed:
            ctx.warnings.append(f"Văn bản ghi {expected} chỉ tiêu '{kind}' nhưng liệt kê {listed}")
    return found
