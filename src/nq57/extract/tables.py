"""Real tables (Word, Excel, PDF, Markdown, tab-separated): column roles from header words.

A header cell is given a role by its folded words (first match wins):
code (STT, TT), support (phối hợp), director (phân công chỉ đạo), lead/evaluator (chủ trì,
phụ trách, theo dõi, đánh giá: the first such column is the lead, a second the evaluator),
deadline (thời gian, thời hạn, tiến độ), unit (đơn vị tính, ĐVT), amount (kinh phí, dự toán,
số tiền), year (a short header holding a year: "2025", "Năm 2030", "Chỉ tiêu 2026"),
product (sản phẩm; "kết quả" in a task table), name (chỉ tiêu, nhiệm vụ, nội dung), status,
actual (thực hiện), target (kết quả, kế hoạch, mục tiêu).
The table's kind follows from its roles: deadline/support -> tasks, amount -> budget, else
indicators. A table without a header that has as many columns as the previous one continues it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nq57.extract.items import (
    Context,
    Found,
    group_name,
    make_budget,
    make_indicator,
    make_indicators,
    make_result,
    make_task,
    parse_amount,
)
from nq57.extract.lines import Line
from nq57.extract.model import Indicator
from nq57.extract.numbers import tidy
from nq57.extract.textutil import clean, fold, sentence_case, words
from nq57.extract.units import counted_unit

_ROLE_RULES: list[tuple[str, str]] = [
    ("code", r"^(stt|tt|so tt|s tt|st t|t t|ma|ma so)$"),  # ("ST" / "T": a narrow column wraps it)
    ("support", r"phoi hop"),
    ("director", r"chi dao|^lanh dao"),  # "Lãnh đạo phụ trách": the leader, not the unit that leads
    ("status", r"tinh trang|trang thai|muc do hoan thanh|danh gia ket qua|ket qua danh gia|tu danh gia|^danh gia$"
               r"|so voi ke hoach|ghi chu danh gia"),
    ("deadline", r"thoi gian|thoi han|tien do|han hoan thanh|hoan thanh"),
    ("unit", r"^(don vi tinh|dvt|don vi do)\b|^don vi$"),
    ("lead", r"chu tri|phu trach|theo doi|danh gia|co quan thuc hien|don vi thuc hien"),
    ("source", r"^nguon\b"),  # "Nguồn kinh phí", "Nguồn vốn": where the money comes from, not how much
    ("amount", r"kinh phi|du toan|so tien|thanh tien|tong cong|gia tri|trieu dong|^tong$|^tong so$"),
    ("product", r"san pham"),
    ("cumulative", r"luy ke"),  # "Lũy kế 9 tháng": what was done so far, against the year's plan
    ("period", r"^trong (?:thang|quy|ky)\b|^ky bao cao"),  # "Trong tháng 10/2026": this period's own figure
    ("actual", r"thuc hien|uoc dat|da dat|ket qua dat"),
    ("name", r"chi tieu|nhiem vu|noi dung|ten|hang muc|cong viec|hoat dong|^chi so$"),
    ("target", r"ket qua|ke hoach|muc tieu|chi tieu"),
]
_YEAR = re.compile(r"\b(20[2-6]\d)\b")
# the lowest header row's words under a merged "Kết quả thực hiện" (folded)
_PART_PATTERNS = (("numerator", r"^so dat\b|^dat duoc\b|^so thuc hien\b"), ("denominator", r"^tong so\b|^tong\b"),
                  ("actual", r"^ket qua\b|^ty le\b|^ti le\b"))
# a group row that names the tasks' status ("Các nhiệm vụ đã hoàn thành", "… đang triển khai")
_STATUS_GROUP = re.compile(r"^(?:các\s+)?(?:nhiệm vụ|công việc)\s+((?:đã|đang|chưa|chậm|không)\b.*)$", re.I)
_ROMAN = re.compile(r"^[IVXL]+\.?$")
_CODE = re.compile(r"^(\d+(\.\d+)*|[a-zđ])[.)]?$")


@dataclass
class Spec:
    kind: str
    roles: dict[int, str]
    years: dict[int, int] = field(default_factory=dict)
    unit: str | None = None
    twins: dict[int, int] = field(default_factory=dict)  # column -> its repeat under a merged header
    labels: dict[int, str] = field(default_factory=dict)  # column -> its header as written


def _role(text: str) -> tuple[str | None, int | None]:
    w = words(text)
    if not w:
        return None, None
    years = _YEAR.findall(w)
    if years and len(w.split()) <= 4 and not re.search(r"thoi gian|thoi han|tien do|^trong (?:thang|quy|ky)\b", w):
        return "year", int(years[-1])
    for role, pattern in _ROLE_RULES:
        if re.search(pattern, w):
            return role, None
    return None, None


def detect_spec(header_rows: list[list[str]], report: bool = False) -> Spec | None:
    header_rows = [r for r in header_rows if not _column_numbers(r)] or header_rows
    width = max(len(r) for r in header_rows)
    merged = [_stack([r[i] for r in header_rows if i < len(r) and r[i]]) for i in range(width)]
    roles: dict[int, str] = {}
    years: dict[int, int] = {}
    twins: dict[int, int] = {}
    money_years = False  # year columns under "Kinh phí (triệu đồng)": a budget by year
    for i, text in enumerate(merged):
        if i and text and text == merged[i - 1] and not _YEAR.search(words(text)):
            # a cell merged across columns, repeated by the reader ("Nội dung | Nội dung"):
            # the pair is one column whose text may sit in either half
            twins[next(j for j in range(i, -1, -1) if merged[j] != text or j == 0 or merged[j - 1] != text)] = i
            continue
        role, year = _role(text)
        # a year header under a merged "Chỉ tiêu" heading: look at the lowest header row alone
        low = header_rows[-1][i] if i < len(header_rows[-1]) else ""
        low_role, low_year = _role(low)
        if low_role == "year":
            role, year = "year", low_year
        if role == "year" and year:
            years[i] = year
            roles[i] = "year"
            if re.search(r"kinh phi|du toan|trieu dong|nghin dong", words(text)):
                money_years = True
        elif role:
            roles[i] = role
    # "Kết quả thực hiện" merged over "Số đạt | Tổng số | Kết quả": the count reached, the whole
    # and the result itself, each named by the header's lowest row
    actual_columns = [i for i, r in roles.items() if r == "actual"]
    if len(actual_columns) >= 2:
        parts = {i: next((part for part, pattern in _PART_PATTERNS if re.search(pattern, words(
            header_rows[-1][i] if i < len(header_rows[-1]) else ""))), "") for i in actual_columns}
        if "actual" in parts.values() and any(parts.values()):
            for i, part in parts.items():
                roles[i] = part or "actual"
    # "kết quả" is the product of a task, the target of an indicator
    # (a "phối hợp" column beside a unit of measure and no deadline: indicators, with their partners)
    is_task = "deadline" in roles.values() or ("support" in roles.values() and "unit" not in roles.values())
    if report and not is_task and "actual" not in roles.values():
        # a report's "Kết quả thực hiện" column is what was achieved, not a target
        for i, r in list(roles.items()):
            if r == "target" and re.search(r"ket qua|thuc hien", words(merged[i])):
                roles[i] = "actual"
                break
    for i, r in list(roles.items()):
        if r == "target" and is_task:
            roles[i] = "product"
        if r == "product" and not is_task:
            roles[i] = "target"
    leads = [i for i, r in sorted(roles.items()) if r == "lead"]
    for i in leads[1:2]:
        roles[i] = "evaluator"
    names = [i for i, r in sorted(roles.items()) if r == "name"]
    for i in names[1:]:
        # a second 'chỉ tiêu' column is the target ("Chỉ tiêu năm 2026")
        roles[i] = "target"
    if "name" not in roles.values():
        return None
    values = set(roles.values())
    if is_task:
        kind = "tasks"
    elif "amount" in values and any(re.search(r"thanh tien|don gia", words(merged[i])) for i in roles):
        kind = "budget"  # "Đơn vị tính | Số lượng | Đơn giá | Thành tiền": priced items, whatever their unit
    elif ("amount" in values or money_years) and not ({"target", "unit"} & values) \
            and not ("year" in values and any(r == "name" and "chi tieu" in words(merged[i]) for i, r in roles.items())):
        # (a "Chỉ tiêu" table with year columns and a money column is still an indicator table)
        kind = "budget"  # (with a column per year, the amount is the total column's)
    elif ("actual" in values or {"period", "cumulative"} <= values) and report:
        kind = "results"
    elif {"target", "year", "unit", "lead"} & values:
        kind = "indicators"
    elif "actual" in values:
        kind = "results"
    else:
        return None
    unit = None
    for row in header_rows:
        for cell in row:
            m = re.search(r"(tri[eệ]u|ngh[iì]n|t[ỷy])\s+đ[oồ]ng|\bđồng\b", cell, re.IGNORECASE)
            if m:
                unit = clean(m.group(0)).lower()
    return Spec(kind, roles, years, unit, twins, {i: clean(text) for i, text in enumerate(merged)})


def _stack(cells: list[str]) -> str:
    """A column's header rows joined, a cell merged down (repeated by the reader) said once."""
    out: list[str] = []
    for c in cells:
        if not out or c != out[-1]:
            out.append(c)
    return " ".join(out)


