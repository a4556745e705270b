"""Write docs/804.xlsx, set 8's spreadsheet report, from the rows of sources/804.txt.

Usage: python bench/extract_heldout8/make_xlsx.py
The sheet is laid out the way a ward office types such a report in Excel: the header block (issuer,
motto, "Số: …", place and date) in merged cells above the title, a two-row merged table header, a
row of column numbers ("7 = 6/4"), bold group rows, figures as numbers (a "-" where there is none),
the ratio column as a formula, and the signature block under the table. LibreOffice then opens and
saves the file once, so that the formulas carry cached values as in a file saved by Excel.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

HERE = Path(__file__).resolve().parent
FONT = "Times New Roman"


def _number(cell: str):
    """'2.146' -> 2146, '88,6' -> 88.6, '-' stays text."""
    if not re.fullmatch(r"[\d.]+(,\d+)?", cell):
        return cell
    value = float(cell.replace(".", "").replace(",", "."))
    return int(value) if value.is_integer() and "," not in cell else value


def table_rows(source: Path) -> list[list[str]]:
    lines = source.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("T: "))
    rows = []
    for line in lines[start + 1:]:
        if line.startswith("/T"):
            break
        if line.startswith(("|* ", "| ")) and not line.startswith("|="):
            body = line[2:] if line.startswith("|*") else line[1:]
            rows.append(re.split(r"\s*\|\s*", body.strip()))
    return rows


def build(target: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "BC quy III"
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)

    def put(ref: str, value, *, bold=False, italic=False, size=12, align=centre, merge: str | None = None):
        ws[ref] = value
        ws[ref].font = Font(name=FONT, size=size, bold=bold, italic=italic)
        ws[ref].alignment = align
        if merge:
            ws.merge_cells(f"{ref}:{merge}")

    for col, width in zip("ABCDEFG", (6, 52, 10, 13, 13, 12, 13), strict=True):
        ws.column_dimensions[col].width = width
    put("A1", "ỦY BAN NHÂN DÂN", merge="C1")
    put("D1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, merge="G1")
    put("A2", "PHƯỜNG LÊ CHÂN", bold=True, merge="C2")
    put("D2", "Độc lập - Tự do - Hạnh phúc", bold=True, merge="G2")
    put("A3", "Số: 245/BC-UBND", merge="C3")
    put("D3", "Lê Chân, ngày 06 tháng 10 năm 2026", italic=True, merge="G3")
    put("A5", "BÁO CÁO", bold=True, size=14, merge="G5")
    put("A6", "Kết quả thực hiện các chỉ tiêu khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số "
              "quý III năm 2026", bold=True, size=13, merge="G6")
    put("A7", "(Thực hiện Kế hoạch số 18/KH-UBND ngày 20/01/2026 của Ủy ban nhân dân phường Lê Chân, "
              "thành phố Hải Phòng; số liệu tính đến ngày 30/9/2026)", italic=True, merge="G7")
    ws.row_dimensions[6].height = 34
    ws.row_dimensions[7].height = 32

    head = 9
    for col, text in zip("ABCD", ("STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2026"), strict=True):
        put(f"{col}{head}", text, bold=True, merge=f"{col}{head + 1}")
    put(f"E{head}", "Kết quả thực hiện", bold=True, merge=f"F{head}")
    put(f"E{head + 1}", "Thực hiện trong kỳ", bold=True)
    put(f"F{head + 1}", "Lũy kế", bold=True)
    put(f"G{head}", "Tỷ lệ so với KH (%)", bold=True, merge=f"G{head + 1}")
    for n, col in enumerate("ABCDEFG", start=1):
        put(f"{col}{head + 2}", n if n < 7 else "7 = 6/4", italic=True, size=11)
    ws.row_dimensions[head + 1].height = 32

    r = head + 3
    for cells in table_rows(HERE / "sources" / "804.txt"):
        if len(cells) == 2:  # a group row: "I | CHÍNH QUYỀN SỐ"
            put(f"A{r}", cells[0], bold=True)
            put(f"B{r}", cells[1], bold=True, align=left, merge=f"G{r}")
        else:
            stt, name, unit, plan, period, total, _ratio = cells
            put(f"A{r}", int(stt))
            put(f"B{r}", name, align=left)
            put(f"C{r}", unit)
            for col, text in zip("DEF", (plan, period, total), strict=True):
                put(f"{col}{r}", _number(text))
                if not isinstance(ws[f"{col}{r}"].value, str):
                    ws[f"{col}{r}"].number_format = "#,##0.0" if isinstance(ws[f"{col}{r}"].value, float) else "#,##0"
            if plan == "-":
                put(f"G{r}", "-")
            else:
                put(f"G{r}", f"=ROUND(F{r}/D{r}*100,1)")
                ws[f"G{r}"].number_format = "0.0"
        r += 1
    for row in ws.iter_rows(min_row=head, max_row=r - 1, min_col=1, max_col=7):
        for cell in row:
            cell.border = box

    r += 1
    put(f"A{r}", "NGƯỜI LẬP BIỂU", bold=True, merge=f"C{r}")
    put(f"D{r}", "TM. ỦY BAN NHÂN DÂN", bold=True, merge=f"G{r}")
    put(f"D{r + 1}", "KT. CHỦ TỊCH", bold=True, merge=f"G{r + 1}")
    put(f"D{r + 2}", "PHÓ CHỦ TỊCH", bold=True, merge=f"G{r + 2}")
    put(f"A{r + 6}", "Đỗ Thị Thu Hà", bold=True, merge=f"C{r + 6}")
    put(f"D{r + 6}", "Phạm Văn Khải", bold=True, merge=f"G{r + 6}")

    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{head}:{head + 2}"
    ws.freeze_panes = f"A{head + 3}"
    wb.save(target)


def main() -> None:
    target = HERE / "docs" / "804.xlsx"
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "804.xlsx"
        build(raw)
        out = Path(tmp) / "out"
        subprocess.run(["libreoffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                        "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(raw)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.copy2(out / "804.xlsx", target)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
