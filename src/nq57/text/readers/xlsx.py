"""Excel .xlsx: each worksheet's table, merged ranges filled, empty edges trimmed.

A report laid out in a sheet puts its letterhead, title and signature in rows around the table:
a row whose cells all say one thing (a merged line) is a paragraph, a row of two things (the
letterhead's two columns) a two-column table, and the table runs from its first row of three or
more cells to the next empty row.

Numbers are written the Vietnamese way the documents use: decimal comma, no thousands
separator ("3,5", "99,18%"); dates as dd/mm/yyyy.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from xml.etree.ElementTree import iterparse

from nq57.errors import InputFileError
from nq57.text.document import Block, Paragraph, Table
from nq57.text.readers.cells import clean_cell, trim_rows
from nq57.text.readers.limits import Limits

_RANGE = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$")


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _merged_ranges(ws) -> list[tuple[int, int, int, int]]:  # noqa: ANN001 - openpyxl sheet
    """(min_row, min_col, max_row, max_col) of each merged range, read from the sheet XML.

    openpyxl's read-only sheets do not expose merged cells, so the sheet part is
    streamed once more looking only for <mergeCell ref="A1:C2"/>.
    """
    path = getattr(ws, "_worksheet_path", None)
    archive = getattr(getattr(ws, "parent", None), "_archive", None)
    if not path or archive is None:
        return []
    ranges = []
    with archive.open(path) as source:
        for _, element in iterparse(source, events=("end",)):
            if element.tag.endswith("}mergeCell"):
                m = _RANGE.match(element.get("ref", ""))
                if m:
                    c1, r1 = _column_index(m.group(1)), int(m.group(2))
                    c2, r2 = (_column_index(m.group(3)), int(m.group(4))) if m.group(3) else (c1, r1)
                    ranges.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
            element.clear()
    return ranges


def _decimals(number_format: str) -> int:
    m = re.search(r"\.(0+)", number_format or "")
    return len(m.group(1)) if m else 0


def format_value(value: object, number_format: str = "General") -> str:
    """A cell value as the text a reader of the sheet sees."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, int | float):
        if "%" in (number_format or ""):
            text = f"{value * 100:.{_decimals(number_format)}f}%"
        elif float(value).is_integer() and abs(value) < 1e15:
            text = str(int(value))
        else:
            text = f"{value:.10g}"
        return text.replace(".", ",")
    return clean_cell(value)


def _fill_merged(grid: list[list[str]], ranges: list[tuple[int, int, int, int]]) -> None:
    """Give every cell of a merged range the value of its top-left cell (within the used area)."""
    width = max((len(r) for r in grid), default=0)
    for r1, c1, r2, c2 in ranges:
        if r1 > len(grid) or c1 > width:
            continue
        top_row = grid[r1 - 1]
        top = top_row[c1 - 1] if c1 <= len(top_row) else ""
        for r in range(r1, min(r2, len(grid)) + 1):
            cells = grid[r - 1]
            last = min(c2, width)
            cells.extend([""] * (last - len(cells)))
            for c in range(c1, last + 1):
                cells[c - 1] = top


def read_xlsx(data: bytes, limits: Limits, name: str) -> list[Block]:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    blocks: list[Block] = []
    cells_seen = 0
    try:
        for index, ws in enumerate(workbook.worksheets, start=1):
            grid: list[list[str]] = []
            # The stored dimension may claim A1:XFD1048576 (formatted whole columns):
            # forget it and walk only the rows the sheet really has.
            ws.reset_dimensions()
            for row in ws.iter_rows():
                cells_seen += len(row)
                if cells_seen > limits.max_cells:
                    raise InputFileError(name, f"bảng tính quá lớn (hơn {limits.max_cells:,} ô)")
                grid.append(
                    [format_value(getattr(c, "value", None), getattr(c, "number_format", "General")) for c in row]
                )
            _fill_merged(grid, _merged_ranges(ws))
            width = max((len(r) for r in grid), default=0)
            rows = trim_rows([r + [""] * (width - len(r)) for r in grid])
            # Leading empty rows and columns carry nothing either.
            while rows and not any(rows[0]):
                rows.pop(0)
            while rows and rows[0] and not any(r[0] for r in rows):
                rows = [r[1:] for r in rows]
            blocks.extend(_sheet_blocks(rows, index, clean_cell(ws.title)))
    finally:
        workbook.close()
    return blocks


def _sheet_blocks(rows: list[list[str]], page: int, name: str) -> list[Block]:
    blocks: list[Block] = []
    table: list[list[str]] = []
    pairs: list[list[str]] = []

    def flush() -> None:
        if table:
            blocks.append(Table(rows=list(table), page=page, name=name))
            table.clear()
        if pairs:
            blocks.append(Table(rows=list(pairs), page=page, name=name))
            pairs.clear()

    for row in rows:
        distinct = list(dict.fromkeys(c for c in row if c))
        if not distinct:
            flush()
        elif table or len(distinct) >= 3:
            if pairs:
                flush()
            table.append(row)
        elif len(distinct) == 2:
            pairs.append(distinct)
        else:
            flush()
            blocks.append(Paragraph(distinct[0], page=page))
    flush()
    return blocks
