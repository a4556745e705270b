"""The workbook read back with openpyxl."""

from __future__ import annotations

import io
from datetime import datetime

import openpyxl
from report_sample import sample_content

from nq57.report.xlsx import write_xlsx


def _book():
    return openpyxl.load_workbook(io.BytesIO(write_xlsx(sample_content(tasks=8))))


def test_four_sheets_with_frozen_headers_and_widths():
    book = _book()
    assert book.sheetnames == ["Chỉ tiêu", "Nhiệm vụ", "Kinh phí", "Số liệu"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet["A1"].font.bold
        assert all(sheet.column_dimensions[c].width > 0 for c in "ABC")
    assert book["Chỉ tiêu"].column_dimensions["C"].width >= 40


def test_indicator_values_are_numbers_with_formats():
    sheet = _book()["Chỉ tiêu"]
    header = [c.value for c in sheet[1]]
    row = {h: c for h, c in zip(header, sheet[2], strict=True)}
    assert row["Kết quả thực hiện"].value == 85.5 and row["Kết quả thực hiện"].number_format == "#,##0.##"
    assert row["Giá trị kế hoạch"].value == 80
    assert row["Đánh giá"].value == "Đạt"
    assert sheet.max_row == 6


def test_status_columns_are_coloured_by_rule():
    book = _book()
    for name, column in (("Chỉ tiêu", "J"), ("Nhiệm vụ", "H")):
        ranges = {str(r.sqref): r.rules for r in book[name].conditional_formatting}
        area = next(a for a in ranges if a.startswith(column + "2"))
        formulas = {rule.formula[0] for rule in ranges[area]}
        assert '"Đạt"' in formulas or '"Hoàn thành"' in formulas
        assert '"Chưa đạt"' in formulas or '"Quá hạn"' in formulas


def test_tasks_budget_and_raw_values():
    book = _book()
    tasks = book["Nhiệm vụ"]
    assert tasks.max_row == 9
    assert isinstance(tasks["F2"].value, datetime) and tasks["F2"].number_format == "dd/mm/yyyy"
    budget = book["Kinh phí"]
    assert [budget["C2"].value, budget["D2"].value, budget["E2"].value] == [120, 45.5, 37.92]
    raw = book["Số liệu"]
    assert [raw["C2"].value, raw["D2"].value, raw["E2"].value] == [85.5, 171, 200]
