"""Turn the cells of one row (by role) into Plan JSON items; shared by every layout reader."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pydantic import BaseModel

from nq57.extract.deadlines import parse_deadline
from nq57.extract.model import BudgetLine, Deadline, Indicator, Result, ResultTarget, Task, YearTarget
from nq57.extract.numbers import NUMBER, parse_number, tidy
from nq57.extract.targets import parse_target
from nq57.extract.textutil import clean, fold, words
from nq57.extract.units import counted_unit

_UNITS = (
    ("%", "%"), ("ty le", "%"), ("phan tram", "%"), ("chi so", "chỉ số"), ("diem", "điểm"),
    ("thu bac", "thứ bậc"), ("thu hang", "thứ bậc"), ("xep hang", "thứ bậc"), ("nhiem vu", "nhiệm vụ"),
    ("ung dung", "ứng dụng"), ("nguoi", "người"), ("ho so", "hồ sơ"), ("trieu dong", "triệu đồng"),
)
_UNIT_HEADS = (r"(?:Phòng|Trung tâm|Công an|CA|Văn phòng|VP|Đoàn|Hội|UBND|Ủy ban|Trạm|Ban|Các|các|TT|Chi nhánh|Trường|Tổ|Đảng"
               r"|Mặt trận|UBMTTQ|Bưu|Viettel|VNPT|Ngân hàng|ngân hàng|Trưởng|trưởng|Bí thư|Doanh nghiệp|doanh nghiệp"
               r"|Hợp tác xã|HTX|MTTQ)")


@dataclass
class Context:
    """What the row readers need to know about the whole document."""

    ocr: bool = False
    year: int | None = None
    level: str | None = None
    as_of: str | None = None
    kind: str | None = None  # "plan" or "report"
    units: tuple[str, ...] = ()  # unit names the document itself writes out (`cells.document_units`)
    warnings: list[str] = field(default_factory=list)
    # summary counts ("3/6 chỉ tiêu đạt") with no list under them: checked against the whole
    # document's results once its tables are read too
    unlisted_counts: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class Found:
    """An extracted item with where it came from (page, lines) and a 0..1 confidence."""

    item: BaseModel
    page: int
    line_start: int
    line_end: int
    confidence: float


def normalise_unit(cell: str | None) -> str | None:
    text = clean(cell)
    if not text:
        return None
    f = words(text)
    if text.strip() == "%" or f in ("", "phan tram"):
        return "%" if "%" in text or f == "phan tram" else None
    for key, unit in _UNITS:
        if f.startswith(key) or f == key:
            return unit
    if "%" in text:
        return "%"
    # a word's capital is the cell's ("Hộ" is "hộ"); a symbol's is its own ("Mbps", "GB", "TB")
    symbol = any(a.islower() and b.isupper() for a, b in zip(text, text[1:], strict=False)) \
        or (len(text) >= 2 and text.isupper()) or bool(re.fullmatch(r"[GMKTk]?(?:bps|B|W|Wh|Hz)", text))
    return text if symbol else text.lower()


def clean_unit_name(cell: str | None) -> str | None:
    """A lead/evaluator cell: drop trailing explanations ("... căn cứ các văn bản của tỉnh")."""
    text = clean(cell).strip(" ;,.")
    if not text or re.fullmatch(r"[-–—x/…]+", text):
        return None  # "-": no unit named
    f = fold(text)
    m = re.search(r"\b(can cu|theo huong dan|theo quy dinh)\b", f)
    if m:
        text = text[:m.start()].strip(" ;,.")
    return text or None


def split_units(cell: str | None) -> list[str]:
    """'Phòng VHXH; Đoàn Thanh niên, TTHCC' -> three units; 'Các cơ quan, đơn vị' stays one."""
    text = clean(cell)
    if not text:
        return []
    parts: list[str] = []
    # " - " separates units only before a unit's head word ("Phòng VHXH - Đoàn TN"), not inside
    # a name ("Phòng Văn hóa - Xã hội")
    for chunk in re.split(rf"\s*;\s*|\s+-\s+(?={_UNIT_HEADS}\b)", text):
        pieces = re.split(rf",\s*(?={_UNIT_HEADS}\b|[A-ZĐ]{{2,}}\b)", chunk)
        parts.extend(p.strip(" ,.") for p in pieces if p and p.strip(" ,."))
    return [p for p in parts if p]


_LEVEL = re.compile(r"\bc[aấ]p\s+(t[iỉ]nh|x[aã]|ph[uư][oờ]ng|huy[eệ]n|c[oơ] s[oở]|trung [uư][oơ]ng)\b", re.I)


def levels_in(cells: list[str]) -> list[str]:
    """The levels ("cấp tỉnh", "cấp xã") the target cells of a row set targets for, where they
    set one per level ("Cấp tỉnh: 100%; cấp xã: 80%"); none when a cell names a single level."""
    found: list[str] = []
    for cell in cells:
        named = [f"cấp {m.group(1).lower()}" for m in _LEVEL.finditer(cell or "")]
        if len(named) >= 2:
            found += [n for n in named if n not in found]
    return found


def province_level(level: str | None) -> bool:
    """Whether a document is a province's own ("tỉnh", "thành phố" under the central government)."""
    return level in ("tỉnh", "thành phố")


