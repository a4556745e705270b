"""Targets written in running text: bullets and dense paragraphs.

A clause gives an indicator when it sets a number:
- "N% X" / "Có ≥ N% X" / "Phấn đấu bố trí ít nhất N% X" -> "Tỷ lệ X", target N;
- "X đạt (tỷ lệ) ≥ N%" -> X (after a leading action such as "..., đảm bảo việc"), target N.
Headings such as "Đến hết năm 2030" set the year of the targets below them, so a prose plan
with 2025/2030/2045 sections gives one indicator with a target per year. In a report, only the
outlook part ("Phương hướng nhiệm vụ năm 2026") sets targets.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from nq57.extract.items import Context, Found, for_level, level_target, levels_in, province_level
from nq57.extract.lines import Line
from nq57.extract.model import Indicator, YearTarget
from nq57.extract.numbers import NUMBER, parse_number, tidy
from nq57.extract.statements import clauses, folded_same_length, is_heading, is_outlook_heading, statements
from nq57.extract.targets import comparator, parse_target
from nq57.extract.textutil import clean, fold, has_keyword, sentence_case, similar, strip_bullet, words
from nq57.extract.units import counted_unit

_CMP_WORDS = r"(?:co|dat|phan dau|bo tri|it nhat|toi thieu|tren|tu|khong duoi|[><=≥≤]|\s)*"
_CONNECTOR = re.compile(r"^.*,\s*(?:dam bao|bao dam|phan dau|nham|de|voi)\s+(?:viec\s+|cho\s+)?")
_YEAR_HEADING = re.compile(r"(?:den|trong|cuoi|het)\s+(?:het\s+)?nam\s+(20\d\d)|^\W*nam\s+(20\d\d)\s*:?\s*$")


# a share's bound written without "đạt" (folded): "… không dưới 50%", "giảm tỷ lệ … xuống dưới 5%"
_BOUND_OPS = {"khong duoi": ">=", "khong thap hon": ">=", "toi thieu": ">=", "it nhat": ">=", "tu": ">=",
              "tren": ">", "khong qua": "<=", "khong vuot qua": "<=", "toi da": "<=", "duoi": "<", "con": "<=",
              ">=": ">=", "≥": ">=", ">": ">", "<=": "<=", "≤": "<=", "<": "<"}
_BOUND = re.compile(rf"^(?:giam\s+)?(?P<name>(?:ty le|ti le)\s.+?)\s+(?:xuong\s+)?(?:(?:muc|con)\s+)?"
                    rf"(?P<cmp>{'|'.join(re.escape(k) for k in sorted(_BOUND_OPS, key=len, reverse=True))})\s*(?P<num>{NUMBER})\s*%"
                    rf"(?:\s*tro len)?\s*$")


# how an indicator's name opens (folded)
_NAME_OPENS = r"^\W*(?:ty le|ti le|so|chi so)\b"


def _rate_name(rest: str) -> str:
    rest = re.sub(r"^(doi voi|cac|c[a-z]{1,2}c|so|nhung)\s+", "", rest, flags=re.I)
    return "Tỷ lệ " + rest


def prose_target(clause: str, ctx: Context) -> tuple[str, YearTarget, str | None] | None:
    """(name, target, unit) of one clause, or None when it sets no number."""
    # a list letter ("a) Tỷ lệ …") is not part of the name
    # a list letter or number ("a) Tỷ lệ …", "1, Phấn đấu 100% …") is not part of the name
    # ("(3) 100% cán bộ …": a number in brackets too)
    text, f = folded_same_length(re.sub(r"^(?:[a-zđ]\)|\d{1,2}[.,)]|\(\d{1,2}\))\s+", "", clean(strip_bullet(clause))).rstrip(" .;,"))
    # the unit that follows the target up, in brackets after it, is no part of its name or figure
    lead = _BRACKETED_LEAD.search(f)
    if lead and not f[lead.end():].strip(" .;"):
        text, f = text[:lead.start()].rstrip(" .;"), f[:lead.start()].rstrip(" .;")
    if ":" in text:
        idx = text.rfind(":")
        short = re.match(rf"^\s*{_CMP_WORDS}\d[\d.,]*\s*%?((?:\s*\S+){{0,2}})\s*$", f[idx + 1:])
        own_level = re.match(rf"^\s*cap\s+(?:xa|phuong|co so|dac khu)\s*:?\s*{_CMP_WORDS}\d[\d.,]*\s*%?\s*$", f[idx + 1:])
        if (short or own_level) and len(f[:idx].split()) >= 4:
            # "Số khóm có mô hình 'Khóm số': ít nhất 4 khóm": the name, then its target; "tỷ lệ hồ
            # sơ … (trừ …): cấp xã 90%": the target for the commune's own level
            skip = idx + 1 + (re.match(r"\s*cap\s+(?:dac khu|\S+)\s*:?\s*", f[idx + 1:]).end() if own_level else 0)
            begin = text.rfind(":", 0, idx) + 1  # (not a heading before it: "a) Về chính quyền số: …")
            text, f = f"{text[begin:idx].strip()} đạt {text[skip:].strip()}", f"{f[begin:idx].strip()} dat {f[skip:].strip()}"
        elif re.search(r"\d", text[idx:]) and not (re.match(_NAME_OPENS, f) and not re.match(_NAME_OPENS, f[idx + 1:])):
            text, f = text[idx + 1:].strip(), f[idx + 1:].strip()
        elif re.search(r"\d", text[idx:]):
            # a colon the scan put inside a name ("… để thực hiện thi: tục hành chính …")
            text, f = text[:idx] + text[idx + 1:], f[:idx] + f[idx + 1:]
    # (after "Phấn đấu trong năm 2026 có …", "Đến hết năm 2026, có …")
    count = re.match(rf"^(?:phan dau\s+)?(?:(?:den het|den|trong|cuoi)\s+nam\s+20\d\d\s*,?\s*)?(?:phan dau\s+)?(?:co\s+)?"
                     rf"(?:(?!{_NAME_OPENS[1:]})[^\W\d]+\s+){{0,3}}?"  # ("Xây dựng ít nhất 30 điểm …": a deed before the bound)
                     rf"(it nhat|toi thieu|tren|tu)\s+({NUMBER})\s+([^\d%].{{10,}})$", f) \
        or re.match(rf"^phan dau\s+(?:co\s+)?()({NUMBER})(?:\s*[-–]\s*{NUMBER})?\s+([^\W\d].{{10,}})$", f)  # ("phấn đấu (có) 15 - 20 cơ sở …")
    if count:
        # "Có ít nhất 05 sản phẩm nông sản … được giới thiệu …": a count of what follows
        value = parse_number(count.group(2))
        rest = text[count.start(3):]
        op = ">" if count.group(1) == "tren" else ">="
        return _finish(f"Số {rest}", op, value, text, counted_unit(f"Số {rest}"))
    bounded = re.match(rf"^(?P<name>so\s.{{8,}}?)\s+(?P<cmp>toi thieu|it nhat|khong duoi|khong it hon|tren)\s+"
                       rf"(?P<num>{NUMBER})(?:\s*[-–]\s*{NUMBER})?\s+(?P<unit>[^\W\d][^\d%]{{0,20}})$", f)
    if bounded:
        # "số cuộc họp … không giấy tờ tối thiểu 12 cuộc": a count, its bound, its unit's word
        name = re.sub(r"\s+(?:đạt|là|bằng)$", "", text[:bounded.end("name")])  # ("…: ít nhất 4 khóm", read "… đạt ít nhất …")
        op = ">" if bounded.group("cmp") == "tren" else ">="
        written = text[bounded.start("unit"):bounded.end("unit")].strip()
        unit = "đơn vị" if fold(written).startswith("don vi") else counted_unit(name) or written
        return _finish(name, op, parse_number(bounded.group("num")), text, unit)
    grow = re.match(rf"^(so\s.{{8,}}?\s(?:tang|tang them|them))\s+(?:(it nhat|toi thieu|tren|khoang)\s+)?({NUMBER})\s+[^\d%\s]", f)
    if grow:
        # "Số cơ sở … tăng thêm ít nhất 40 cơ sở so với năm 2026": the increase is the target
        value = parse_number(grow.group(3))
        name = text[:grow.end(1)]
        op = ">" if grow.group(2) == "tren" else ">="
        return _finish(name, op, value, text, counted_unit(name))
    rank = re.search(r"\s(tang\s*(?:(?:it nhat|toi thieu)\s*)?\d+\s*bac\b)", f)
    if rank and re.match(r"^\W*chi so", f):
        # "Chỉ số chuyển đổi số của phường tăng ít nhất 2 bậc so với năm 2025"
        target = parse_target(text[rank.start(1):rank.end(1)])
        name = sentence_case(clean(text[:rank.start()]).strip(" ,.;:-"))
        if target is not None and len(name.split()) >= 3:
            return name, YearTarget(year=None, op="rank", value=target.value, text=target.text), "thứ bậc"
    # "N% X" with at most a few words (comparators, "có", "phấn đấu bố trí") before the number
    m = re.match(rf"^((?:[^\d%]{{0,40}}?))({NUMBER})(?:\s*%?\s*[-–]\s*{NUMBER})?\s*%\s+(\S.*)$", text)  # ("40 - 50% …": its low end)
    if m and len(m.group(1).split()) <= 5 and re.fullmatch(_CMP_WORDS + r"[\w\s]*", fold(m.group(1))):
        value = parse_number(m.group(2), percent=True)
        op = comparator(m.group(1), ctx.ocr) or ">="
        name = _rate_name(m.group(3))
        return _finish(name, op, value, text, "%")
    bound = _BOUND.match(f)
    if bound and not re.search(r"\b(?:dat|la|bang|o muc)$", bound.group("name")):
        # "tỷ lệ … không dưới 50%", "giảm tỷ lệ … xuống dưới 5%": a share with its bound and no "đạt"
        value = parse_number(bound.group("num"), percent=True)
        name = text[bound.start("name"):bound.end("name")]
        return _finish(name, _BOUND_OPS[bound.group("cmp")], value, text, "%")
    share = re.match(rf"^(?P<name>.{{6,80}}?)\s+chiem\s+(?P<cmp>(?:[^\d]{{0,15}}?))(?P<num>{NUMBER})\s*%\s*(?P<whole>\S.{{0,40}})?$", f)
    if share:
        # "Kinh tế số chiếm tối thiểu 20% GRDP": the share of the whole it names
        whole = text[share.start("whole"):share.end("whole")].strip() if share.group("whole") else ""
        subject = text[:share.end("name")]
        subject = subject[:1].lower() + subject[1:] if subject[1:2].islower() else subject
        name = f"Tỷ trọng {subject}" + (f" trong {whole}" if whole else "")
        op = comparator(text[share.start("cmp"):share.start("num")], ctx.ocr) or ">="
        return _finish(name, op, parse_number(share.group("num"), percent=True), text, "%")
    # (a range's low end is the target: "đạt 60 - 70%", its text keeps the range)
    m = re.search(rf"\b(?:dat|la|bang)\b\s*(?:ty le|ti le)?\s*([^\d]{{0,25}}?)({NUMBER})(?:\s*[-–]\s*{NUMBER})?\s*(%?)", f)
    if not (m and m.group(3)):
        # a lone digit the OCR made of a letter ("tối thiểu" read "to1 thiểu") before the rate
        m = re.search(rf"\b(?:dat|la|bang)\b\s*(?:ty le|ti le)?\s*((?:[^\d]|(?<![\d.,])\d(?![\d.,%]))"
                      rf"{{0,25}}?)({NUMBER})\s*(%)", f) or m
    counted = m is not None and not m.group(3) and re.match(r"^\W*so\s", f) is not None \
        and re.match(r"\s*[^\W\d_]", f[m.end():]) is not None
    if m and (m.group(3) or re.match(r"^\W*chi so", f) or counted):
        before = text[:m.start()]
        value = parse_number(m.group(2), percent=bool(m.group(3)))
        op = comparator(text[:m.start(2)], ctx.ocr) or ">="
        if re.search(r"\btren\b", m.group(1)):
            op = ">"
        cut = _CONNECTOR.match(fold(before))
        name = before[cut.end():] if cut else before
        if not re.match(r"^(ty le|ti le|chi so|so|muc)", fold(name).strip()):
            name = ("Tỷ lệ " if m.group(3) else "") + name.strip()
        unit = "%" if m.group(3) else ("chỉ số" if "chi so" in fold(name) else None)
        if counted:
            # "Số doanh nghiệp … đạt ít nhất 15 đơn vị": the count's own word is its unit
            unit = clean(" ".join(text[m.end():].split()[:2]) if re.match(r"\s*(?:đơn vị|don vi)", f[m.end():])
                         else counted_unit(f"Số {text[m.end():].strip()}") or text[m.end():].split()[0]).strip(" ,.;:") or None
        return _finish(name, op, value, text, unit)
    return None


def _finish(name: str, op: str, value: float | None, text: str, unit: str | None):
    name = sentence_case(clean(name).strip(" ,.;:-"))
    if len(name.split()) < 4 or value is None:
        return None
    # the target's own words ("≥ 60%", "ít nhất 3,0%"), not the whole sentence
    found = list(re.finditer(rf"((?:(?:không dưới|không quá|tối đa|có|co|c6|đạt|dat|ít nhất|tối thiểu|trên|từ|dưới|"
                             rf"[><=≥≤])\s*)*({NUMBER})\s*%?"
                             rf"(?:\s*-\s*{NUMBER}\s*%)?)", text, flags=re.I))
    # the words of the target's own figure, not of a figure in the name ("mức 2", "tỷ 1€")
    m = next((x for x in reversed(found) if tidy(parse_number(x.group(2), percent=unit == "%") or 0) == tidy(value)),
             found[0] if found else None)
    return name, YearTarget(year=None, op=op, value=tidy(value), text=clean(m.group(1)) if m else clean(text)), unit


def _collect(stmts, ctx: Context, year: int | None) -> list[Found]:
    found: list[Found] = []
    for st in stmts:
        before = len(found)
        fy = _YEAR_HEADING.search(fold(st.text))
        if fy and (is_heading(st.text) or len(st.text) < 60 or re.match(r"^\W*\d+(\.\d+)+", st.text)):
            year = int(fy.group(1) or fy.group(2))
            continue
        numbered = re.match(r"^\W*\d+(\.\d+)+\.?\s+\D{0,25}?\b(20[2-6]\d)\s*:?\s*$", st.text)
        if numbered:  # "2.4. Đến hết năm 2040" with the words damaged by OCR
            year = int(numbered.group(2))
            continue
        levels = _per_level(st.text, ctx)
        if levels:
            for item in levels:
                for target in item.targets:
                    target.year = year
                found.append(Found(item, st.page, st.line_start, st.line_end, 0.6 if not ctx.ocr else 0.5))
            continue
        # ("Chỉ số …: năm 2026 đạt ≥ 0,55; năm 2027 đạt ≥ 0,62": the years' targets parted by ';')
        whole = _per_year(st.text, ctx) if ";" in st.text and len(re.findall(r"\b20\d\d\b", st.text)) >= 2 else None
        if whole is not None:
            found.append(Found(whole, st.page, st.line_start, st.line_end, 0.6 if not ctx.ocr else 0.5))
            continue
        for clause in clauses(st.text):
            per_year = _per_year(clause, ctx)
            if per_year is not None:
                found.append(Found(per_year, st.page, st.line_start, st.line_end, 0.6 if not ctx.ocr else 0.5))
                continue
            for part in re.split(r",\s+(?=(?:[Tt][yỷi]\s*(?:l|1|I)\S*)\s)", clause):
                got = prose_target(part, ctx)
                if got is None:
                    continue
                name, target, unit = got
                target.year = year
                same = next((x for x in found if similar(x.item.name, name) >= 0.8), None)
                if same is not None:
                    if all(t.year != year for t in same.item.targets):
                        same.item.targets.append(target)
                    continue
                later = _later_years(part, target, unit)
                if later and year is None:
                    target.year = ctx.year  # ("đạt 85%, đến năm 2030 đạt 95%": the first is the plan's year)
                item = Indicator(name=name, unit=unit, targets=[target, *later], lead=_lead_in_brackets(part))
                found.append(Found(item, st.page, st.line_start, st.line_end, 0.6 if not ctx.ocr else 0.5))
        lead = next((unit for clause in clauses(st.text) if (unit := _assigned_lead(clause))), None)
        for x in found[before:]:
            x.item.lead = x.item.lead or lead
    return found


# ", đến năm 2030 đạt 95%", "; năm 2030 đạt 90%" after a target (folded): a later year's target
_LATER_YEAR = re.compile(rf"[,;]\s*(?:va\s+)?(?:(?:den|toi)\s+)?(?:het\s+)?nam\s+(?P<year>20\d\d)\s*,?\s*(?:phan dau\s+)?"
                         rf"(?:dat|la)\s+(?P<cmp>(?:tu|tren|it nhat|toi thieu|[>≥])?)\s*(?P<num>{NUMBER})\s*(?P<pct>%?)")


def _later_years(clause: str, first: YearTarget, unit: str | None) -> list[YearTarget]:
    """The targets of later years written after a target ("… đạt 85%, đến năm 2030 đạt 95%")."""
    text, f = folded_same_length(clause)
    out = []
    for m in _LATER_YEAR.finditer(f):
        if bool(m.group("pct")) != (unit == "%"):
            continue
        value = parse_number(m.group("num"), percent=unit == "%")
        op = comparator(text[m.start("cmp"):m.start("num")], True) or first.op
        if value is not None:
            out.append(YearTarget(year=int(m.group("year")), op=op, value=tidy(value),
                                  text=clean(text[m.start("cmp"):m.end("pct")])))
    return out


# "…; giao Phòng Kinh tế chủ trì, phối hợp …" after a target (folded): the unit it is given to
_ASSIGNED = re.compile(r"^\W*(?:giao(?:\s+cho)?|do)\s+(?P<unit>[^,;()]{4,60}?)\s+(?:chu tri|theo d\w{0,3}|phu trach)(?!\w)")  # ("theo đi": "dõi" misread)


def _assigned_lead(clause: str) -> str | None:
    text, folded = folded_same_length(clause)
    m = _ASSIGNED.match(folded)
    return clean(text[m.start("unit"):m.end("unit")]).strip(" ,;") or None if m else None


# "(Phòng Kinh tế chủ trì theo dõi)", "(giao Công an xã theo dõi)" after a target (folded)
_BRACKETED_LEAD = re.compile(r"\((?:giao\s+|do\s+)?(?P<unit>[^()]{4,60}?)\s+(?:chu tri|theo doi|phu trach)\b[^()]*\)")


def _lead_in_brackets(clause: str) -> str | None:
    """The unit a target is given to in brackets after it: "… đạt 100% (Phòng Kinh tế chủ trì
    theo dõi)" is led by Phòng Kinh tế."""
    text, folded = folded_same_length(clause)
    m = _BRACKETED_LEAD.search(folded)
    if m is None:
        return None
    return clean(text[m.start("unit"):m.end("unit")]).strip(" ,;") or None


