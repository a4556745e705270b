"""Unit cells of OCR-flattened task rows (`cells.read_cells`) on rows written here."""

from __future__ import annotations

from nq57.extract.cells import read_cells
from nq57.extract.lines import Line


def _cells(*texts: str, anchor: int = 0, level: str = "xã"):
    return read_cells([Line(t, 1, i + 1) for i, t in enumerate(texts)], anchor, level)


def test_a_lead_cell_over_lines_beside_its_number_is_read_whole_and_ends_the_name_where_it_stands() -> None:
    # "Các cơ" / "quan," / "đơn vị" beside "Phòng VHXH": the repeated "quan" on the number's line
    # is the cell's, not the "quản lý" of the task's text
    rows = ("Dau tu ung dung tri tue nhan tao Cac co quan",
            "7 phuc vu cac nhiem vu quan ly quan, Phong VHXH Thuong xuyen",
            "don vi")
    cells = _cells(*rows, anchor=1)
    assert (cells.lead, cells.support) == ("Các cơ quan, đơn vị", ["Phòng VHXH"])
    assert cells.unit_starts[1] == rows[1].rindex("quan,")


def test_a_unit_after_cua_is_the_tasks_text() -> None:
    cells = _cells("3 Bao cao dinh ky cua Ban Chi huy quan su xa Van phong HDND va UBND Hang quy")
    assert (cells.lead, cells.support) == ("Văn phòng HĐND và UBND", [])


def test_initials_finish_a_name_as_written() -> None:
    cells = _cells("4 Tiep nhan ho so phi dia gioi Trung tam Cac phong Nam 2026",
                   "toan trinh tren dia ban tinh phuc vu HCC chuyen mon")
    assert (cells.lead, cells.support) == ("Trung tâm Phục vụ HCC", ["Các phòng chuyên môn"])


def test_cong_dan_in_the_text_is_not_cong_an() -> None:
    cells = _cells("To chuc cuoc thi Cong dan so tren dia ban",
                   "5 xa nham nang cao ky nang so Doan Thanh nien Thang 9/2026", anchor=1)
    assert (cells.lead, cells.support) == ("Đoàn Thanh niên", [])


def test_a_short_lead_between_the_lines_of_a_collective_support_cell() -> None:
    # no line holds both: the named office leads, the collective supports
    cells = _cells("Cap nhat du lieu ho tich len he thong Cac co quan,",
                   "6 dung chung cua tinh Cong an xa Thuong xuyen",
                   "don vi", anchor=1)
    assert (cells.lead, cells.support) == ("Công an xã", ["Các cơ quan, đơn vị"])
