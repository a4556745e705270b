"""Write docs/1304.xlsx, set 13's spreadsheet plan, from the tables of sources/1304.txt.

Usage: python bench/extract_heldout13/make_xlsx.py
The workbook is laid out the way a commune office types a plan's tables in Excel: three sheets,
"Chi tieu", "Nhiem vu" and "Kinh phi". The first holds the header block (issuer, motto, "Số: …",
place and date) in merged cells, then "KẾ HOẠCH", the title and an italic line naming the documents
it carries out, then "Biểu 1" with a two-row merged header ("Chỉ tiêu kế hoạch" over "Năm 2026 |
Năm 2027"). The second holds "Biểu 2" (the tasks) under a merged title and an italic "(Kèm theo …)"
line; one deadline is a real date cell (dd/mm/yyyy). The third holds "Biểu 3" (the budget, unit line
above it) whose "Tổng cộng" column and total row are formulas, and the signature block under it.
Group rows are bold with the text merged across the row; bare figures are numbers, anything else
("≥ 95", "40 - 50", "-") stays text. LibreOffice then opens and saves the file once, so that the
formulas carry cached values as in a file saved by Excel.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent
FONT = "Times New Roman"
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)


def _number(cell: str):
    """'1.200' -> 1200, '75,5' -> 75.5, '30/06/2026' -> a date; anything else stays text."""
    if re.fullmatch(r"\d{2}/\d{2}/\d{4}", cell):
        d, m, y = (int(x) for x in cell.split("/"))
        return dt.datetime(y, m, d)
    if not re.fullmatch(r"\d{1,3}(\.\d{3})*(,\d+)?", cell):
        return cell
    value = float(cell.replace(".", "").replace(",", "."))
    return int(value) if value.is_integer() and "," not in cell else value


def tables(source: Path) -> list[list[tuple[str, list[str]]]]:
    """Every T: … /T block of the source, as (kind, cells) rows; kind is head, group or body."""
    out, rows = [], None
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("T: "):
            rows = []
        elif line.startswith("/T"):
            out.append(rows)
            rows = None
        elif rows is not None and line.startswith("|"):
            kind = {"|=": "head", "|*": "group"}.get(line[:2], "body")
            body = line[2:] if kind != "body" else line[1:]
            rows.append((kind, [c.strip() for c in body.strip().split("|")]))
    return out


class Sheet:
    def __init__(self, ws, widths):
        self.ws = ws
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        self.ncol = len(widths)

    def put(self, row, col, value, *, bold=False, italic=False, size=12, align=CENTRE, to_col=None):
        cell = self.ws.cell(row=row, column=col, value=None if value == "" else value)
        cell.font = Font(name=FONT, size=size, bold=bold, italic=italic)
        cell.alignment = align
        if to_col and to_col > col:
            self.ws.merge_cells(start_row=row, start_column=col, end_row=row, end_column=to_col)
        return cell

    def table(self, top: int, rows: list[tuple[str, list[str]]], *, formulas=None) -> int:
        """Write the rows from `top`; '^' / '<' merge up / left as in the source format."""
        r = top
        for kind, cells in rows:
            if kind == "group" and len(cells) < self.ncol:
                cells = cells + ["<"] * (self.ncol - len(cells))
            for c, text in enumerate(cells, start=1):
                if text in ("^", "<"):
                    continue
                if kind == "head":
                    self.put(r, c, text, bold=True)
                elif kind == "group":
                    self.put(r, c, _number(text) if c == 1 and text.isdigit() else text, bold=True,
                             align=LEFT if c > 1 else CENTRE)
                else:
                    value = int(text) if c == 1 and text.isdigit() else _number(text)
                    align = LEFT if isinstance(value, str) and len(value) > 12 else CENTRE
                    cell = self.put(r, c, value, align=align)
                    if isinstance(value, dt.datetime):
                        cell.number_format = "dd/mm/yyyy"
                    elif isinstance(value, float):
                        cell.number_format = "#,##0.0"
                    elif isinstance(value, int) and c > 1:
                        cell.number_format = "#,##0"
            for c, text in enumerate(cells, start=1):
                if text == "^":
                    up = r - 1
                    while rows[up - top][1][c - 1] == "^":
                        up -= 1
                    self.ws.merge_cells(start_row=up, start_column=c, end_row=r, end_column=c)
                elif text == "<" and (c == 1 or cells[c - 2] != "<"):
                    end = c
                    while end < len(cells) and cells[end] == "<":
                        end += 1
                    self.ws.merge_cells(start_row=r, start_column=c - 1, end_row=r, end_column=end)
            if formulas:
                formulas(self, r, kind, cells)
            r += 1
        for row in self.ws.iter_rows(min_row=top, max_row=r - 1, min_col=1, max_col=self.ncol):
            for cell in row:
                cell.border = BOX
        return r


def build(target: Path) -> None:
    chi_tieu, nhiem_vu, kinh_phi = tables(HERE / "sources" / "1304.txt")
    wb = Workbook()

    # Sheet 1: header block, title, Biểu 1
    s = Sheet(wb.active, (6, 50, 9, 12, 12, 24, 22))
    s.ws.title = "Chi tieu"
    s.put(1, 1, "ỦY BAN NHÂN DÂN", to_col=3)
    s.put(1, 4, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, to_col=7)
    s.put(2, 1, "XÃ IA GRAI", bold=True, to_col=3)
    s.put(2, 4, "Độc lập - Tự do - Hạnh phúc", bold=True, to_col=7)
    s.put(3, 1, "Số: 28/KH-UBND", to_col=3)
    s.put(3, 4, "Ia Grai, ngày 05 tháng 02 năm 2026", italic=True, to_col=7)
    s.put(5, 1, "KẾ HOẠCH", bold=True, size=14, to_col=7)
    s.put(6, 1, "Chuyển đổi số và phát triển khoa học, công nghệ, đổi mới sáng tạo trên địa bàn xã "
                "Ia Grai giai đoạn 2026 - 2027", bold=True, size=13, to_col=7)
    s.put(7, 1, "(Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị và Kế hoạch số "
                "15/KH-UBND ngày 12/01/2026 của Ủy ban nhân dân tỉnh Gia Lai)", italic=True, to_col=7)
    s.ws.row_dimensions[6].height = 34
    s.ws.row_dimensions[7].height = 32
    s.put(9, 1, "Biểu 1. CÁC CHỈ TIÊU CHỦ YẾU", bold=True, align=LEFT, to_col=7)
    s.table(10, chi_tieu)
    s.ws.freeze_panes = "A12"

    # Sheet 2: Biểu 2, the tasks
    s = Sheet(wb.create_sheet("Nhiem vu"), (6, 50, 24, 28, 14, 20))
    s.put(1, 1, "Biểu 2. NHIỆM VỤ CỤ THỂ", bold=True, size=13, to_col=6)
    s.put(2, 1, "(Kèm theo Kế hoạch số 28/KH-UBND ngày 05/02/2026 của Ủy ban nhân dân xã Ia Grai)",
          italic=True, to_col=6)
    s.table(4, nhiem_vu)
    s.ws.freeze_panes = "A5"

    # Sheet 3: Biểu 3, the budget, with formulas, and the signature block
    s = Sheet(wb.create_sheet("Kinh phi"), (6, 50, 12, 12, 13, 26))
    s.put(1, 1, "Biểu 3. DỰ TOÁN KINH PHÍ", bold=True, size=13, to_col=6)
    s.put(2, 1, "(Đơn vị tính: triệu đồng)", italic=True, to_col=6)
    first = 5  # the first item row (header on row 4)

    def sums(sheet: Sheet, r: int, kind: str, cells: list[str]) -> None:
        if kind == "body":
            sheet.ws.cell(row=r, column=5, value=f"=SUM(C{r}:D{r})").number_format = "#,##0.0"
        elif kind == "group":  # the "Tổng cộng" row
            for col in "CDE":
                c = sheet.ws[f"{col}{r}"]
                c.value = f"=SUM({col}{first}:{col}{r - 1})"
                c.number_format = "#,##0.0"
                c.font = Font(name=FONT, size=12, bold=True)
                c.alignment = CENTRE

    end = s.table(4, kinh_phi, formulas=sums)
    r = end + 1
    s.put(r, 4, "TM. ỦY BAN NHÂN DÂN", bold=True, to_col=6)
    s.put(r + 1, 4, "CHỦ TỊCH", bold=True, to_col=6)
    s.put(r + 5, 4, "Rơ Mah Thuấn", bold=True, to_col=6)

    for ws in wb.worksheets:
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.save(target)


def main() -> None:
    target = HERE / "docs" / "1304.xlsx"
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "1304.xlsx"
        build(raw)
        out = Path(tmp) / "out"
        subprocess.run(["libreoffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                        "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(raw)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.copy2(out / "1304.xlsx", target)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
