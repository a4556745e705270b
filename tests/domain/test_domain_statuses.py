import pytest
from hypothesis import given
from hypothesis import strategies as st

from nq57.domain.statuses import IndicatorStatus as S
from nq57.domain.statuses import evaluate, summary_text

numbers = st.floats(-1e6, 1e6, allow_nan=False)


@pytest.mark.parametrize(
    ("op", "target", "value", "direction", "expected"),
    [
        (">=", 90, 90, "higher", S.ACHIEVED),
        (">=", 90, 89.99, "higher", S.NOT_ACHIEVED),
        (">", 2, 2, "higher", S.NOT_ACHIEVED),
        (">", 2, 2.1, "higher", S.ACHIEVED),
        ("<=", 2, 1.5, "lower", S.ACHIEVED),
        ("<=", 2, 2.5, "lower", S.NOT_ACHIEVED),
        ("<", 5, 5, "lower", S.NOT_ACHIEVED),
        ("=", 100, 100, "higher", S.ACHIEVED),
        ("=", 100, 120, "higher", S.ACHIEVED),  # "đạt và vượt"
        ("=", 10, 12, "lower", S.NOT_ACHIEVED),
        ("=", 10, 8, "lower", S.ACHIEVED),
        ("rank", 5, 3, "lower", S.ACHIEVED),
        ("rank", 5, 7, "lower", S.NOT_ACHIEVED),
        ("bool", 1, 1, "higher", S.ACHIEVED),
        ("bool", 1, 0, "higher", S.NOT_ACHIEVED),
        ("text", None, 50, "higher", S.NOT_EVALUATED),
        (">=", None, 50, "higher", S.NOT_EVALUATED),
        (">=", 90, None, "higher", S.NOT_EVALUATED),
    ],
)
def test_evaluate(op, target, value, direction, expected):
    assert evaluate(op, target, value, direction) is expected


def test_rank_without_number_compares_with_the_baseline():
    assert evaluate("rank", None, 12, "lower", baseline=15) is S.ACHIEVED
    assert evaluate("rank", None, 15, "lower", baseline=15) is S.NOT_ACHIEVED
    assert evaluate("rank", None, 12, "lower") is S.NOT_EVALUATED


@given(numbers, st.floats(0, 1e6), st.sampled_from([">=", "="]))
def test_a_met_higher_target_is_never_not_achieved(target, excess, op):
    assert evaluate(op, target, target + excess, "higher") is S.ACHIEVED


@given(numbers, st.floats(0, 1e6), st.sampled_from(["<=", "="]))
def test_a_met_lower_target_is_never_not_achieved(target, below, op):
    assert evaluate(op, target, target - below, "lower") is S.ACHIEVED


@given(numbers, numbers)
def test_lower_is_better_mirrors_higher_is_better(target, value):
    assert evaluate(">=", target, value, "higher") is evaluate("<=", -target, -value, "lower")
    assert evaluate("=", target, value, "higher") is evaluate("=", -target, -value, "lower")


@given(st.sampled_from([">=", ">", "=", "<=", "<", "rank", "bool", "text"]), st.none() | numbers)
def test_no_value_is_never_evaluated(op, target):
    assert evaluate(op, target, None) is S.NOT_EVALUATED


def test_summary_text():
    assert summary_text(13, 10, 2, 1) == "10/13 chỉ tiêu đạt, 2 chưa đạt, 1 chưa đánh giá"
