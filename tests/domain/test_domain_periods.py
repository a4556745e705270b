from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nq57.domain.periods import (
    Calendar,
    Period,
    PeriodError,
    PeriodKind,
    containing_periods,
    format_period,
    parse_period,
)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026-03", date(2026, 3, 1), date(2026, 3, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026-q4", date(2026, 10, 1), date(2026, 12, 31)),
        ("2026-6M", date(2026, 1, 1), date(2026, 6, 30)),
        ("2026-9M", date(2026, 1, 1), date(2026, 9, 30)),
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_parse_gives_calendar_dates(text, start, end):
    p = parse_period(text)
    assert (p.start, p.end) == (start, end)


@pytest.mark.parametrize("bad", ["", "2026-13", "2026-00", "2026-Q5", "2026-3M", "26-03", "tháng 3", "2026/03"])
def test_bad_periods_are_rejected_with_a_message(bad):
    with pytest.raises(PeriodError, match="không hợp lệ"):
        parse_period(bad)


def test_labels_are_vietnamese():
    assert parse_period("2026-Q2").label == "quý II/2026"
    assert parse_period("2026-6M").label == "6 tháng đầu năm 2026"
    assert parse_period("2026-03").label == "tháng 3/2026"


periods = st.one_of(
    st.builds(Period, st.integers(1990, 2100), st.just(PeriodKind.MONTH), st.integers(1, 12)),
    st.builds(Period, st.integers(1990, 2100), st.just(PeriodKind.QUARTER), st.integers(1, 4)),
    st.builds(Period, st.integers(1990, 2100), st.sampled_from([PeriodKind.HALF, PeriodKind.NINE, PeriodKind.YEAR])),
)


@given(periods)
def test_format_and_parse_round_trip(p):
    assert parse_period(format_period(p)) == p


@given(periods)
def test_previous_and_next_are_inverse(p):
    assert p.previous().next() == p
    assert p.next().previous() == p


@given(st.builds(Period, st.integers(1990, 2100), st.sampled_from([PeriodKind.MONTH, PeriodKind.QUARTER]), st.integers(1, 4)))
def test_consecutive_periods_touch(p):
    assert p.previous().end + timedelta(days=1) == p.start


@given(periods)
def test_containing_periods_contain_it_and_include_the_year(p):
    found = containing_periods(p)
    assert p in found
    assert Period(p.year, PeriodKind.YEAR) in found
    assert all(c.start <= p.start and p.end <= c.end for c in found)


def test_month_is_in_its_quarter_half_nine_months_and_year():
    found = {format_period(x) for x in containing_periods(parse_period("2026-05"))}
    assert found == {"2026-05", "2026-Q2", "2026-6M", "2026-9M", "2026"}
    found = {format_period(x) for x in containing_periods(parse_period("2026-08"))}
    assert "2026-6M" not in found and "2026-9M" in found


def test_default_calendar_month_runs_from_15th_to_14th_and_report_due_20th():
    cal = Calendar()
    march = parse_period("2026-03")
    assert cal.data_window(march) == (date(2026, 2, 15), date(2026, 3, 14))
    assert cal.data_window(parse_period("2026-01")) == (date(2025, 12, 15), date(2026, 1, 14))
    assert cal.report_due(march) == date(2026, 3, 20)
    assert cal.data_window(parse_period("2026-Q1")) == (date(2025, 12, 15), date(2026, 3, 14))


def test_calendar_months_put_the_report_in_the_next_month():
    cal = Calendar(cutoff_day=0, report_due_day=5)
    assert cal.data_window(parse_period("2026-03")) == (date(2026, 3, 1), date(2026, 3, 31))
    assert cal.report_due(parse_period("2026-12")) == date(2027, 1, 5)


def test_reporting_month_and_last_closed_month():
    cal = Calendar(cutoff_day=14)
    assert format_period(cal.reporting_month(date(2026, 3, 14))) == "2026-03"
    assert format_period(cal.reporting_month(date(2026, 3, 15))) == "2026-04"
    assert format_period(cal.last_closed_month(date(2026, 3, 20))) == "2026-03"
    assert format_period(cal.last_closed_month(date(2026, 3, 10))) == "2026-02"


def test_calendar_rejects_impossible_days():
    with pytest.raises(PeriodError):
        Calendar(cutoff_day=31)
    with pytest.raises(PeriodError):
        Calendar(report_due_day=0)


def test_elapsed_fraction_of_the_year():
    assert parse_period("2026").elapsed_fraction() == 1.0
    assert parse_period("2026-6M").elapsed_fraction() == pytest.approx(181 / 365)
    assert parse_period("2026-01").elapsed_fraction(date(2025, 12, 1)) == 0.0


@given(periods)
def test_every_period_has_a_label(p):
    assert str(p.year) in p.label