# "Tỷ lệ hồ sơ giải quyết trực tuyến: cấp tỉnh 90%; cấp xã 60%" (folded): a target per level
_PER_LEVEL = re.compile(r"^(?P<name>[^:]{12,}?)\s*:\s*(?P<rest>cap\s+[^\W\d_]+.*\d.*)$")


def _per_level(statement: str, ctx: Context) -> list[Indicator]:
    """An indicator whose target is set per level, read as a table's per-level cell is
    (`make_indicators`): one per level, named "… (cấp tỉnh)", in a province's plan; the
    commune's own level's target in a commune's."""
    text, f = folded_same_length(re.sub(r"^(?:[a-zđ]\)|\d{1,2}[.,)])\s+", "", clean(strip_bullet(statement))).rstrip(" .;"))
    m = _PER_LEVEL.match(f)
    if m is None:
        return []
    rest = text[m.start("rest"):]
    levels = levels_in([rest])
    if len(levels) < 2:
        return []
    name = sentence_case(clean(text[:m.end("name")]))
    # (name suffix, the cell's part): each level in a province's plan, the commune's own in a commune's
    parts = [(f" ({level})", for_level(rest, level)) for level in levels] if province_level(ctx.level) \
        else [("", level_target(rest, ctx.level))]
    out = []
    for suffix, part in parts:
        target_text = re.sub(r"^\s*[Cc]ấp\s+\S+(?:\s+(?:sở|ương))?\s*:?\s*", "", part).strip()
        target = parse_target(target_text, ocr=ctx.ocr)
        if target is None or target.value is None:
            return []
        unit = "%" if "%" in target_text else counted_unit(name)
        out.append(Indicator(name=f"{name}{suffix}", unit=unit,
                             targets=[YearTarget(year=None, op=target.op, value=target.value, text=clean(part))]))
    return out