def for_level(cell: str, level: str) -> str:
    """The part of a per-level cell for one level ("cấp xã: 80%"), the cell itself otherwise."""
    if len(_LEVEL.findall(cell or "")) < 2:
        return cell
    return next((seg for seg in re.split(r"[;,\n]", cell) if fold(level) in fold(seg)), cell)


def level_target(cell: str, level: str | None) -> str:
    """Per-level targets "cấp tỉnh 90%; cấp xã 60%": keep the part for the document's level."""
    f = fold(cell)
    if "cap " not in f or not re.search(r"cap (tinh|xa|phuong|huyen|co so)", f):
        return cell
    segments = re.split(r"[;,\n]", cell)
    wanted = ("cap xa", "cap phuong", "cap co so") if level in (None, "xã", "phường", "đặc khu") else ("cap tinh",)
    for seg in segments:
        if any(w in fold(seg) for w in wanted):
            return seg
    return segments[0]


def clean_name(text: str | None) -> str:
    text = clean(text).strip(" ;:")
    text = re.sub(r"^\d+(\.\d+)*[.)]\s+", "", text)
    if "]" not in text:
        text = re.sub(r"^[\[|]\s*(?=[^\W\d_])", "", text)  # a table's rule the scan read before the name ("[Tập huấn")
    # a dash left at the end is a wrapped unit cell's ("Phòng Văn hóa / - Xã hội"), never the name's
    return re.sub(r"\s+[-–—]$", "", text)


def group_name(text: str | None) -> str | None:
    text = clean(text)
    text = re.sub(r"^[IVXLivxl]+\s*[.|)]?\s+", "", text)
    text = re.sub(r"\(\s*\d+\s*\)\s*$", "", text).strip(" :.")
    return text or None


def make_indicators(cells: dict[str, str], year_cells: dict[int, str], ctx: Context, code: str | None,
                    group: str | None) -> list[Indicator]:
    """One indicator, or, in a province's plan, one per level where the row sets its targets per
    level ("Cấp tỉnh: 100%; cấp xã: 80%"): the province tracks both, named "… (cấp tỉnh)", "… (cấp
    xã)". A commune's plan keeps its own level's target (`level_target`): that one is its to reach."""
    levels = levels_in([*year_cells.values(), cells.get("target", "")]) if province_level(ctx.level) else []
    if len(levels) < 2:
        item = make_indicator(cells, year_cells, ctx, code, group)
        return [item] if item is not None else []
    out = []
    for level in levels:
        own = {**cells, "name": f"{clean_name(cells.get('name'))} ({level})"}
        if "target" in cells:
            own["target"] = for_level(cells["target"], level)
        item = make_indicator(own, {y: for_level(c, level) for y, c in year_cells.items()}, ctx, code, group)
        if item is not None:
            out.append(item)
    return out


def make_indicator(cells: dict[str, str], year_cells: dict[int, str], ctx: Context, code: str | None,
                   group: str | None) -> Indicator | None:
    name = clean_name(cells.get("name"))
    if not name:
        return None
    unit = normalise_unit(cells.get("unit"))
    targets: list[YearTarget] = []
    for year, cell in sorted(year_cells.items()):
        t = parse_target(level_target(cell, ctx.level), ocr=ctx.ocr, unit=unit)
        if t is not None:
            targets.append(YearTarget(year=year, op=t.op, value=t.value, text=t.text))
    if "target" in cells and not year_cells:
        t = parse_target(level_target(cells["target"], ctx.level), ocr=ctx.ocr, unit=unit)
        if t is not None:
            targets.append(YearTarget(year=ctx.year, op=t.op, value=t.value, text=t.text))
    if unit is None and targets and any("%" in (t.text or "") for t in targets):
        unit = "%"
    if unit is None and targets:
        # no unit column: the unit is written in the target cells ("Tối thiểu 24 cuộc", "60 camera")
        unit = "thứ bậc" if all(t.op == "rank" for t in targets) else next(
            (u for t in targets if t.op not in ("bool", "text") for u in [_unit_in_figures(t.text or "", None, "")] if u), None)
    lead = clean_unit_name(cells.get("lead"))
    evaluator = clean_unit_name(cells.get("evaluator"))
    director = clean(cells.get("director")) or None
    return Indicator(code=code, group=group, name=name, unit=unit, targets=targets, lead=lead,
                     evaluator=evaluator, director=director)


def make_task(cells: dict[str, str], ctx: Context, code: str | None, group: str | None) -> Task | None:
    name = clean_name(cells.get("name"))
    if not name:
        return None
    dl = parse_deadline(cells.get("deadline"))
    return Task(code=code, group=group, name=name, lead=clean_unit_name(cells.get("lead")),
                support=split_units(cells.get("support")), product=clean(cells.get("product")) or None,
                deadline=Deadline(text=dl.text, due=dl.due, recurrence=dl.recurrence),
                status=clean(cells.get("status")) or None)


