"""The rules that word a report: numbers, targets, counts, periods, signature, recipients."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from report_sample import sample_content

from nq57.errors import UserError
from nq57.report import wording
from nq57.report.content import IndicatorResult, Signer, Target
from nq57.report.numbers import vn_date_words, vn_number, vn_quantity
from nq57.report.periods import parse_period


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (85.5, "85,5"),
        (33099, "33.099"),
        (100.0, "100"),
        (0.62, "0,62"),
        (1234567.891, "1.234.567,89"),
        (0, "0"),
    ],
)
def test_numbers_use_vietnamese_separators(value, text):
    assert vn_number(value) == text


def test_quantities_carry_their_unit_except_indices():
    assert vn_quantity(91.4, "%") == "91,4%"
    assert vn_quantity(0.6, "chỉ số") == "0,6"
    assert vn_quantity(1200, "người") == "1.200 người"


def test_dates_pad_days_and_only_january_and_february():
    assert vn_date_words(date(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"
    assert vn_date_words(date(2026, 11, 20)) == "ngày 20 tháng 11 năm 2026"
    assert vn_date_words(date(2026, 4, 9)) == "ngày 09 tháng 4 năm 2026"
    assert vn_date_words(None, 2026).endswith("năm 2026")


@pytest.mark.parametrize(
    ("op", "value", "expected"),
    [(">=", 80, "có từ 80% trở lên"), (">", 90, "trên 90%"), ("=", 100, "100%"), ("<=", 5, "không quá 5%")],
)
def test_target_words_follow_the_operator(op, value, expected):
    assert wording.target_words(Target(op, value), "%") == expected


def test_text_targets_keep_the_plans_words():
    assert wording.target_words(Target("rank", None, "Tăng bậc"), "thứ bậc") == "tăng bậc"
    assert wording.target_cell(Target(">=", 0.6), "chỉ số") == "≥ 0,6"


@pytest.mark.parametrize(
    ("code", "label", "following"),
    [
        ("2026-Q1", "quý I năm 2026", "quý II năm 2026"),
        ("2025-Q4", "quý IV năm 2025", "quý I năm 2026"),
        ("2025-9M", "9 tháng đầu năm 2025", "3 tháng cuối năm 2025"),
        ("2026-6M", "6 tháng đầu năm 2026", "6 tháng cuối năm 2026"),
        ("2026-03", "tháng 3 năm 2026", "tháng 4 năm 2026"),
        ("2025", "năm 2025", "năm 2026"),
    ],
)
def test_period_labels(code, label, following):
    period = parse_period(code)
    assert (period.label, period.next_label) == (label, following)


def test_bad_period_is_a_user_error():
    with pytest.raises(UserError, match="2026-Q1"):
        parse_period("Q5-2026")


def _lines(content):
    return [line.text for line in wording.body(content)]


def test_indicator_groups_count_over_the_total_and_cite_value_and_target():
    text = "\n".join(_lines(sample_content()))
    assert "* Có 3/5 chỉ tiêu đạt và vượt kế hoạch đề ra:" in text
    assert "* Có 1/5 chỉ tiêu chưa đạt so với kế hoạch:" in text
    assert "* Có 1/5 chỉ tiêu chưa đánh giá (do tỉnh chưa công bố kết quả đánh giá):" in text
    assert "- Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến đạt 85,5% (KH có từ 80% trở lên);" in text
    assert "đạt 58,8% (KH có từ 80% trở lên). Nguyên nhân: một số thủ tục" in text
    assert "- Chỉ số chuyển đổi số cấp xã (KH có từ 0,6 trở lên)." in text


def test_counts_pad_to_two_digits_when_there_are_ten_or_more():
    base = sample_content()
    many = [IndicatorResult(f"Chỉ tiêu thử {n}", "%", Target(">=", 50), 60, "achieved") for n in range(12)]
    base.indicators = many
    assert "* Có 12/12 chỉ tiêu đạt và vượt kế hoạch đề ra:" in _lines(base)
    base.indicators = [*many[:9], replace(many[9], value=10, status="not_achieved")]
    assert "* Có 09/10 chỉ tiêu đạt và vượt kế hoạch đề ra:" in _lines(base)


def test_task_summary_adds_up():
    content = sample_content(tasks=12)
    summary = next(t for t in _lines(content) if t.startswith("Kế hoạch đề ra"))
    assert summary.startswith("Kế hoạch đề ra 12 nhiệm vụ; đến nay đã hoàn thành 4 nhiệm vụ")
    assert "2 nhiệm vụ quá hạn chưa hoàn thành" in summary


def test_directions_come_from_tasks_due_next_period_and_overdue_ones():
    lines = _lines(sample_content(tasks=6))
    heading = lines.index("III. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ II NĂM 2026")
    directions = lines[heading + 1 : lines.index("IV. ĐỀ XUẤT, KIẾN NGHỊ")]
    assert any("nhiệm vụ số 5" in d and "hoàn thành quý II/2026" in d for d in directions)
    assert any("khẩn trương hoàn thành nhiệm vụ quá hạn: nhiệm vụ số 3" in d for d in directions)
    # A task already done is never a direction for the next period.
    assert not any("nhiệm vụ số 1:" in d for d in directions)


def test_every_bullet_list_ends_with_a_full_stop():
    lines = wording.body(sample_content())
    for current, following in zip(lines, lines[1:], strict=False):
        if current.kind == "bullet" and following.kind != "bullet" and following.kind != "lead":
            assert current.text.endswith("."), current.text


def test_signature_depends_on_who_signs_and_on_the_variant():
    content = sample_content()
    assert wording.signature_lines(content) == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    content.signer = Signer("Trần Văn An", "Chủ tịch")
    assert wording.signature_lines(content) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    party = sample_content(party=True)
    party.signer = Signer("Trần Văn An", "Bí thư")
    assert wording.signature_lines(party) == ["T/M ĐẢNG ỦY", "BÍ THƯ"]


def test_header_lines_for_both_variants():
    ubnd, party = sample_content(), sample_content(party=True)
    assert wording.issuer_lines(ubnd) == (None, "ỦY BAN NHÂN DÂN\nXÃ TÂN TRIỀU")
    assert wording.issuer_lines(party) == ("ĐẢNG BỘ TỈNH ĐỒNG NAI", "ĐẢNG ỦY XÃ TÂN TRIỀU")
    assert wording.number_line(ubnd).endswith("/BC-UBND")
    assert wording.number_line(party).endswith("-BC/ĐU")
    assert wording.place_date_line(ubnd) == "Tân Triều, ngày 05 tháng 4 năm 2026"


def test_recipients_end_with_semicolons_and_a_full_stop():
    items = wording.recipients(sample_content())
    assert all(i.startswith("- ") for i in items)
    assert all(i.endswith(";") for i in items[:-1]) and items[-1].endswith(".")


def test_party_recipients_end_with_commas():
    items = wording.recipients(sample_content(party=True))
    assert all(i.endswith(",") for i in items[:-1]) and items[-1] == "- Lưu Văn phòng Đảng ủy."


def test_indices_ranks_and_yes_no_targets_are_worded_without_a_unit():
    content = sample_content()
    content.indicators = [
        IndicatorResult("Chỉ số chuyển đổi số cấp xã", "chỉ số", Target(">=", 0.6), 0.72, "achieved"),
        IndicatorResult(
            "Xếp hạng chỉ số cải cách hành chính", "thứ bậc", Target("rank", None, "Tăng bậc"), 12, "achieved"
        ),
        IndicatorResult("Ban hành quy chế dữ liệu dùng chung.", None, Target("bool", 1, "Có"), 1, "achieved"),
    ]
    text = "\n".join(_lines(content))
    assert "- Chỉ số chuyển đổi số cấp xã: 0,72 (KH có từ 0,6 trở lên);" in text
    assert "- Xếp hạng chỉ số cải cách hành chính: 12 (KH tăng bậc);" in text
    assert "- Ban hành quy chế dữ liệu dùng chung: đã thực hiện (KH có)." in text
    assert [row[4] for row in wording.indicator_rows(content)] == ["0,72", "12", "Có"]


def test_recipients_name_the_province_or_city_party_committee():
    from nq57.report.content import Locality

    party = sample_content(party=True)
    assert wording.recipients(party)[0] == "- Ban Thường vụ Tỉnh ủy Đồng Nai (để b/c),"
    party.header = replace(party.header, locality=Locality("Đông Hải", "phường", "Hải Phòng", "thành phố"))
    assert wording.recipients(party)[0] == "- Ban Thường vụ Thành ủy Hải Phòng (để b/c),"
    assert wording.issuer_lines(party) == ("ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", "ĐẢNG ỦY PHƯỜNG ĐÔNG HẢI")
    ubnd = sample_content()
    ubnd.header = party.header
    assert wording.recipients(ubnd)[0] == "- UBND thành phố Hải Phòng (để b/c);"


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_vietnamese_numbers_read_back_to_the_same_value(value):
    text = vn_number(float(value))
    # A reader removes the thousands dots and turns the decimal comma into a point.
    assert float(text.replace(".", "").replace(",", ".")) == pytest.approx(float(value), abs=1e-9)
    assert text.count(",") <= 1


def test_plan_citation_keeps_acronyms_and_cites_higher_documents_once():
    from types import SimpleNamespace

    from nq57.report.from_track import legal_basis

    plan = SimpleNamespace(
        number="05/KH-UBND",
        issued_on=date(2026, 1, 9),
        issuer="UBND xã An Phú",
        title="Kế hoạch UBND xã thực hiện Nghị quyết 57-NQ/TW năm 2026",
        references=["57-NQ/TW", "71/NQ-CP", "469-KH/TU", "71/NQ-CP", "05/KH-UBND"],
    )
    cited = legal_basis([plan])
    assert cited == [
        "Nghị quyết số 71/NQ-CP, Kế hoạch số 469-KH/TU",
        "Kế hoạch số 05/KH-UBND ngày 09/01/2026 của UBND xã An Phú về UBND xã thực hiện Nghị quyết 57-NQ/TW năm 2026",
    ]
