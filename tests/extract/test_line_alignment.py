"""Raw OCR words line up with their repaired words even when repair splits a glued figure."""

from __future__ import annotations

from nq57.extract.lines import Line, align_words, keep_numbers, repair_joined


def test_equal_word_counts_pair_one_to_one():
    assert align_words(["Ke", "hoach"], ["Kế", "hoạch"]) == ["Kế", "hoạch"]


def test_a_figure_glued_to_a_word_takes_two_repaired_words():
    raw = ["ngay", "19thang", "8", "nam", "2025"]
    fixed = ["ngày", "19", "tháng", "8", "năm", "2025"]
    assert align_words(raw, fixed) == ["ngày", "19 tháng", "8", "năm", "2025"]


def test_lines_that_cannot_line_up_give_none():
    assert align_words(["mot", "hai", "ba"], ["một"]) is None
    assert align_words(["mot"], ["một", "hai", "ba"]) is None


def test_repaired_span_uses_the_alignment_after_a_split():
    raw = "5 Quan 1y nha nude trén moi trudng 5O, két ndi"
    line = Line(text="5 Quản lý nhà nước trên môi trường 5 Ở, kết nối", page=1, no=1, raw=raw)
    start = raw.index("Quan")
    end = raw.index("ndi") + len("ndi")
    assert line.repaired_span(start, end) == "Quản lý nhà nước trên môi trường 5 Ở, kết nối"


def test_numbers_survive_repair_after_a_split():
    assert keep_numbers("cấp 2 lần số 29k", "cap 2lan s6 29k") == "cấp 2 lần số 29k"
    assert keep_numbers("đạt số hồ sơ", "dat 1.866 ho so") == "đạt 1.866 hồ sơ"


def test_a_wrapped_name_is_repaired_across_the_marks_the_scan_left_in_it():
    # a cell border read as "<" or "\" cut the language model's context: "ban hành đề"
    # (as in "đề án") instead of "ban hành để kịp thời"
    joined = repair_joined(["Ra soat cac quy dinh da ban hanh de <", "\\ kip thoi sua doi, bé sung"])
    assert joined == "Rà soát các quy định đã ban hành để kịp thời sửa đổi, bổ sung"
    assert repair_joined(["Cap nhat du lieu dan cu ~", "= va dat dai trén phan mém"]) == \
        "Cập nhật dữ liệu dân cư và đất đai trên phần mềm"
