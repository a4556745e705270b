from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nq57.domain.forecast import linear_forecast, year_end_forecast
from nq57.domain.pace import Pace, pace


@pytest.mark.parametrize(
    ("current", "expected"),
    [
        (75, Pace.ON_TRACK),  # needed 50 -> 75 at mid-year: made 25 of 25
        (74, Pace.ON_TRACK),  # ratio 0.96
        (70, Pace.SPEED_UP),  # ratio 0.8
        (65, Pace.SPEED_UP),  # ratio 0.6
        (60, Pace.SLOW),  # ratio 0.4
        (50, Pace.SLOW),  # ratio 0
        (45, Pace.BACKWARDS),
        (100, Pace.ON_TRACK),  # target already met
    ],
)
def test_pace_bands_at_mid_year(current, expected):
    assert pace(">=", 100, 50, current, 0.5) is expected


def test_pace_for_lower_is_better():
    # start 10% late files, target <= 2%, half the year gone: needed -4, made -4
    assert pace("<=", 2, 10, 6, 0.5) is Pace.ON_TRACK
    assert pace("<=", 2, 10, 9, 0.5) is Pace.SLOW
    assert pace("<=", 2, 10, 12, 0.5) is Pace.BACKWARDS


def test_no_pace_without_target_start_or_time():
    assert pace(">=", None, 1, 2, 0.5) is None
    assert pace(">=", 10, None, 2, 0.5) is None
    assert pace("text", 10, 1, 2, 0.5) is None
    assert pace(">=", 10, 1, 2, 0) is None


def test_start_already_met_but_fell_is_backwards():
    assert pace(">=", 80, 85, 70, 0.5) is Pace.BACKWARDS


@given(st.floats(0, 100), st.floats(0, 100), st.floats(0.01, 1))
def test_reaching_the_target_is_always_on_track(start, target, elapsed):
    assert pace(">=", target, start, target, elapsed) is Pace.ON_TRACK


@given(st.floats(-100, 100), st.floats(-100, 100), st.floats(-100, 100), st.floats(0.01, 1))
def test_lower_is_better_pace_mirrors_higher(start, target, current, elapsed):
    assert pace(">=", target, start, current, elapsed) is pace("<=", -target, -start, -current, elapsed)


def test_linear_forecast():
    assert linear_forecast([(0, 10), (10, 20)], 20) == pytest.approx(30)
    assert linear_forecast([(5, 42)], 100) == 42
    assert linear_forecast([], 1) is None


def test_year_end_forecast_uses_baseline_and_clamps_percentages():
    values = [(date(2025, 12, 31), 40.0), (date(2026, 3, 31), 55.0), (date(2026, 6, 30), 70.0)]
    result = year_end_forecast(values, 2026, "%")
    assert 95 <= result <= 100
    rising = [(date(2026, 1, 31), 50.0), (date(2026, 2, 28), 90.0)]
    assert year_end_forecast(rising, 2026, "%") == 100.0
    falling = [(date(2026, 1, 31), 5.0), (date(2026, 2, 28), 1.0)]
    assert year_end_forecast(falling, 2026, "hồ sơ") == 0.0
    assert year_end_forecast([(date(2025, 5, 1), 3.0)], 2026) is None


@given(st.lists(st.tuples(st.integers(1, 12), st.floats(-1e4, 1e4)), min_size=1, max_size=12))
def test_percentage_forecast_stays_within_0_and_100(points):
    dated = [(date(2026, month, 1), value) for month, value in points]
    result = year_end_forecast(dated, 2026, "%")
    assert 0 <= result <= 100


@given(st.floats(0, 100), st.floats(0, 100), st.floats(0, 100), st.floats(0, 100), st.floats(0.01, 1))
def test_more_progress_never_gives_a_worse_pace(start, target, a, b, elapsed):
    order = [Pace.BACKWARDS, Pace.SLOW, Pace.SPEED_UP, Pace.ON_TRACK]
    low, high = sorted((a, b))
    p_low, p_high = pace(">=", target, start, low, elapsed), pace(">=", target, start, high, elapsed)
    assert order.index(p_high) >= order.index(p_low)


@given(st.floats(-1e3, 1e3), st.floats(-10, 10), st.lists(st.integers(0, 360), min_size=2, max_size=10, unique=True))
def test_forecast_of_a_straight_line_is_exact(intercept, slope, xs):
    points = [(x, intercept + slope * x) for x in xs]
    assert linear_forecast(points, 365) == pytest.approx(intercept + slope * 365, rel=1e-6, abs=1e-6)
