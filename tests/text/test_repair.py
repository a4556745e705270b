"""Repair of damaged Vietnamese: the issue's examples, pass-through, line count, case, accuracy floor."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nq57.text.document import Document, Paragraph, Table
from nq57.text.repair import is_damaged, repair_document, repair_line, repair_text
from nq57.text.repair.syllables import strip_marks

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
HELDOUT = Path(__file__).resolve().parents[2] / "src/nq57/text/repair/data/heldout"


@pytest.mark.parametrize(
    ("damaged", "clean"),
    [
        ("Ké hoach trién khai Nghi quyét s6 57-NQ/TW ngay 22/12/2024 ctia B6 Chinh tri",
         "Kế hoạch triển khai Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị"),
        ("Ty 1€ ho so", "Tỷ lệ hồ sơ"),
        ("tinh Pong Nai", "tỉnh Đồng Nai"),
        ("trong nim 2026", "trong năm 2026"),
        ("dugc giao", "được giao"),
        ("d6i méi sang tao", "đổi mới sáng tạo"),
        ("Ke hoach trien khai", "Kế hoạch triển khai"),
    ],
)
def test_issue_examples(damaged: str, clean: str) -> None:
    assert repair_line(damaged).text == clean


def test_all_caps_heading_stays_all_caps() -> None:
    assert repair_line("KE HOACH").text == "KẾ HOẠCH"
    assert repair_line("I. MUC DICH, YEU CAU").text == "I. MỤC ĐÍCH, YÊU CẦU"


def test_codes_numbers_and_abbreviations_pass_through() -> None:
    line = "Can cu Ke hoach s6 09/KH-UBND ngay 22/12/2024 dat 99,18% qua VNeID, TTHC, 5G, CCCD, UBND 57-NQ/TW"
    out = repair_line(line)
    assert out.changed
    for code in ["09/KH-UBND", "22/12/2024", "99,18%", "VNeID,", "TTHC,", "5G,", "CCCD,", "UBND", "57-NQ/TW"]:
        assert code in out.text.split(), code
    assert out.text.startswith("Căn cứ Kế hoạch số")


def test_clean_lines_are_not_damaged_and_pass_unchanged() -> None:
    clean = "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến đạt 99,18% (TTHC, VNeID)"
    assert not is_damaged(clean)
    assert repair_line(clean).text == clean
    assert not repair_line(clean).changed


@pytest.mark.skipif(not SEEDS.exists(), reason="shared seeds not present")
def test_clean_seed_passes_unchanged() -> None:
    path = next(SEEDS.glob("001_*.txt"))
    text = path.read_text(encoding="utf-8")
    assert repair_text(text) == unicodedata.normalize("NFC", text)


def test_damage_is_detected_per_line() -> None:
    text = "Tổ chức triển khai thực hiện nghiêm túc\nKe hoach trien khai nhiem vu\nBáo cáo kết quả"
    out = repair_text(text).split("\n")
    assert out[0] == "Tổ chức triển khai thực hiện nghiêm túc"
    assert out[1] == "Kế hoạch triển khai nhiệm vụ"
    assert out[2] == "Báo cáo kết quả"


def test_one_output_line_per_input_line() -> None:
    text = "Ke hoach\n\n  \nnam 2026\r\nbao cao\n"
    assert len(repair_text(text).split("\n")) == len(text.split("\n"))


def test_tokens_have_confidences() -> None:
    out = repair_line("Ke hoach trien khai")
    assert [t.source for t in out.tokens] == ["Ke", "hoach", "trien", "khai"]
    assert all(0.0 <= t.confidence <= 1.0 for t in out.tokens)
    assert out.confidence is not None


def test_repair_document_paragraphs_and_cells() -> None:
    doc = Document(source="x.txt", format="txt", blocks=[
        Paragraph("Bao cao ket qua thuc hien"),
        Paragraph("Tổ chức triển khai thực hiện"),
        Table(rows=[["STT", "Ten nhiem vu"], ["1", "Nang cap ha tang so"]]),
    ])
    repair_document(doc)
    assert doc.repaired
    assert doc.blocks[0].text == "Báo cáo kết quả thực hiện"
    assert doc.blocks[0].confidence is not None
    assert doc.blocks[1].text == "Tổ chức triển khai thực hiện"
    assert doc.blocks[1].confidence is None
    assert doc.blocks[2].rows[0] == ["STT", "Tên nhiệm vụ"]
    assert doc.blocks[2].rows[1][0] == "1"


def test_clean_document_keeps_short_plain_cells() -> None:
    doc = Document(source="x.txt", format="txt", blocks=[
        Paragraph("Tổ chức triển khai thực hiện nghiêm túc các nhiệm vụ được giao"),
        Table(rows=[["Big Data", "Có"], ["Ban", "100%"]]),
    ])
    repair_document(doc)
    assert not doc.repaired
    assert doc.blocks[1].rows == [["Big Data", "Có"], ["Ban", "100%"]]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_any_input_keeps_lines_and_gives_nfc(text: str) -> None:
    out = repair_text(text)
    assert len(out.split("\n")) == len(text.split("\n"))
    assert unicodedata.is_normalized("NFC", out)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["ke", "hoach", "s6", "d6i", "méi", "Pong", "1€", "ctia", "57-NQ/TW", "UBND",
                                 "22/12/2024", "“", ",", "KE", "HOACH", "-"]), max_size=30))
def test_damaged_word_soup_never_crashes(words: list[str]) -> None:
    line = " ".join(words)
    out = repair_line(line, force=True)
    assert len(out.text.split()) == len(line.split())


def test_accuracy_floor_on_heldout_stripped_text() -> None:
    files = sorted(HELDOUT.glob("*.txt"))
    assert files, "held-out text missing"
    lines = [ln for ln in files[0].read_text(encoding="utf-8").splitlines() if ln.strip()][:60]
    ok = total = 0
    for line in lines:
        out = repair_line(strip_marks(line), force=True).text.split()
        for want, got in zip(line.split(), out, strict=True):
            total += 1
            ok += want == got
    assert total > 300
    assert ok / total >= 0.9


def test_ocr_debris_glued_to_words_and_digits_read_as_letters() -> None:
    assert repair_line("Co’ quan chu tri").text == "Cơ quan chủ trì"
    assert repair_line("Ty 16 ho so dugc giai quyét").text == "Tỷ lệ hồ sơ được giải quyết"
    # Real numbers and real question marks stay.
    assert repair_line("ngay 16 thang 5 nam 2026 co 12 ho gia dinh").text == "ngày 16 tháng 5 năm 2026 có 12 hộ gia đình"
    assert repair_line("Hoi: o dau? Dap: tai xa").text.endswith("đâu? Đáp: tại xã")


def test_table_cell_line_breaks_are_kept() -> None:
    doc = Document(source="x.docx", format="docx", blocks=[
        Paragraph("Bao cao ket qua thuc hien nhiem vu chuyen doi so"),
        Table(rows=[["Nang cap\nha tang so", "Phong Van hoa - Xa hoi"]]),
    ])
    repair_document(doc)
    assert doc.blocks[1].rows[0] == ["Nâng cấp\nhạ tầng số", "Phòng Văn hóa - Xã hội"]


# --- Feedback from other areas: figures, codes, table rules and abbreviations survive repair ---

@pytest.mark.parametrize(
    ("damaged", "clean"),
    [
        ("ngay 19thang 8 nam 2025", "ngày 19 tháng 8 năm 2025"),
        ("ngay 3 thang4 nam 2026 to chuc 2lan", "ngày 3 tháng 4 năm 2026 tổ chức 2 lần"),  # "cap" alone is cấp or cặp
        ("S6:25/KH-UBND ngay 3 thang 4", "Số:25/KH-UBND ngày 3 tháng 4"),
    ],
)
def test_figures_glued_to_words_are_kept(damaged: str, clean: str) -> None:
    got = repair_line(damaged, force=True).text
    assert got == clean  # the scan lost the space between figure and word: it is put back
    assert sorted(ch for ch in got if ch.isdigit()) == sorted(ch for ch in damaged.replace("S6:", "") if ch.isdigit())


def test_table_rules_units_and_abbreviations_stay() -> None:
    line = "| STT | Noi dung cong viec | KH | 29k ho | 5ha lua | TT | TTHC qua VNeID, CCCD, HĐND |"
    got = repair_line(line, force=True).text
    assert got.count("|") == line.count("|")
    for kept in ["STT", "KH", "29k", "5ha", "TT", "TTHC", "VNeID,", "CCCD,", "HĐND"]:
        assert kept in got.split(), kept
    assert "Nội dung công việc" in got


def test_words_either_side_of_an_ellipsis_or_bracket_are_repaired() -> None:
    got = repair_line("chi phi van hanh, bao dudng...(Trién khai lap dat", force=True).text
    assert got == "chi phí vận hành, bảo dưỡng...(Triển khai lắp đặt"
    assert repair_line("cong an phuong)dam bao an ninh", force=True).text == "công an phường)đảm bảo an ninh"


def test_office_latin_words_stay_as_written() -> None:
    assert repair_line("mua may in, may scan va router cho bo phan mot cua", force=True).text \
        == "mua máy in, máy scan và router cho bộ phận một cửa"
    assert repair_line("S6 diém Wi-Fi cong cong mién phi", force=True).text == "Số điểm Wi-Fi công cộng miễn phí"


def test_ocr_words_with_digits_inside_still_repaired() -> None:
    assert repair_line("Ty 1é tré em tir 6 tudi tro 1én", force=True).text == "Tỷ lệ trẻ em từ 6 tuổi trở lên"
    assert repair_line("KE HOACH CHUYEN D6I S6").text == "KẾ HOẠCH CHUYỂN ĐỔI SỐ"


@pytest.mark.parametrize("line", ["tu 18 tuoi tro len", "nguoi tir 60 tudi trở lên dugc ho tro",
                                  "dan s6 tir 15 tudi tro lén"])
def test_tro_len_stays_tro_len(line: str) -> None:
    assert "trở lên" in repair_line(line, force=True).text


_WORDS = ["ke", "hoach", "thang", "nam", "ngay", "ho", "dan", "nguoi", "xa", "tinh", "dugc", "d6i", "méi", "s6",
          "Ty", "1€", "UBND", "STT", "chi", "tiéu"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(
    st.sampled_from(_WORDS),
    # A standalone one- or two-digit token may be OCR of a letter ("Ty 16" is "Tỷ lệ"): the LM decides.
    st.integers(min_value=100, max_value=999_999).map(str),
    st.tuples(st.integers(0, 9999), st.sampled_from(_WORDS[:10]), st.booleans()).map(
        lambda t: f"{t[0]}{t[1]}" if t[2] else f"{t[1]}{t[0]}"),  # glued: "19thang", "thang8"
    st.sampled_from(["|", "29k", "5ha", "99,18%", "22/12/2024", "57-NQ/TW", "S6:25"]),
), min_size=1, max_size=20))
def test_repair_never_loses_a_figure(words: list[str]) -> None:
    line = " ".join(words)
    got = repair_line(line, force=True).text

    def figures(text: str) -> list[str]:
        # "d6i" (đổi), "s6" (số), "1€" (lệ) and "S6:" are OCR letters, not figures; every other digit must survive.
        for ocr in ("d6i", "s6", "1€", "S6:"):
            text = text.replace(ocr, "")
        return sorted(ch for ch in text if ch.isdigit())

    assert figures(got) == figures(line), f"{line!r} was repaired as {got!r}"


def test_text_typed_without_marks_prefers_its_own_letters() -> None:
    from nq57.text.repair.model import load_model

    model = load_model()
    scores = {model.vocab[sid]: lp for sid, lp in model.candidates("ben", True)}
    same_letters = [lp for word, lp in scores.items() if strip_marks(word) == "ben"]
    other = [lp for word, lp in scores.items() if strip_marks(word) != "ben"]
    assert same_letters and other  # OCR readings (b for đ) are still offered ...
    assert max(other) < min(same_letters) - 2  # ... far behind the letters as typed


@pytest.mark.parametrize(
    ("damaged", "clean"),
    [
        ("+ Ty 18 ho so dugc so hoa", "+ Tỷ lệ hồ sơ được số hóa"),
        ("dat ty 18 95,54% so voi ke hoach", "đạt tỷ lệ 95,54% so với kế hoạch"),
        ("kinh phi 1,5 ty 18 trieu dong", "kinh phí 1,5 tỷ 18 triệu đồng"),  # a real figure after "tỷ"
    ],
)
def test_ty_le_read_as_digits_is_restored_but_figures_are_not(damaged: str, clean: str) -> None:
    assert repair_line(damaged, force=True).text == clean


@pytest.mark.parametrize(
    ("wrapped", "word"),
    [
        ("Trạm y tế đã bố trí bác sĩ gây\nmê hồi sức cho ca cấp cứu", "mê"),
        ("Học sinh xem video thí\nnghiệm do giáo viên tự làm", "thí"),
        ("Xã còn nhiều khó\nkhăn về nguồn nhân lực số", "khăn"),
    ],
)
def test_a_wrapped_sentence_keeps_its_context_over_the_line_break(wrapped: str, word: str) -> None:
    # each half alone is ambiguous ("gây" / "me", "thi" / "nghiem"); read together they are not
    out = repair_text(strip_marks(wrapped))
    assert out.count("\n") == 1
    assert word in out.split()
    assert out.replace("\n", " ") == repair_line(strip_marks(wrapped.replace("\n", " ")), force=True).text


def test_a_new_item_or_sentence_on_the_next_line_starts_afresh() -> None:
    # a capital, a bullet or a row number begins something new: it is read as it would be alone
    text = "Chủ trì triển khai kế hoạch\nCác cơ quan, đơn vị phối hợp\n- Công an xã"
    out = repair_text(strip_marks(text)).split("\n")
    assert out == [repair_line(strip_marks(ln), force=True).text for ln in text.split("\n")]


@pytest.mark.parametrize(
    ("damaged", "clean"),
    [
        ("tap huan cho can b, cong chirc, vién chirc", "tập huấn cho cán bộ, công chức, viên chức"),
        ("trién khai chit ky s, tai khoan s6", "triển khai chữ ký số, tài khoản số"),
    ],
)
def test_a_syllable_that_lost_its_vowel_to_ocr(damaged: str, clean: str) -> None:
    # the stacked marks of "ộ", "ố" can take the whole vowel with them: "b", "s"
    assert repair_line(damaged, force=True).text == clean


def test_a_lone_letter_of_a_list_stays() -> None:
    assert repair_line("b) Nhiem vu trong tam", force=True).text == "b) Nhiệm vụ trọng tâm"


def test_a_lost_vowel_in_a_scan_without_any_marks_but_not_in_typed_text() -> None:
    # "chirc" is spelt like no syllable: OCR, so "b" lost its vowel; typed text keeps "điểm b"
    assert repair_line("Ty le can b, cong chirc phuong", force=True).text == "Tỷ lệ cán bộ, công chức phường"
    assert repair_line("theo diem b khoan 2 dieu 5", force=True).text == "theo điểm b khoản 2 điều 5"


@pytest.mark.parametrize(
    ("damaged", "clean"),
    [
        ("Trién k}lai c6 hiéu qua cac chuong trinh", "Triển khai có hiệu quả các chương trình"),
        ("giai quyét tha tuc ha‘mh chinh", "giải quyết thủ tục hành chính"),
    ],
)
def test_braces_and_quotes_a_scan_put_inside_words(damaged: str, clean: str) -> None:
    assert repair_line(damaged, force=True).text == clean


def test_a_capital_i_read_as_l_in_a_mixed_case_name() -> None:
    assert repair_line("tai khoan dinh danh dién tir (VNelD)", force=True).text == \
        "tài khoản định danh điện tử (VNeID)"


def test_a_marked_vowel_read_as_two_glyphs() -> None:
    # "ệ" came out as "é" and a "¢": the second glyph is the mark, not another letter
    assert repair_line("Kinh phi phuc vu hé¢ théng quan ly ngan sach", force=True).text == \
        "Kinh phí phục vụ hệ thống quản lý ngân sách"


def test_lop_read_as_a_figure_and_a_letter() -> None:
    # "16p" is "lớp" ("l" and "ớ" read as figures); "30p" and "29k" stay figures
    assert repair_line("Tham gia cac 16p tap huan", force=True).text == "Tham gia các lớp tập huấn"
    assert repair_line("hoi nghi 30p, dat 29k luot", force=True).text == "hội nghị 30p, đạt 29k lượt"


def test_a_section_sign_read_for_s() -> None:
    assert repair_line("Tong §6 ho so tiép nhan", force=True).text == "Tổng số hồ sơ tiếp nhận"


def test_a_list_letter_at_a_line_start_stays_a_letter() -> None:
    # "b)" and "c)" read as the words "ở)" and "có)", or "6)" as "ở)", lost the list's order
    lines = repair_text("a) Ty 1é tha tuc hanh chinh\nb) Ty le ho so\nc) Ty lé dan s6\n6) Cac chi tiéu chua dat").splitlines()
    assert [line.split()[0] for line in lines] == ["a)", "b)", "c)", "6)"]


def test_the_repair_reads_the_same_whatever_the_hash_seed() -> None:
    # candidates of equal score were ranked in set order, which Python's hash seed shuffles: a scan
    # of a development set read "Choá" under one seed and "Coóc" under another
    scan = Path(__file__).resolve().parents[2] / "bench" / "extract_heldout17" / "ocr" / "1704.txt"
    outputs = set()
    for seed in ("1", "2"):
        run = subprocess.run([sys.executable, "-c", "import sys; from nq57.text.repair import repair_text; "
                              "print(repair_text(open(sys.argv[1], encoding='utf-8').read()))", str(scan)],
                             capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed}, check=True)
        outputs.add(run.stdout)
    assert len(outputs) == 1
