"""Excel round trip: a pre-filled workbook (one sheet per responsible unit) that officers
fill offline, and its import. The import checks every cell and reports every problem at
once; it writes nothing if any cell is wrong, unless asked to import the good rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from zipfile import BadZipFile

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.utils.exceptions import InvalidFileException
from sqlalchemy import select
from sqlalchemy.orm import Session

from nq57.errors import InputFileError
from nq57.store.models.tracking import Indicator, Plan, Unit, Value
from nq57.track import values as value_service
from nq57.track.errors import ValueLocked
from nq57.track.plans import indicators_of
from nq57.track.values import period_of

HEADERS = ["ID", "Mã", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu năm", "Giá trị", "Tử số", "Mẫu số", "Ghi chú", "Phiên bản", "Trạng thái"]
INFO_SHEET = "Thông tin"
EDITABLE = {"Giá trị", "Tử số", "Mẫu số", "Ghi chú"}


@dataclass
class CellProblem:
    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"Trang '{self.sheet}', dòng {self.row}, cột {self.column}: {self.message}"


@dataclass
class ExcelImport:
    written: int = 0
    skipped: int = 0
    problems: list[CellProblem] = field(default_factory=list)


def _sheet_title(name: str, used: set[str]) -> str:
    title = "".join(c for c in name if c not in '[]:*?/\\')[:28] or "Đơn vị"
    base, n = title, 2
    while title in used:
        title = f"{base[:25]}-{n}"
        n += 1
    used.add(title)
    return title


def write_template(session: Session, commune: Unit, period: str, path: Path | str, unit: Unit | None = None) -> Path:
    p = period_of(period)
    path = Path(path)
    indicators = [i for i in indicators_of(session, commune, p.year) if unit is None or i.lead_unit_id == unit.id]
    current = {
        v.indicator_id: v
        for v in session.scalars(select(Value).where(Value.commune_id == commune.id, Value.period == str(p)))
    }
    groups: dict[str, list[Indicator]] = {}
    for ind in indicators:
        groups.setdefault(ind.lead_unit.name if ind.lead_unit else "Chưa phân công", []).append(ind)
    wb = Workbook()
    info = wb.active
    info.title = INFO_SHEET
    info.append(["Xã/phường", commune.name, commune.code])
    info.append(["Kỳ báo cáo", p.label, str(p)])
    info.append(["Hướng dẫn", "Nhập Giá trị, hoặc Tử số và Mẫu số (tỷ lệ % tự tính). Không sửa cột ID và Phiên bản."])
    used = {INFO_SHEET}
    bold = Font(bold=True)
    locked_fill = PatternFill("solid", fgColor="EEEEEE")
    for unit_name, rows in groups.items():
        ws = wb.create_sheet(_sheet_title(unit_name, used))
        ws.append(HEADERS)
        for cell in ws[1]:
            cell.font = bold
        for ind in rows:
            target = next((t for t in ind.targets if t.year == p.year), None)
            v = current.get(ind.id)
            ws.append([
                ind.id, ind.code or "", ind.name, ind.unit,
                (target.text or (f"{target.op} {target.value:g}" if target.value is not None else target.op)) if target else "",
                v.value if v and v.numerator is None else None,
                v.numerator if v else None, v.denominator if v else None, v.note if v else None,
                v.version if v else 0, v.state if v else "",
            ])
        for row in ws.iter_rows(min_row=2):
            for cell, header in zip(row, HEADERS, strict=True):
                if header in EDITABLE:
                    cell.protection = Protection(locked=False)
                else:
                    cell.fill = locked_fill
        for letter, width in zip("ABCDEFGHIJK", (8, 8, 70, 10, 14, 10, 10, 10, 30, 9, 12), strict=True):
            ws.column_dimensions[letter].width = width
        ws.freeze_panes = "D2"
        ws.column_dimensions["A"].hidden = False
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _number(raw, sheet: str, row: int, column: str, problems: list[CellProblem]) -> float | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        problems.append(CellProblem(sheet, row, column, f"'{raw}' không phải là số"))
        return None
    if isinstance(raw, int | float):
        return float(raw)
    text = str(raw).strip().replace("%", "").replace(" ", "")
    # Vietnamese writing: "1.234,5" -> 1234.5; "99,5" -> 99.5
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        return float(text)
    except ValueError:
        problems.append(CellProblem(sheet, row, column, f"'{raw}' không phải là số"))
        return None


def import_workbook(session: Session, path: Path | str, actor: str = "", import_good_rows: bool = False) -> ExcelImport:
    path = Path(path)
    try:
        wb = load_workbook(path, data_only=True)
    except FileNotFoundError as exc:
        raise InputFileError(str(path), "không tìm thấy tệp") from exc
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputFileError(str(path), "không phải tệp Excel .xlsx đọc được") from exc
    if INFO_SHEET not in wb.sheetnames:
        raise InputFileError(str(path), f"thiếu trang '{INFO_SHEET}' (hãy dùng tệp mẫu do 'nq57 values template' tạo)")
    info = wb[INFO_SHEET]
    commune_code, period = info["C1"].value, info["C2"].value
    commune = session.scalar(select(Unit).where(Unit.code == str(commune_code)))
    if commune is None:
        raise InputFileError(str(path), f"mã xã/phường '{commune_code}' trong trang '{INFO_SHEET}' không có trong cơ sở dữ liệu")
    p = period_of(str(period))
    result = ExcelImport()
    good: list[tuple[Indicator, dict]] = []
    for ws in wb.worksheets:
        if ws.title == INFO_SHEET:
            continue
        header = [c.value for c in ws[1]]
        if header[: len(HEADERS)] != HEADERS:
            result.problems.append(CellProblem(ws.title, 1, "-", "dòng tiêu đề khác tệp mẫu"))
            continue
        for r, row in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
            cells = dict(zip(HEADERS, row, strict=False))
            row_problems: list[CellProblem] = []
            value = _number(cells["Giá trị"], ws.title, r, "Giá trị", row_problems)
            num = _number(cells["Tử số"], ws.title, r, "Tử số", row_problems)
            den = _number(cells["Mẫu số"], ws.title, r, "Mẫu số", row_problems)
            note = str(cells["Ghi chú"]).strip() if cells["Ghi chú"] not in (None, "") else None
            if not row_problems and value is None and num is None and den is None:
                result.skipped += 1
                continue
            indicator = session.get(Indicator, cells["ID"]) if isinstance(cells["ID"], int) else None
            if indicator is None or session.get(Plan, indicator.plan_id).commune_id != commune.id:
                row_problems.append(CellProblem(ws.title, r, "ID", f"mã dòng '{cells['ID']}' không thuộc {commune.name}"))
            elif not row_problems:  # numbers unreadable: already reported, rules cannot apply
                for problem in value_service.check_value(session, indicator, str(p), value, num, den, note):
                    row_problems.append(CellProblem(ws.title, r, "Giá trị", problem.message))
                existing = value_service.get_value(session, indicator, str(p))
                version = cells["Phiên bản"] if isinstance(cells["Phiên bản"], int) else 0
                if existing is not None and existing.state == "approved":
                    row_problems.append(CellProblem(ws.title, r, "Giá trị", "số liệu đã được duyệt và khóa"))
                elif (existing.version if existing else 0) != version:
                    row_problems.append(CellProblem(ws.title, r, "Phiên bản", "số liệu đã được sửa sau khi tải mẫu; hãy tải mẫu mới"))
            if row_problems:
                result.problems += row_problems
            else:
                good.append((indicator, {"value": value, "numerator": num, "denominator": den, "note": note}))
    if result.problems and not import_good_rows:
        return result
    for indicator, fields in good:
        try:
            value_service.set_value(session, indicator, str(p), actor=actor, check=False, **fields)
            result.written += 1
        except ValueLocked as exc:
            result.problems.append(CellProblem("-", 0, "-", str(exc)))
    return result