# ("Đang thực hiện" in a results table: the target is to be judged at the year's end)
_STATUS_WORDS = (("chua danh gia", "not_evaluated"), ("chua co so lieu", "not_evaluated"), ("chua cong bo", "not_evaluated"),
                 ("dang thuc hien", "not_evaluated"), ("dang trien khai", "not_evaluated"),
                 ("chua dat", "not_achieved"), ("khong dat", "not_achieved"),
                 ("vuot", "achieved"), ("hoan thanh", "achieved"), ("dat", "achieved"))


def _unit_in_figures(actual: str, target: str | None, name: str) -> str | None:
    """A table without a unit column writes the unit with its figures ("88,42%", "2.315 tài
    khoản", "27/27 khu phố"); else a "Tỷ lệ …" is a share and a "Số …" counts its own word."""
    for text in (actual, clean(target)):
        if re.search(rf"{NUMBER}\s*%", text):
            return "%"
        symbol = re.search(rf"{NUMBER}\s*([GMKT]?bps|[GMKT]B|km2?|m2|ha|kWh?|MW)\b", text)
        if symbol:
            return symbol.group(1)  # "≥ 300 Mbps": a measure's symbol, as written
        m = re.search(rf"{NUMBER}\s+([^\W\d_]+(?:\s[^\W\d_]+)?)", text)
        if m and not re.match(r"(?:trieu|ty|nghin|ngan)\b", fold(m.group(1))):
            counted = counted_unit(f"Số {m.group(1)}")
            if counted:
                return counted
    if re.match(r"(?:ty le|ti le|muc do hai long)\b", fold(name)):
        return "%"
    return counted_unit(name) if re.match(r"(?:so|tong so)\s", fold(name)) else None


def make_result(cells: dict[str, str], ctx: Context) -> Result | None:
    """A row of a report's results table: name, unit, plan target, actual, assessment."""
    name = clean_name(cells.get("name"))
    if not name:
        return None
    unit = normalise_unit(cells.get("unit"))
    actual_text = clean(cells.get("actual"))
    m = re.search(NUMBER, actual_text)
    actual = tidy(parse_number(m.group(0), percent="%" in actual_text or unit == "%")) if m else None
    frac = re.search(rf"({NUMBER})\s*/\s*({NUMBER})", actual_text)
    num = den = None
    if frac:
        num, den = tidy(parse_number(frac.group(1))), tidy(parse_number(frac.group(2)))
        pct = re.search(rf"({NUMBER})\s*%", actual_text)
        actual = tidy(parse_number(pct.group(1), percent=True)) if pct else num
    if frac is None and cells.get("numerator") and cells.get("denominator"):
        # "Số đạt | Tổng số | Kết quả" columns: the count reached and the whole beside the result
        top, whole = (re.search(NUMBER, cells[k]) for k in ("numerator", "denominator"))
        if top and whole:
            num, den = tidy(parse_number(top.group(0))), tidy(parse_number(whole.group(0)))
    if unit is None:
        unit = _unit_in_figures(actual_text, cells.get("target"), name)
    target = None
    t = parse_target(cells.get("target"), ocr=ctx.ocr, unit=unit)
    if t is not None:
        target = ResultTarget(op=t.op, value=t.value, text=t.text)
    if actual is None and (target is None or target.op in ("bool", "text")):
        actual = yes_no(actual_text)  # "Có" against "KH: Có"; never a number for a "≥ 70%" target
    status = None
    verdict = words(cells.get("status"))
    for key, value in _STATUS_WORDS:
        if verdict and key in verdict:
            status = value
            break
    return Result(name=name, unit=unit, actual=actual, numerator=num, denominator=den, target=target,
                  status=status, as_of=ctx.as_of)


def yes_no(text: str | None) -> int | None:
    """A yes/no result cell: "Có", "Đã thực hiện", "Hoàn thành" -> 1; "Chưa", "Không" -> 0."""
    f = words(text)
    if re.fullmatch(r"(co|da (thuc hien|trien khai|hoan thanh|ban hanh|co)|hoan thanh|dat)", f):
        return 1
    if re.fullmatch(r"(chua|khong|chua (co|thuc hien|trien khai|hoan thanh)|khong (co|thuc hien))", f):
        return 0
    return None


def make_budget(cells: dict[str, str], unit: str | None, code: str | None) -> BudgetLine | None:
    item = clean_name(cells.get("name"))
    if not item:
        return None
    amount = parse_amount(cells.get("amount"))
    return BudgetLine(code=code, item=item, amount=amount, unit=unit)


def parse_amount(cell: str | None) -> float | int | None:
    text = clean(cell)
    m = re.search(NUMBER, text)
    if not m:
        return None
    # Money: one dot or comma followed by three digits is a thousands group ("3.000", "1,250").
    return tidy(parse_number(m.group(0), comma_thousands=True))
