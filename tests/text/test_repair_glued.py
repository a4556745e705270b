"""Repair of OCR damage the candidate generator used to miss: words run together, unseen forms."""

from __future__ import annotations

import pytest

from nq57.text.repair import repair_line, repair_text
from nq57.text.repair.tokens import split_line


@pytest.mark.parametrize(
    ("damaged", "clean"),
    [
        ("Giaonhiemvu cho cac phong", "Giao nhiệm vụ cho các phòng"),
        ("thuc hién theokéhoach cua huyén", "thực hiện theo kế hoạch của huyện"),
        ("cac xa datloai kha", "các xã đạt loại khá"),
    ],
)
def test_words_glued_by_ocr_are_split(damaged: str, clean: str) -> None:
    assert repair_line(damaged).text == clean


def test_latin_words_and_brands_are_never_split() -> None:
    line = "ket noi internet, facebook, online, camera, viettel, agribank, infographic cho nguoi dan"
    out = repair_line(line, force=True).text
    for word in ["internet,", "facebook,", "online,", "camera,", "viettel,", "agribank,", "infographic"]:
        assert word in out.split(), word


def test_split_keeps_one_line_per_input_line() -> None:
    text = "Phoihopcacnganh thuc hien\nbao cao ket qua"
    out = repair_text(text)
    assert len(out.split("\n")) == 2
    assert out.split("\n")[0].startswith("Phối hợp các ngành")


def test_clean_text_with_long_words_passes_unchanged() -> None:
    line = "Ứng dụng Zalo, Facebook và smartphone trong cải cách hành chính"
    assert repair_line(line).text == line


@pytest.mark.parametrize(
    ("damaged", "clean"),
    [
        ("nha nudce quan ly", "nhà nước quản lý"),  # an added speck letter, a line without marks
        ("ho so dugce tiep nhan", "hồ sơ được tiếp nhận"),
    ],
)
def test_unseen_forms_in_lines_without_marks(damaged: str, clean: str) -> None:
    assert repair_line(damaged).text == clean


def test_latin_words_in_lines_without_marks_stay() -> None:
    out = repair_line("phong chong virus qua email va video tren radio", force=True).text
    for word in ["virus", "email", "video", "radio"]:
        assert word in out.split(), word


def test_colon_speck_inside_a_word() -> None:
    assert [p.text for p in split_line("mua s:am may") if p.word] == ["mua", "s:am", "may"]
    assert repair_line("Mua s:am thiet bi").text == "Mua sắm thiết bị"
    assert "8:30" in repair_line("hop luc 8:30 sang").text


def test_comma_speck_after_a_lone_consonant() -> None:
    # no Vietnamese word is one consonant, so "t,hanh" is one word with a speck in it
    assert [p.text for p in split_line("dan so trudng t,hanh") if p.word][-1] == "t,hanh"
    assert repair_line("Dan so trudng t,hanh tiep can dich vu so").text.startswith("Dân số trưởng thành")
    # a comma that lost its space after a word still parts two words
    assert "," in repair_line("can bo,cong chuc").text


def test_ai_read_with_a_small_l_in_brackets() -> None:
    assert "(AI)" in repair_line("ung dung tri tue nhan tao (Al) trong quan ly").text


def test_the_identity_app_read_with_a_small_l() -> None:
    assert "(VNeID)" in repair_line("tai khoan dinh danh dien tu (VnelD) dat 91%").text
    assert "VNeID" in repair_line("cai dat ung dung VNelD cho nguoi dan").text


def test_marked_o_and_i_read_as_figures_after_a_consonant() -> None:
    # "đổi", "tối", "nội" read "d61", "t61", "n61": one word, not a letter and the figure 61
    assert [p.text for p in split_line("d61 moi") if p.word] == ["d61", "moi"]
    assert repair_line("cong nghe, d61 moi sang tao, t61 uu nguon luc").text.startswith("công nghệ, đổi mới sáng tạo, tối ưu")
    assert [p.text for p in split_line("ma61 ho") if p.word] == ["ma", "ho"]  # a word, then a figure
    assert repair_line("cac bai toan 16n ve khoa hoc").text == "các bài toán lớn về khoa học"
    assert "16m" in repair_line("cot cao 16m va dai 20km").text  # a figure and its unit stay


def test_capitalised_word_with_its_vowel_read_as_a_capital() -> None:
    # "COng", "HOi", "PAu": a capital, then the marked vowel read as a capital (Công, Hội, Đầu)
    assert repair_line("COng an xa va HOi Nong dan").text == "Công an xã và Hội Nông dân"
    assert repair_line("PAu tu trien khai").text.startswith("Đầu tư")
    assert "VNeID" in repair_line("ung dung VNeID va IoT").text  # mixed-case names stay


def test_tr_run_together_into_w_by_ocr() -> None:
    # the scan reads the two letters "tr" as one "w": "wong" trong, "wiéu déng" triệu đồng
    assert repair_line("hoat dong wong linh vuc chuyen doi so").text == "hoạt động trong lĩnh vực chuyển đổi số"
    assert repair_line("kinh phi la 18,5 wiéu déng").text == "kinh phí là 18,5 triệu đồng"
    assert repair_line("hé thong wuyén thanh cua xa").text == "hệ thống truyền thanh của xã"


def test_abbreviations_written_with_d_bar_get_it_back() -> None:
    # a scan without "Đ" reads HĐND as "HDND"; "HD" (hướng dẫn) is an abbreviation of its own
    assert repair_line("Van phong HDND va UBND xa").text == "Văn phòng HĐND và UBND xã"
    assert repair_line("Ban Chi dao CDS cua xa").text.endswith("CĐS của xã")
    assert repair_line("HD so 5").text.startswith("HD ")


def test_lom_read_as_a_figure_and_a_unit() -> None:
    # "16m" is "lõm" in "vùng lõm sóng", sixteen metres in "cột cao 16m"
    assert repair_line("Uu tién xoa cac ving 16m song o thén, ban").text == "Ưu tiên xóa các vùng lõm sóng ở thôn, bản"
    assert "16m" in repair_line("cot cao 16m va dai 20km").text


def test_a_heading_word_whose_last_vowel_the_scan_read_small() -> None:
    # "CHi", "PHi": a word in capitals whose marked last vowel came out as a small letter
    assert repair_line("II. CAC CHi TIEU CHU YEU").text == "II. CÁC CHỈ TIÊU CHỦ YẾU"
    assert repair_line("IV. KINH PHi THUC HIEN").text == "IV. KINH PHÍ THỰC HIỆN"
