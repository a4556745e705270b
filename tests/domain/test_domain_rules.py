from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nq57.domain.names import parse_unit_name, same_unit, split_units
from nq57.domain.scoring import Figures, rank, score
from nq57.domain.targets import YearTarget, target_for_year
from nq57.domain.tasks import TaskStatus, task_status
from nq57.domain.validation import check, computed_value, is_outlier

D = date(2026, 6, 30)


@pytest.mark.parametrize(
    ("due", "as_of", "reported", "percent", "completed", "expected"),
    [
        (D, date(2026, 6, 1), None, None, None, TaskStatus.NOT_STARTED),
        (D, date(2026, 6, 1), "in_progress", 30, None, TaskStatus.IN_PROGRESS),
        (D, date(2026, 6, 1), None, 10, None, TaskStatus.IN_PROGRESS),
        (D, date(2026, 7, 1), "in_progress", 90, None, TaskStatus.OVERDUE),
        (D, date(2026, 7, 1), None, None, None, TaskStatus.OVERDUE),
        (D, date(2026, 7, 1), "done", 100, date(2026, 6, 20), TaskStatus.DONE),
        (D, date(2026, 7, 9), "done", 100, date(2026, 7, 5), TaskStatus.DONE_LATE),
        (D, date(2026, 6, 30), "in_progress", 50, None, TaskStatus.IN_PROGRESS),  # due day itself is on time
        (None, date(2030, 1, 1), "in_progress", 50, None, TaskStatus.IN_PROGRESS),
        (None, date(2030, 1, 1), "done", None, None, TaskStatus.DONE),
    ],
)
def test_task_status(due, as_of, reported, percent, completed, expected):
    assert task_status(due, as_of, reported, percent, completed) is expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Phòng VHXH", "Phòng Văn hóa – Xã hội"),
        ("Phòng Văn hoá - Xã hội", "Phòng Văn hóa – Xã hội"),
        ("phòng văn hóa xã hội", "PHÒNG VĂN HÓA - XÃ HỘI"),
        ("Phòng KT,HT&ĐT", "Phòng Kinh tế, Hạ tầng và Đô thị"),
        ("Trung tâm PVHCC", "Trung tâm Phục vụ hành chính công"),
        ("Trung tâm phục vụ HCC", "Trung tâm PVHCC"),
        ("Công an phường", "Công an"),
    ],
)
def test_same_unit(a, b):
    assert same_unit(a, b)
    assert same_unit(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Phòng VHXH", "Phòng Kinh tế"), ("Phòng Kinh tế", "Phòng Kế toán"), ("Trung tâm PVHCC", "Phòng PVHCC"),
     ("Trường Tiểu học A", "Trường Tiểu học B")],
)
def test_different_units(a, b):
    assert not same_unit(a, b)


def test_acronym_parsing():
    name = parse_unit_name("Phòng KT,HT &ĐT")
    assert name.acronym == "kthtdt" and name.prefix == ("phong",)
    assert parse_unit_name("Phòng Văn hóa – Xã hội").acronym is None


def test_split_units_only_at_unit_boundaries():
    assert split_units("Phòng KT,HT &ĐT, Phòng VHXH") == ["Phòng KT,HT &ĐT", "Phòng VHXH"]
    assert split_units("Trung tâm PVHCC; Công an phường") == ["Trung tâm PVHCC", "Công an phường"]
    assert split_units("Phòng Kinh tế, Hạ tầng và Đô thị") == ["Phòng Kinh tế, Hạ tầng và Đô thị"]
    assert split_units(None) == []


def test_targets_between_milestones_are_interpolated():
    targets = [YearTarget(2025, ">=", 60), YearTarget(2030, ">=", 100)]
    assert target_for_year(targets, 2025).value == 60
    assert target_for_year(targets, 2027).value == pytest.approx(76)
    assert target_for_year(targets, 2031).value == 100
    assert target_for_year(targets, 2020).value == 60
    assert target_for_year([], 2026) is None


def test_validation_rules_name_the_indicator_and_rule():
    problems = check("Chỉ tiêu 3.2", "%", 120, None, None)
    assert [p.rule for p in problems] == ["percent_range"]
    assert "Chỉ tiêu 3.2" in problems[0].message
    assert problems[0].needs_comment and not problems[0].blocking("đã kiểm tra, số liệu đúng")
    assert [p.rule for p in check("X", "%", None, 12, 10)] == ["numerator_gt_denominator"]
    assert [p.rule for p in check("X", "%", None, 5, 0)] == ["denominator"]
    assert [p.rule for p in check("X", "%", None, None, None)] == ["missing"]
    assert [p.rule for p in check("X", "%", 5, 5, 10)] == ["both"]
    assert check("X", "%", 55, None, None, previous=[50, 52, 51]) == []
    assert [p.rule for p in check("X", "%", 95, None, None, previous=[50, 52, 51])] == ["outlier"]


def test_ratio_becomes_a_percentage():
    assert computed_value(None, 33099, 33174) == pytest.approx(99.7739, abs=1e-4)
    assert computed_value(7.5, None, None) == 7.5


@given(st.lists(st.floats(0, 100), min_size=3, max_size=6), st.floats(0, 100))
def test_a_value_equal_to_the_median_is_never_an_outlier(previous, _):
    from statistics import median

    assert not is_outlier(median(previous), previous)


def test_outlier_needs_history():
    assert not is_outlier(1000, [1, 2])


def test_score_and_rank():
    full = Figures(2, 2, 3, 3, 4, 4)
    assert score(full) == 100
    half = Figures(1, 2, 0, 0, 0, 0)  # only indicators count
    assert score(half) == 50
    assert score(Figures()) is None
    assert score(Figures(1, 1, 0, 1, 0, 0), {"indicators": 1, "tasks": 1, "reports": 0}) == 50
    ranked = rank([("A", 80.0), ("B", 90.0), ("C", 80.0), ("D", None)])
    assert ranked == [(1, "B", 90.0), (2, "A", 80.0), (2, "C", 80.0), (4, "D", None)]
    with pytest.raises(ValueError):
        score(full, {"tasks": -1})