def _column_numbers(cells: list[str]) -> bool:
    """A header row that numbers the columns: "(1) | (2) | (3) | …" or "1 | 2 | 3 | …"."""
    filled = [c for c in cells if c]
    numbers = [re.fullmatch(r"\(?(\d{1,2})\)?", clean(c)) for c in filled]
    if len(filled) < 3 or not all(numbers):
        return False
    values = [int(m.group(1)) for m in numbers if m]
    return values == list(range(values[0], values[0] + len(values)))


def _is_header(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    if not filled:
        return False
    if _column_numbers(cells):
        return True  # the columns' numbers under the header: "(1) | (2) | (3) | …"
    if len(filled) >= 2 and all(re.fullmatch(r"(?:năm\s*)?20[2-6]\d", clean(c), re.I) for c in filled):
        return True  # the years under a merged "Lộ trình" heading
    if len(filled) >= 2 and re.fullmatch(r"[A-ZĐ]|[IVXL]+\.?", clean(filled[0])) and len(set(filled[1:])) == 1:
        return False  # "A | Các nhiệm vụ đã hoàn thành", "I | Chỉ tiêu": a group row
    return any(_role(c)[0] for c in filled) and not _CODE.match(filled[0] or "") or \
        (len(filled) >= 2 and words(filled[0]) in ("stt", "tt"))


def _cells_by_role(cells: list[str], spec: Spec) -> tuple[dict[str, str], dict[int, str]]:
    by_role: dict[str, str] = {}
    by_year: dict[int, str] = {}
    for i, role in spec.roles.items():
        if i >= len(cells):
            continue
        cell = cells[i]
        twin = spec.twins.get(i)
        if twin is not None and twin < len(cells) and cells[twin] != cell:
            # the text half of a merged-header pair (the other may hold a number or nothing)
            cell = max((cell, cells[twin]), key=lambda c: len(re.findall(r"[^\W\d_]+", c)))
        if role == "year":
            by_year[spec.years[i]] = cell
        elif cell and role not in by_role:
            by_role[role] = cell
    return by_role, by_year


def _numeric_name_column(spec: Spec, rows: list[Line]) -> None:
    """Never take an all-number column (STT) for names: the name is then the wordiest column
    that holds no unit, date, figure or verdict (a second "name" header reads as a product)."""
    name_col = next((i for i, r in spec.roles.items() if r == "name"), None)
    if name_col is None:
        return
    cells = [(r.cells or [])[name_col] if name_col < len(r.cells or []) else "" for r in rows]
    filled = [clean(c) for c in cells if clean(c)]
    if not filled or not all(re.fullmatch(r"[\dIVXLivxl.)\s]+", c) for c in filled):
        return
    width = max(len(r.cells or []) for r in rows)

    def wordiness(col: int) -> int:
        cols = [col] + ([spec.twins[col]] if col in spec.twins else [])
        return sum(len(re.findall(r"[^\W\d_]{2,}", (r.cells or [])[c])) for r in rows for c in cols
                   if c < len(r.cells or []))

    free = [c for c in range(width) if c != name_col and c not in spec.twins.values()
            and spec.roles.get(c) in (None, "target", "product")]
    best = max(free, key=wordiness, default=None)
    if best is None or wordiness(best) <= len(filled):
        return
    if "code" in spec.roles.values():
        del spec.roles[name_col]
    else:
        spec.roles[name_col] = "code"
    spec.roles[best] = "name"


def _stated_unit(lines: list[Line], start: int) -> str | None:
    for line in lines[max(0, start - 4):start]:
        m = re.search(r"(tri[eệ]u|ngh[iì]n|t[ỷy])\s+đ[oồ]ng", line.text, re.IGNORECASE)
        if m:
            return clean(m.group(0)).lower()
    return None


def _goes_on(last: Line, first: Line, report: bool) -> bool:
    """The first row of a table is the rest of the previous table's last row, cut by a page
    break: as many cells, no number of its own, and no header's words."""
    a, b = last.cells or [], first.cells or []
    return bool(a) and len(a) == len(b) and not b[0].strip() and any(c.strip() for c in b[1:]) \
        and bool(a[0].strip()) and first.page != last.page and detect_spec([b], report) is None \
        and not _is_header(a)


def read_tables(lines: list[Line], ctx: Context) -> dict[str, list[Found]]:
    out: dict[str, list[Found]] = {"indicators": [], "tasks": [], "budget": [], "results": [], "totals": [],
                                   "task_budget": []}
    tables: dict[int, list[int]] = {}
    for idx, line in enumerate(lines):
        if line.cells is not None and line.table is not None:
            tables.setdefault(line.table, []).append(idx)
    previous: Spec | None = None
    # a header the PDF reader found as a table of its own, just above its body (the rules of a
    # header row drawn apart): one table with the rows below it
    merged: list[list[int]] = []
    for _table_id, idxs in sorted(tables.items()):
        if merged and merged[-1][-1] + 1 == idxs[0] and all(_is_header(lines[i].cells or []) for i in merged[-1]) \
                and len(lines[merged[-1][0]].cells or []) == len(lines[idxs[0]].cells or []):
            merged[-1] = merged[-1] + idxs
        elif merged and _goes_on(lines[merged[-1][-1]], lines[idxs[0]], ctx.kind == "report"):
            # a row the page break cut: its cells on the next page go on the row above
            last, first = lines[merged[-1][-1]], lines[idxs[0]]
            last.cells = [clean(f"{a} {b}") for a, b in zip(last.cells or [], first.cells or [], strict=True)]
            merged[-1] = merged[-1] + idxs[1:]
        else:
            merged.append(list(idxs))
    for idxs in merged:
        rows = [lines[i] for i in idxs]
        header_n = 0
        while header_n < min(3, len(rows)) and _is_header(rows[header_n].cells or []):
            header_n += 1
        spec = detect_spec([r.cells or [] for r in rows[:header_n]], ctx.kind == "report") if header_n else None
        if spec is None:
            width = max(len(r.cells or []) for r in rows)
            if previous is None or header_n or width < max(previous.roles) + 1:
                continue
            spec = previous
        previous = spec
        _numeric_name_column(spec, rows[header_n:])
        if spec.kind in ("budget", "tasks") and spec.unit is None and "amount" in spec.roles.values():
            spec.unit = _stated_unit(lines, idxs[0]) or "triệu đồng"
        _read_rows(rows[header_n:], spec, ctx, out)
    return out


def _indicator_in_task_table(by_role: dict[str, str], by_year: dict[int, str], group: str | None,
                             ctx: Context, code: str | None) -> Indicator | None:
    """A row of a table that lists targets and tasks together, when it sets a figure for an
    indicator ("Tỷ lệ …", "Số …" under "Chỉ tiêu", with "≥ 65%" or "40 hộ")."""
    name = by_role.get("name", "")
    target = by_role.get("product") or by_role.get("target") or next((v for _, v in sorted(by_year.items()) if v), "")
    if not target or not re.match(r"^(?:ty le|ti le|so(?! hoa\b)|chi so|muc do)\s", fold(name)):
        return None
    if group and not re.search(r"chi tieu", fold(group)) and re.search(r"nhiem vu", fold(group)):
        return None
    if not re.fullmatch(r"\W*(?:[<>≥≤=]|tren|tu|it nhat|toi thieu|dat)?\s*\d[\d.,]*\s*(?:%|[^\W\d_]+(?:\s[^\W\d_]+)?)?\W*",
                        fold(target)):
        return None  # "Cơ sở dữ liệu địa chính": a product, not a figure
    cells = {"name": name, "target": target, "lead": by_role.get("lead", "")}
    item = make_indicator(cells, {}, ctx, code, group)
    if item is None or not any(t.value is not None for t in item.targets):
        return None
    if item.unit is None and not any("%" in (t.text or "") for t in item.targets):
        item.unit = counted_unit(item.name)
    return item


def _read_rows(rows: list[Line], spec: Spec, ctx: Context, out: dict[str, list[Found]]) -> None:
    group: str | None = None
    code_col = next((i for i, r in spec.roles.items() if r == "code"), None)
    codes = [clean((row.cells or [])[code_col]).rstrip(".") if code_col is not None and code_col < len(row.cells or []) else ""
             for row in rows]
    for k, row in enumerate(rows):
        cells = row.cells or []
        by_role, by_year = _cells_by_role(cells, spec)
        code = clean(cells[code_col]) if code_col is not None and code_col < len(cells) else ""
        code = code.rstrip(".") or None
        name = by_role.get("name", "")
        values = [v for k, v in by_role.items() if k not in ("name", "code")] + [v for v in by_year.values() if v]
        if not name:
            continue
        if re.fullmatch(r"\d+", clean(name)) and (not values or all(
                re.fullmatch(r"\(?\d{1,2}\)?(?:\s*=\s*[\d\s/*x+-]+)?", clean(c)) for c in cells if clean(c))):
            continue  # the (1) (2) (3) column-number row, with its "7 = 6/4"
        total_row = fold(name).startswith("tong") or (not code and "tong" in fold(name))
        if spec.kind == "tasks":
            # "Tổng cộng" closes a task table with money; "Tổng kết, đánh giá …" is a task
            total_row = bool(re.fullmatch(r"\W*tong\s*(?:cong|so|kinh phi)?\W*", fold(name)))
        if spec.kind in ("budget", "tasks") and total_row:
            if "amount" in by_role:
                out["totals"].append(Found(make_budget(by_role, spec.unit, code), row.page, row.no, row.no, 0.9))
            continue  # "Tổng cộng": the table's total, no item or task
        # a group row whose title cell spans the columns: the reader repeats it in each of them
        spanned = len({clean(c) for i, c in enumerate(cells) if clean(c) and i != code_col}) == 1 and len(
            [c for i, c in enumerate(cells) if clean(c) and i != code_col]) > 1
        roman = bool(code and (_ROMAN.match(code) or (re.fullmatch(r"[A-ZĐ]\.?", code) and (not values or spanned))))
        if spanned and not roman:
            group = group_name(name)
            continue
        # "1 | Chính quyền số" over "1.1", "1.2": a numbered group, with no figures of its own
        numbered_group = bool(code and not values and k + 1 < len(rows) and codes[k + 1].startswith(f"{code}."))
        if roman or numbered_group or (not code and not values) or (not code and len(values) <= 1 and name.isupper()):
            group = group_name(name)
            continue
        item = None
        levels: list = []  # the same row's indicator for another level
        if spec.kind == "indicators":
            items = make_indicators(by_role, by_year, ctx, code, group)
            item, levels = (items[0], items[1:]) if items else (None, [])
        elif spec.kind == "tasks":
            as_indicator = _indicator_in_task_table(by_role, by_year, group, ctx, code)
            if as_indicator is not None:
                # "Chỉ tiêu, nhiệm vụ" in one table: a "Tỷ lệ …" row with a figure is an indicator
                out["indicators"].append(Found(as_indicator, row.page, row.no, row.no, 0.8 if ctx.ocr else 0.9))
                continue
            if not by_role.get("product") and len(by_year) == 1:
                by_role["product"] = next(iter(by_year.values()))  # "Mục tiêu năm 2026" of a task: its product
            status_group = _STATUS_GROUP.match(group or "")
            if status_group and "status" not in by_role:
                # tasks grouped under "A | Các nhiệm vụ đã hoàn thành": the group is their status
                by_role["status"] = sentence_case(status_group.group(1))
            item = make_task(by_role, ctx, code, None if status_group else group)
            if item is not None and "amount" in spec.roles.values():
                # a task table with a "Kinh phí" column: each task's money is a budget line
                line = make_budget(by_role, spec.unit or "triệu đồng", code)
                if line is not None and line.amount is not None:
                    out["task_budget"].append(Found(line, row.page, row.no, row.no, 0.8))
        elif spec.kind == "results" and "target" not in by_role and by_role.get("period") and by_role.get("cumulative"):
            # "Trong tháng 10/2026 | Lũy kế từ đầu năm" and no plan: two figures of the row, each
            # named after its column
            for role in ("period", "cumulative"):
                column = next(i for i, r in spec.roles.items() if r == role)
                label = spec.labels.get(column, "")
                cells_of = {**by_role, "actual": by_role[role],
                            "name": f"{by_role['name']} {label[:1].lower()}{label[1:]}"}
                result = make_result(cells_of, ctx)
                if result is not None:
                    if result.unit is None:
                        result.unit = counted_unit(result.name)
                    out["results"].append(Found(result, row.page, row.no, row.no, 0.95 if not ctx.ocr else 0.8))
            continue
        elif spec.kind == "results":
            if by_role.get("cumulative"):
                by_role["actual"] = by_role["cumulative"]  # the period's own figure is a part of it
            if "target" not in by_role and by_year:
                by_role["target"] = next(v for _, v in sorted(by_year.items()))
            item = make_result(by_role, ctx)
        elif spec.kind == "budget":
            item = make_budget(by_role, spec.unit, code)
            if item is not None and "amount" not in by_role and by_year:
                # no total column: the line's money is the sum of its years
                amounts = [a for a in (parse_amount(v) for v in by_year.values()) if a is not None]
                item.amount = tidy(sum(amounts)) if amounts else None
            if item is not None and item.amount is None:
                ctx.warnings.append(f"Dòng {row.no}: không đọc được số tiền của khoản '{item.item[:60]}'")
        if item is None:
            continue
        confidence = 0.95 if not ctx.ocr else 0.8
        if spec.kind == "indicators" and not item.targets:
            confidence = 0.5
            ctx.warnings.append(f"Dòng {row.no}: chỉ tiêu '{item.name[:60]}' không có giá trị mục tiêu đọc được")
        out[spec.kind].append(Found(item, row.page, row.no, row.no, confidence))
        out[spec.kind] += [Found(other, row.page, row.no, row.no, confidence) for other in levels]
