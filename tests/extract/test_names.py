"""Item names read word for word (folded, so the diacritic repair's choices do not matter):
what the name must hold and must not hold, where the document tests compare only by similarity."""

from __future__ import annotations

from functools import lru_cache

import pytest
from tests.extract.expect import DOCS

from nq57.extract.pipeline import extract_file
from nq57.extract.textutil import words


@lru_cache(maxsize=8)
def _items(stem: str, section: str) -> tuple[dict, ...]:
    return tuple(extract_file(DOCS / f"{stem}.txt").to_json()[section])


def _names(stem: str, section: str) -> list[str]:
    return [words(item["name"]) for item in _items(stem, section)]


@pytest.mark.parametrize("name", [
    # a page break and its number inside the sentence
    "ty le cap the can cuoc cong dan tren 14 tuoi",
    # a rate named after what it measures, "Tỷ lệ" written by the extractor
    "ty le kich hoat dinh danh dien tu",
    # what the rate is measured against
    "ty le ho so duoc so hoa thanh phan ho so khi tiep nhan so voi tong ho so duoc tiep nhan trong ky",
    # parts of a count in brackets, named after the count
    "so ho so dang giai quyet con trong han",
    "so ho so dang giai quyet qua han",
    # the second "(KH …)" and the OCR speck before the list mark are no part of the name
    "ty le du lieu dan cu cua xa duoc lam sach va dong bo voi tinh va du lieu ho tich duoc tich hop voi kho du "
    "lieu cap tinh",
])
def test_report_result_names(name: str) -> None:
    assert name in _names("bao-cao-ocr-ngat-trang", "results")


@pytest.mark.parametrize("name", [
    # "của Ban Chỉ huy quân sự xã" is the task's own text, not a cell
    "xay dung bao cao dinh ky cua ban chi huy quan su xa",
    # the lead cell's words ("HĐND &", "UBND") are not appended to the name
    "xay dung chuyen muc chuyen doi so tren trang thong tin dien tu cua xa cap nhat tin bai hang thang ve cac "
    "mo hinh so cua thon va hop tac xa",
    # a signature block after the last row is not the last row's text
    "tong ket danh gia ket qua chuyen doi so nam 2026",
    "ho tro nguoi dan nop ho so truc tuyen tai nha",
])
def test_flattened_task_names(name: str) -> None:
    assert name in _names("bang-ocr-o-xao-tron", "tasks")


@pytest.mark.parametrize("name", [
    # "Công dân số" in quotes is the task's text, not the start of a cell
    "to chuc cuoc thi cong dan so tan loc tren dia ban xa nham nang cao ky nang so cho nguoi dan",
    # no "&ĐT," of the lead cell
    "ho tro hop tac xa ho kinh doanh ban hang tren san thuong mai dien tu va thanh toan khong dung tien mat",
    # the support cell's line moved to its row takes the name's line below it along; no "IS A PN"
    "cap nhat du lieu dat dai nha o cua ho gia dinh len he thong dung chung cua tinh",
    "tap huan su dung chu ky so cho can bo cong chuc xa",
])
def test_task_names_keep_their_words_and_no_cell_words(name: str) -> None:
    assert name in _names("bang-ocr-ten-nhiem-vu", "tasks")


def test_a_garbled_rate_word_read_as_va_splits_no_part() -> None:
    from nq57.extract.items import Context
    from nq57.extract.results import extra_figures

    found = extra_figures("Tổng số hồ sơ đã giải quyết: 1.639 hồ sơ, trong đó trả kết quả trước hạn: 1.609 hồ sơ, "
                          "datot}”l và 98,17%; quá hạn: 30 hồ sơ", Context(ocr=True), None, set())
    rate = next(r for r in found if r.unit == "%")
    assert rate.actual == 98.17 and rate.numerator == 1609
    assert words(rate.name) == "ty le ho so tra ket qua truoc han"


def test_a_name_wrapped_over_flattened_lines_is_repaired_as_one_text() -> None:
    # diacritics compared too: each line alone, beside other columns' words, read "cén" /
    # "b6," as "cồn bộ" and "dan" / "cu" as "dân cũ"; the name's own words together read right
    from tests.extract.expect import load

    got = [item["name"] for item in _items("bang-ocr-ten-xuong-dong", "tasks")]
    for task in load("bang-ocr-ten-xuong-dong.json")["tasks"]:
        assert task["name"] in got


