"""What officials type and read: Vietnamese numbers, dates, targets, status words."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nq57.web.formatting import status_parts, target_words, vn_date, vn_number
from nq57.web.forms import FieldError, number_text, parse_date, parse_number


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("85,5", 85.5), ("1.234", 1234), ("1.234,5", 1234.5), ("12.5", 12.5), (" 90 % ", 90), ("", None),
     ("33.099", 33099), ("-2,5", -2.5)],
)
def test_parse_number_reads_vietnamese_writing(typed, expected):
    assert parse_number(typed) == expected


@pytest.mark.parametrize("typed", ["bảy mươi", "1,2,3", "12..5", "--1"])
def test_parse_number_refuses_words_with_a_message(typed):
    with pytest.raises(FieldError, match="không phải là số"):
        parse_number(typed)


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False).map(lambda x: round(x, 4)))
def test_a_stored_number_shown_in_a_field_reads_back_the_same(value):
    assert parse_number(number_text(value)) == pytest.approx(value, abs=1e-4)


def test_dates():
    assert str(parse_date("05/03/2026")) == "2026-03-05"
    assert str(parse_date("2026-03-05")) == "2026-03-05"
    assert parse_date("") is None
    with pytest.raises(FieldError):
        parse_date("31/02/2026")
    assert vn_date("2026-03-05") == "05/03/2026"


def test_vn_number_uses_dot_for_thousands_and_comma_for_decimals():
    assert vn_number(12345.5) == "12.345,5"
    assert vn_number(99.77) == "99,77"
    assert vn_number(100.0) == "100"
    assert vn_number(None) == "—"


def test_target_words():
    def t(op, value, text=None):
        return SimpleNamespace(op=op, value=value, text=text)

    assert target_words(t(">=", 90)) == "≥ 90"
    assert target_words(t("rank", None)) == "Tăng bậc"
    assert target_words(t("bool", True)) == "Có"
    assert target_words(t(">=", 60, "từ 60% trở lên")) == "từ 60% trở lên"


def test_every_status_has_an_icon_and_a_word_not_only_a_colour():
    for key in ("achieved", "not_achieved", "not_evaluated", "on_track", "speed_up", "slow", "backwards",
                "not_started", "in_progress", "done", "done_late", "overdue", "submitted", "approved", "returned"):
        icon, word, css = status_parts(key)
        assert icon.strip() and word.strip() and css in ("ok", "warn", "bad", "none"), key
    assert status_parts("achieved")[1] != status_parts("not_achieved")[1]