# "Tên chỉ tiêu: năm 2026 đạt 60%, năm 2027 đạt 75%" (folded): a target for each year named
_PER_YEAR = re.compile(r"^(?P<name>[^:]{12,}?)\s*:\s*(?P<rest>nam\s+20\d\d\b.*)$")


def _per_year(clause: str, ctx: Context) -> Indicator | None:
    text, f = folded_same_length(re.sub(r"^(?:[a-zđ]\)|\d{1,2}[.,)])\s+", "", clean(strip_bullet(clause))).rstrip(" .;"))
    m = _PER_YEAR.match(f)
    if m is None:
        return _per_year_after(text, f, ctx)
    targets: list[YearTarget] = []
    start = m.start("rest")
    for part in re.finditer(r"(?:nam\s+20\d\d\b(?:\s*(?:va|,)\s*nam\s+20\d\d\b)*)(?P<value>.*?)(?=[,;]\s*nam\s+20\d\d\b|$)",
                            f[start:]):
        years = [int(y) for y in re.findall(r"20\d\d", part.group(0)[:part.start("value") - part.start()])]
        value_text = text[start + part.start("value"):start + part.end("value")].strip(" ,")
        target = parse_target(re.sub(r"^(?:đều|vẫn)\s+", "", value_text), ocr=ctx.ocr)
        if target is None or target.value is None:
            return None
        targets += [YearTarget(year=y, op=target.op, value=target.value, text=clean(value_text)) for y in years]
    if len(targets) < 2:
        return None
    name = sentence_case(clean(text[:m.end("name")]))
    unit = _year_targets_unit(name, f[start:])
    return Indicator(name=name, unit=unit, targets=targets)