def test_a_count_of_two_kinds_named_together_is_one_result() -> None:
    from nq57.extract.items import Context
    from nq57.extract.results import extra_figures

    found = extra_figures("trang thông tin điện tử xã đã đăng tải 214 tin, bài về chuyển đổi số, cải cách hành chính",
                          Context(ocr=False), None, set())
    assert [(r.actual, r.name.startswith("Số tin, bài về chuyển đổi số")) for r in found] == [(214, True)]


@pytest.mark.parametrize("name", [
    # "… không dùng | giao dịch | 1.500 …" over "tiền mặt …": the unit column's cell sits inside the
    # wrapped name, and the count's own first words say it is the unit
    "so giao dich thanh toan khong dung tien mat tai quay mot cua",
    # the column writes the shorter unit ("lượt" of "Số lượt người …")
    "so luot nguoi dan tham gia boi duong ky nang so tai nha van hoa thon",
    "so ho kinh doanh mo tai khoan thanh toan dien tu tai cho xa",
    # "không dùng tiền mặt" on a name's last line is no "Không" verdict
    "ty le tieu thuong tai cho su dung thanh toan khong dung tien mat",
])
def test_a_unit_cell_inside_a_wrapped_result_name_is_left_out(name: str) -> None:
    assert name in _names("bang-ocr-ket-qua-don-vi-giua-ten", "results")


def test_a_result_row_keeps_no_specks_of_a_row_the_scan_lost_below_it() -> None:
    # "Chưa đánh" over "giá" with a note after it, then a line of specks: the row is read,
    # and its name ends where its words do
    assert "ty le ho gia dinh su dung dich vu y te tu xa" in _names("bang-ocr-ket-qua-chua-danh-gia-cat", "results")


@pytest.mark.parametrize("name", [
    # the unit column's capitalised cell and the target's words ("Bản | Ít nhất 4") are no name's
    "so ban co diem ban hang truc tuyen cua hop tac xa",
    # "itnhat3" glued, then a name's last line that ends like a header's "Đơn vị | tính"
    "so hop tac xa tham gia san thuong mai dien tu cua tinh",
])
def test_indicator_names_keep_no_unit_or_group_cells(name: str) -> None:
    assert name in _names("bang-ocr-chi-tieu-cot-don-vi-chu", "indicators")


def test_a_group_title_under_a_letter_ends_the_row_above_it() -> None:
    # "b) Kinh tế số" below the rank row; the rank's "Thứ | Tăng bậc" cells end its first line
    rank = next(n for n in _names("bang-ocr-chi-tieu-cot-don-vi-chu", "indicators") if n.startswith("xep hang"))
    assert rank.startswith("xep hang chi so chuyen doi so dti cap xa trong tinh")
    assert "kinh te" not in rank and "tang" not in rank


def test_yearly_target_rows_keep_their_names() -> None:
    names = _names("bang-ocr-chi-tieu-lo-trinh-nam-mo", "indicators")
    # "chợ 4.0" wrapped onto a line of its own is no row numbered 4.0
    assert "so mo hinh cho so cho 4 0" in names
    # two yearly figures before the lead's capital ("… chợ, 50 70 Phòng …") end the name
    shops = next(n for n in names if n.startswith("ty le ho kinh doanh tai cho"))
    assert shops.startswith("ty le ho kinh doanh tai cho tuyen pho su dung thanh toan so") and "50" not in shops


def test_a_unit_cell_of_two_words_is_spelt_as_the_cell_stands() -> None:
    # "Co sé | Tối thiểu 150" beside the row's words was repaired "có số"; alone it reads "Cơ sở"
    units = {words(item["name"]): item["unit"] for item in _items("bang-ocr-chi-tieu-cot-don-vi-chu", "indicators")}
    assert units["so doanh nghiep ho kinh doanh ban hang truc tuyen tren san thuong mai dien tu"] == "cơ sở"
