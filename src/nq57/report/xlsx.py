"""The report's data as a workbook: indicators, tasks, budget and raw values, ready to sort and filter."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from nq57.report import wording
from nq57.report.content import ReportContent

NUMBER = "#,##0.##"  # Excel shows it with the reader's own separators (Vietnamese: 1.234,5)
INTEGER = "0"
DATE = "dd/mm/yyyy"
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
# Status colours by rule, so they follow the text when the official edits a status.
_STATUS_FILLS = {
    "Đạt": "C6EFCE",
    "Hoàn thành": "C6EFCE",
    "Chưa đạt": "FFC7CE",
    "Quá hạn": "FFC7CE",
    "Hoàn thành quá hạn": "FFEB9C",
    "Đang thực hiện": "FFEB9C",
    "Chưa đánh giá": "E7E6E6",
    "Chưa triển khai": "E7E6E6",
}

Column = tuple[str, float, str | None]  # header, width (characters), number format


def _sheet(
    ws: Worksheet,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Any]],
    status_column: int | None = None,
) -> None:
    ws.append([c[0] for c in columns])
    for cell in ws[1]:
        cell.font = Font(name="Times New Roman", bold=True)
        cell.fill = _HEAD_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
    for row in rows:
        ws.append(list(row))
    for index, (_, width, number_format) in enumerate(columns, 1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = width
        for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
            cell.font = Font(name="Times New Roman")
            cell.border = _BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=width > 20)
            if number_format:
                cell.number_format = number_format
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    if status_column and rows:
        letter = get_column_letter(status_column)
        area = f"{letter}2:{letter}{len(rows) + 1}"
        for label, colour in _STATUS_FILLS.items():
            ws.conditional_formatting.add(
                area,
                CellIsRule(
                    operator="equal", formula=[f'"{label}"'], fill=PatternFill("solid", bgColor=colour)
                ),
            )
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4


def _indicators(ws: Worksheet, content: ReportContent) -> None:
    columns: list[Column] = [
        ("STT", 6, INTEGER),
        ("Mã", 8, None),
        ("Chỉ tiêu", 60, None),
        ("Đơn vị tính", 12, None),
        ("Kế hoạch", 16, None),
        ("Giá trị kế hoạch", 14, NUMBER),
        ("Kết quả thực hiện", 14, NUMBER),
        ("Tử số", 12, NUMBER),
        ("Mẫu số", 12, NUMBER),
        ("Đánh giá", 16, None),
        ("Dự báo cuối năm", 14, NUMBER),
        ("Đơn vị chủ trì", 28, None),
        ("Ghi chú", 40, None),
    ]
    rows = [
        [
            n,
            i.code,
            i.name,
            i.unit,
            wording.target_cell(i.target, i.unit),
            i.target.value if i.target else None,
            i.value,
            i.numerator,
            i.denominator,
            wording.STATUS_LABEL[i.status],
            i.forecast,
            i.lead,
            i.reason,
        ]
        for n, i in enumerate(content.indicators, 1)
    ]
    _sheet(ws, columns, rows, status_column=10)


def _tasks(ws: Worksheet, content: ReportContent) -> None:
    columns: list[Column] = [
        ("STT", 6, INTEGER),
        ("Mã", 8, None),
        ("Nhiệm vụ", 60, None),
        ("Đơn vị chủ trì", 28, None),
        ("Thời hạn", 16, None),
        ("Hạn hoàn thành", 14, DATE),
        ("Sản phẩm", 24, None),
        ("Tình trạng", 20, None),
        ("Ghi chú", 40, None),
    ]
    rows = [
        [
            n,
            t.code,
            t.name,
            t.lead,
            t.deadline_text,
            t.due,
            t.product,
            wording.TASK_STATUS_LABEL[t.status],
            t.note,
        ]
        for n, t in enumerate(content.tasks, 1)
    ]
    _sheet(ws, columns, rows, status_column=8)


def _budget(ws: Worksheet, content: ReportContent) -> None:
    columns: list[Column] = [
        ("STT", 6, INTEGER),
        ("Nội dung", 60, None),
        ("Dự toán", 14, NUMBER),
        ("Đã giải ngân", 14, NUMBER),
        ("Tỷ lệ giải ngân (%)", 14, NUMBER),
        ("Đơn vị tính", 14, None),
        ("Nguồn kinh phí", 24, None),
    ]
    rows = [
        [
            n,
            b.item,
            b.planned,
            b.disbursed,
            round(100 * b.disbursed / b.planned, 2) if b.planned and b.disbursed is not None else None,
            b.unit,
            b.source,
        ]
        for n, b in enumerate(content.budget, 1)
    ]
    _sheet(ws, columns, rows)


def _raw(ws: Worksheet, content: ReportContent) -> None:
    columns: list[Column] = [
        ("Chỉ tiêu", 60, None),
        ("Kỳ", 10, None),
        ("Giá trị", 14, NUMBER),
        ("Tử số", 12, NUMBER),
        ("Mẫu số", 12, NUMBER),
        ("Đơn vị tính", 12, None),
        ("Trạng thái", 14, None),
        ("Người nhập", 18, None),
        ("Ghi chú", 40, None),
    ]
    rows = [
        [r.indicator, r.period, r.value, r.numerator, r.denominator, r.unit, r.state, r.entered_by, r.note]
        for r in content.raw_values
    ]
    _sheet(ws, columns, rows)


_SHEETS: list[tuple[str, Callable[[Worksheet, ReportContent], None]]] = [
    ("Chỉ tiêu", _indicators),
    ("Nhiệm vụ", _tasks),
    ("Kinh phí", _budget),
    ("Số liệu", _raw),
]


def write_xlsx(content: ReportContent) -> bytes:
    """The workbook as .xlsx bytes."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, fill in _SHEETS:
        fill(workbook.create_sheet(title), content)
    workbook.properties.title = f"Báo cáo {wording.subject(content)}"[:250]
    workbook.properties.creator = wording.issuer_name(content)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