# "… đạt từ 60% trở lên năm 2026 và từ 75% trở lên năm 2027", "…: 40 camera năm 2026, 60 camera
# năm 2027" (folded): each year after its target
_PER_YEAR_AFTER = re.compile(r"^(?P<name>[^:]{12,}?)(?:\s*:\s*|\s+dat\s+)(?P<rest>(?:[^\d:]{0,20})\d.*?\bnam\s+20\d\d\b.*)$")


def _year_targets_unit(name: str, targets: str) -> str | None:
    """The unit of an indicator whose targets per year are written after its name (`targets`,
    folded): a share's, what a "Số …" name counts, or an index's."""
    if "%" in targets:
        return "%"
    return counted_unit(name) or ("chỉ số" if re.match(r"chi so", fold(name)) else None)


def _per_year_after(text: str, f: str, ctx: Context) -> Indicator | None:
    m = _PER_YEAR_AFTER.match(f)
    if m is None:
        return None
    targets: list[YearTarget] = []
    at, end = m.start("rest"), 0
    for part in re.finditer(r"\s*(?:va\s+|,\s*|;\s*)?(?:dat\s+)?(?P<value>[^,;]*?\d[^,;]*?)\s+nam\s+(?P<year>20\d\d)\b", f[at:]):
        if part.start() != end:
            return None  # (words between the targets: no list of them)
        value_text = text[at + part.start("value"):at + part.end("value")].strip(" ,")
        target = parse_target(value_text, ocr=ctx.ocr)
        if target is None or target.value is None:
            return None
        targets.append(YearTarget(year=int(part.group("year")), op=target.op, value=target.value, text=clean(value_text)))
        end = part.end()
    if len(targets) < 2 or f[at + end:].strip(" .;"):
        return None
    name = sentence_case(clean(text[:m.end("name")]))
    unit = _year_targets_unit(name, f[at:])
    if unit is None:
        counted = re.match(r"\s*\d[\d.,]*\s+([^\W\d]+)", text[at:])
        unit = counted.group(1) if counted else None
    return Indicator(name=name, unit=unit, targets=targets)


