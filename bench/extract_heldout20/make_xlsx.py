"""Build docs/2008.xlsx of development set 20 from sources/2008.txt (openpyxl).

Usage: python bench/extract_heldout20/make_xlsx.py

The source is in the line format of bench/make_extract_heldout.py: three `H:` lines (the
letterhead), `C:` / `c:` lines (the title block), one `T:` table (header rows `|=` with `^` / `<`
merges, group rows `|*`, body rows `|`) and the trailing `H:` lines (the signature block). The
workbook holds one sheet laid out as an office exports it from Excel: the letterhead in merged
cells of the top rows, the title merged across the table's width, the table with a merged two-row
header and a row of column numbers, thin borders, group rows merged across, figures as real numbers
(a Vietnamese "3.412" is stored 3412, "85,73" 85.73, with a number format), text cells ("≥ 10")
as text, then the signature block under the table.
"""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "sources" / "2008.txt"
TARGET = HERE / "docs" / "2008.xlsx"
FONT = "Times New Roman"
NUMBER = re.compile(r"^\d{1,3}(?:\.\d{3})*(?:,\d+)?$")
WIDTHS = [6, 46, 10, 11, 10, 10, 10, 24]


def _number(text: str):
    """A Vietnamese figure as a number and its format, or None for text."""
    if not NUMBER.match(text) or (len(text) > 1 and text.startswith("0") and "," not in text):
        return None
    whole, _, frac = text.replace(".", "").partition(",")
    if frac:
        return float(f"{whole}.{frac}"), "#,##0." + "0" * len(frac)
    return int(whole), "#,##0"


def parse(path: Path):
    head, title, table, sign = [], [], [], []
    lines = [ln.rstrip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("H: "):
            left, _, right = line[3:].partition("|")
            (sign if table else head).append((left.strip(), right.strip()))
        elif line.startswith(("C: ", "c: ")):
            title.append((line[0], line[3:].strip()))
        elif line.startswith("T: "):
            i += 1
            while not lines[i].startswith("/T"):
                row = lines[i]
                kind = {"|=": "head", "|*": "group"}.get(row[:2], "body")
                body = row[2:] if kind != "body" else row[1:]
                table.append((kind, [c for c in re.split(r"\s*\|\s*", body.strip())]))
                i += 1
        i += 1
    return head, title, table, sign


def build(source: Path = SOURCE, target: Path = TARGET) -> None:
    head, title, table, sign = parse(source)
    ncol = len(WIDTHS)
    last = get_column_letter(ncol)
    wb = Workbook()
    ws = wb.active
    ws.title = "Bieu tong hop"
    for c, w in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def put(row, col, value, *, bold=False, italic=False, size=12, align=centre):
        cell = ws.cell(row=row, column=col, value=value)
        cell.font = Font(name=FONT, size=size, bold=bold, italic=italic)
        cell.alignment = align
        return cell

    # letterhead: A:C on the left, D:H on the right
    r = 1
    for left, right in head:
        ws.merge_cells(f"A{r}:C{r}")
        ws.merge_cells(f"D{r}:{last}{r}")
        put(r, 1, left, bold=left.isupper() or left.startswith("Số:"))
        put(r, 4, right, bold=right.isupper(), italic=", ngày " in right)
        r += 1
    r += 1
    for tag, text in title:
        ws.merge_cells(f"A{r}:{last}{r}")
        put(r, 1, text, bold=tag == "C", italic=tag == "c", size=13 if text.isupper() else 12)
        if len(text) > 90:
            ws.row_dimensions[r].height = 33
        r += 1
    r += 1

    # the table
    top = r
    for kind, cells in table:
        if kind == "group" and len(cells) < ncol:
            cells = cells + ["<"] * (ncol - len(cells))
        for c, text in enumerate(cells, 1):
            if text in ("^", "<"):
                continue
            value, fmt = text or None, None
            if kind == "body" and text:
                num = _number(text)
                if num is not None:
                    value, fmt = num
            left = kind != "head" and c in (2, 8) or kind == "group"
            cell = put(r, c, value, bold=kind in ("head", "group"), size=11,
                       align=Alignment(horizontal="left" if left else "center", vertical="center",
                                       wrap_text=True))
            if fmt:
                cell.number_format = fmt
        for c in range(1, ncol + 1):
            ws.cell(row=r, column=c).border = box
        # Excel would fit wrapped rows on editing; set the height a saved file carries
        lines = max(-(-len(t) // int(WIDTHS[c] * 1.15)) for c, t in enumerate(cells)
                    if t not in ("^", "<") and kind != "group")  if kind != "group" else 1
        ws.row_dimensions[r].height = max(1, lines) * 15 + 2
        r += 1
    # merges: "^" with the cell above, "<" with the cell to the left (as the builder does)
    for k, (kind, cells) in enumerate(table):
        if kind == "group" and len(cells) < ncol:
            cells = cells + ["<"] * (ncol - len(cells))
        row = top + k
        c = 0
        while c < ncol:
            if cells[c] == "<":
                start = c - 1
                while cells[c] == "<" and c + 1 < ncol and cells[c + 1] == "<":
                    c += 1
                ws.merge_cells(start_row=row, start_column=start + 1, end_row=row, end_column=c + 1)
            c += 1
        for c, text in enumerate(cells):
            if text == "^" and (k == 0 or table[k - 1][1][c] != "^"):
                end = k
                while end + 1 < len(table) and table[end + 1][1][c] == "^":
                    end += 1
                ws.merge_cells(start_row=row - 1, start_column=c + 1, end_row=top + end, end_column=c + 1)
    r += 1

    # signature: left A:C, right E:H
    for left, right in sign:
        if left:
            ws.merge_cells(f"A{r}:C{r}")
            put(r, 1, left, bold=True)
        if right:
            ws.merge_cells(f"E{r}:{last}{r}")
            put(r, 5, right, bold=True)
        r += 1
        if right and right.isupper() and not right.startswith("KT."):
            r += 3  # room for the signature
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{top}:{top + 2}"
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)


if __name__ == "__main__":
    build()
    print(f"wrote {TARGET}")