def fill_from_prose(table: list[Found], prose_found: list[Found]) -> int:
    """A plan often states its targets twice, in the text and in an appendix table. Where OCR
    lost a table cell, take that year's target from the same indicator in the text.
    Returns how many targets were filled."""
    filled = 0
    for f in table:
        item = f.item
        best = max(prose_found, key=lambda p: fuzz.token_set_ratio(words(p.item.name), words(item.name)),
                   default=None)
        if best is None or fuzz.token_set_ratio(words(best.item.name), words(item.name)) < 85 \
                or _figures_differ(best.item.name, item.name):
            continue
        have = {t.year for t in item.targets if t.value is not None}
        for t in best.item.targets:
            if t.year is not None and t.year not in have and (item.targets or t.year is not None):
                item.targets = [x for x in item.targets if x.year != t.year] + [t]
                filled += 1
        item.targets.sort(key=lambda t: t.year or 0)
    return filled


def _figures_differ(a: str, b: str) -> bool:
    """Two names that both carry figures ("phủ sóng 5G" / "phủ sóng 6G", "mức 2" / "mức 3") name
    different indicators when the figures are not the same."""
    fa = {w for w in words(a).split() if re.search(r"\d", w)}
    fb = {w for w in words(b).split() if re.search(r"\d", w)}
    return bool(fa and fb and fa != fb)


def read_prose_indicators(lines: list[Line], ctx: Context, has_table: bool) -> list[Found]:
    """Plans: numbered targets in the text (used on their own when the plan has no indicator
    table, else to fill what the table lost)."""
    del has_table  # the caller decides how to use them
    stmts = statements(lines)
    start = next((i for i, st in enumerate(stmts) if has_keyword(st.text, "muc tieu", 90)
                  and (is_heading(st.text) or len(st.text) < 60)), 0)
    end = next((i for i, st in enumerate(stmts[start + 1:], start + 1) if is_heading(st.text)
                and re.search(r"to chuc thuc hien|kinh phi|giai phap|nhiem vu", fold(st.text))), len(stmts))
    return _collect(stmts[start:end], ctx, ctx.year)


def read_outlook_indicators(lines: list[Line], ctx: Context) -> list[Found]:
    """Reports: targets set in the outlook part ("Phương hướng nhiệm vụ năm 2026")."""
    stmts = statements(lines)
    for i, st in enumerate(stmts):
        if is_outlook_heading(st.text):
            years = re.findall(r"20\d\d", st.text)
            year = int(years[-1]) if years else (ctx.year + 1 if ctx.year else None)
            region = []
            for nxt in stmts[i + 1:]:
                if is_heading(nxt.text) or re.match(r"^\W*(noi nhan|tren day)", fold(nxt.text)):
                    break
                region.append(nxt)
            found = _collect(region, ctx, year)
            for f in found:
                f.item.group = clean(re.sub(r"^\W*[IVXL1l]+\s*[.)]\s*", "", st.text)).rstrip(":") or None
            return found
    return []
