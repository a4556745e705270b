"""Status of a commune for a period, task statuses, alerts, giải trình, extensions, budget, scores."""

from datetime import date

import pytest

from nq57.track import budget, explanations, progress, scoring, values
from nq57.track.alerts import alerts
from nq57.track.calendar import calendar_for, set_calendar
from nq57.track.errors import ValidationFailed, WorkflowError
from nq57.track.status import commune_status


@pytest.fixture
def plan(imported):
    return imported.plan


def by_name(rows, part):
    return next(r for r in rows if part in r.name)


def test_status_counts_and_rows(session, plan, places):
    coverage, online, late, portal = plan.indicators
    values.set_value(session, coverage, "2026-03", value=85)  # >= 80: achieved
    values.set_value(session, online, "2026-03", value=60)  # >= 90: not achieved
    values.set_value(session, late, "2026-03", value=1.5)  # <= 2: achieved (lower is better)
    st = commune_status(session, places["tan_an"], "2026-Q1")
    assert st.summary.text == "2/4 chỉ tiêu đạt, 1 chưa đạt, 1 chưa đánh giá"
    row = by_name(st.indicators, "trễ hạn")
    assert (row.status, row.target, row.value, row.direction) == ("achieved", 2, 1.5, "lower")
    assert by_name(st.indicators, "cổng thông tin").status == "not_evaluated"
    data = st.to_json()
    assert set(data) >= {"indicators", "tasks", "summary"}
    assert set(data["indicators"][0]) >= {"code", "name", "unit", "target", "value", "status", "pace", "forecast"}
    assert set(data["tasks"][0]) >= {"code", "name", "lead", "deadline", "status"}
    assert data["summary"]["achieved"] == 2


def test_value_of_a_quarter_is_its_own_or_the_latest_month(session, plan, places):
    online = plan.indicators[1]
    values.set_value(session, online, "2026-01", value=40)
    values.set_value(session, online, "2026-02", value=45)
    assert by_name(commune_status(session, places["tan_an"], "2026-Q1").indicators, "trực tuyến").value == 45
    values.set_value(session, online, "2026-Q1", value=47)
    assert by_name(commune_status(session, places["tan_an"], "2026-Q1").indicators, "trực tuyến").value == 47
    # a month not begun on the as-of date does not count
    values.set_value(session, online, "2026-03", value=50)
    st = commune_status(session, places["tan_an"], "2026-03", as_of=date(2026, 2, 20))
    assert by_name(st.indicators, "trực tuyến").value == 45


def test_pace_and_forecast_from_baseline(session, plan, places):
    online = plan.indicators[1]
    values.set_value(session, online, "2025-12", value=50)
    values.set_value(session, online, "2026-06", value=70)  # needed ~ 20 of 40 by mid-year
    row = by_name(commune_status(session, places["tan_an"], "2026-6M").indicators, "trực tuyến")
    assert row.pace == "on_track"
    assert row.forecast == pytest.approx(90, abs=1.5)
    values.set_value(session, online, "2026-09", value=48, note="hệ thống lỗi")
    row = by_name(commune_status(session, places["tan_an"], "2026-9M").indicators, "trực tuyến")
    assert row.pace == "backwards" and row.forecast_status == "not_achieved"


def test_task_statuses_from_progress_and_deadline(session, plan, places):
    first, second, monthly = plan.tasks
    progress.set_progress(session, first, "2026-03", status="hoàn thành", completed_on=date(2026, 3, 20))
    progress.set_progress(session, second, "2026-05", status="in_progress", percent=40)
    st = commune_status(session, places["tan_an"], "2026-6M", as_of=date(2026, 7, 10))
    statuses = {t.code: t.status for t in st.tasks}
    assert statuses["1"] == "done" and statuses["2"] == "overdue"
    # monthly task: one occurrence per month, due at the month's end
    assert by_name(st.tasks, "hằng tháng").deadline == date(2026, 7, 31)
    assert by_name(st.tasks, "hằng tháng").status == "not_started"
    progress.set_progress(session, monthly, "2026-07", status="done", completed_on=date(2026, 7, 5))
    st = commune_status(session, places["tan_an"], "2026", as_of=date(2026, 7, 10))
    assert by_name(st.tasks, "hằng tháng").status == "done"
    assert st.summary.overdue == 1
    with pytest.raises(ValidationFailed):
        progress.set_progress(session, first, "2026-03", status="xong rồi")
    with pytest.raises(ValidationFailed):
        progress.set_progress(session, first, "2026-03", status="in_progress", percent=140)


def test_extension_moves_the_deadline(session, plan, places):
    second = plan.tasks[1]
    req = explanations.request_extension(session, second, date(2026, 9, 30), "Chờ kinh phí", "officer")
    with pytest.raises(ValidationFailed):
        explanations.request_extension(session, second, date(2026, 5, 1), "sớm hơn", "officer")
    explanations.decide_extension(session, req, True, "leader", "Đồng ý")
    with pytest.raises(WorkflowError):
        explanations.decide_extension(session, req, False, "leader")
    st = commune_status(session, places["tan_an"], "2026", as_of=date(2026, 7, 10))
    row = by_name(st.tasks, "Tập huấn")
    assert row.deadline == date(2026, 9, 30) and row.status == "not_started"


def test_alerts_cover_every_kind(session, plan, places):
    coverage, online, late, portal = plan.indicators
    first, second, monthly = plan.tasks
    values.set_value(session, online, "2025-12", value=50)
    values.set_value(session, online, "2026-06", value=52)
    row = values.set_value(session, coverage, "2026-06", value=81)
    values.submit(session, row, "officer")
    ask = explanations.request_explanation(session, indicator=online, period="2026-06", question="Vì sao chậm?",
                                           actor="leader", due=date(2026, 7, 1))
    found = alerts(session, places["tan_an"], date(2026, 6, 25), due_soon_days=7)
    kinds = {a.kind for a in found}
    assert kinds == {"overdue_task", "task_due_soon", "indicator_at_risk", "value_missing", "awaiting_approval",
                     "explanation_pending"}
    overdue = [a for a in found if a.kind == "overdue_task"]
    # task 1 past its deadline; the monthly task 3 missed May
    assert [a.subject[:2] for a in overdue] == ["1.", "3."] and overdue[0].due == date(2026, 3, 31)
    soon = next(a for a in found if a.kind == "task_due_soon")
    assert soon.due == date(2026, 6, 30)
    missing = [a for a in found if a.kind == "value_missing"]
    assert all(a.due == date(2026, 6, 20) for a in missing)  # June's report due on the 20th
    assert not any("phủ sóng 5G" in a.subject for a in missing)  # June entered
    explanations.answer_explanation(session, ask, "Do thiếu nhân lực", "officer")
    assert "explanation_pending" not in {a.kind for a in alerts(session, places["tan_an"], date(2026, 6, 25))}
    assert all(a.to_json()["kind"] for a in found)


def test_province_calendar_changes_cutoff_and_due(session, plan, places):
    set_calendar(session, places["lam"], cutoff_day=10, report_due_day=15)
    assert calendar_for(session, places["tan_an"]).cutoff_day == 10
    assert calendar_for(session, places["cat_lai"]).cutoff_day == 14
    missing = [a for a in alerts(session, places["tan_an"], date(2026, 6, 12)) if a.kind == "value_missing"]
    assert missing and all(a.due == date(2026, 6, 15) for a in missing)
    with pytest.raises(ValidationFailed):
        set_calendar(session, places["lam"], cutoff_day=31, report_due_day=15)


def test_budget_summary(session, plan):
    line = plan.budget_lines[0]
    budget.set_budget(session, line, "2026-03", allocated=100, disbursed=40)
    budget.set_budget(session, line, "2026-06", allocated=100, disbursed=80, source="doanh_nghiep")
    rows = budget.budget_summary(session, plan, "2026-6M")
    assert (rows[0].allocated, rows[0].disbursed, rows[0].share_disbursed) == (200, 120, 0.6)
    assert rows[0].by_source == {"ngan_sach": 40, "doanh_nghiep": 80}
    assert budget.budget_summary(session, plan, "2026-Q1")[0].disbursed == 40
    with pytest.raises(ValidationFailed, match="ghi chú"):
        budget.set_budget(session, line, "2026-09", allocated=10, disbursed=20)
    with pytest.raises(ValidationFailed, match="nguồn"):
        budget.set_budget(session, line, "2026-09", allocated=10, disbursed=5, source="vay")


def test_explanation_loop_keeps_both_sides(session, plan):
    ask = explanations.request_explanation(session, task=plan.tasks[1], question="Tiến độ?", actor="leader")
    explanations.answer_explanation(session, ask, "Đã xong 60%", "officer")
    with pytest.raises(WorkflowError):
        explanations.answer_explanation(session, ask, "lần hai", "officer")
    kept = explanations.explanations_of(session, plan.commune)
    assert [(e.question, e.answer, e.asked_by, e.answered_by) for e in kept] == [("Tiến độ?", "Đã xong 60%", "leader", "officer")]


def test_unit_scores_rank_units(session, plan, places):
    coverage, online, late, portal = plan.indicators
    values.set_value(session, coverage, "2026-03", value=90)  # Phòng VHXH achieves
    values.set_value(session, online, "2026-03", value=10)  # Trung tâm misses
    ranked = scoring.unit_scores(session, places["tan_an"], "2026-Q1", as_of=date(2026, 3, 31),
                                 weights={"indicators": 1, "tasks": 0, "reports": 0})
    names = [s.name for s in ranked]
    assert names.index("Phòng Văn hóa – Xã hội") < names.index("Trung tâm Phục vụ hành chính công")
    assert ranked[0].score == 100
    province = scoring.commune_scores(session, places["lam"], "2026-Q1", as_of=date(2026, 3, 31))
    assert [s.name for s in province] == ["Phường Tân An"]


def test_a_missed_monthly_occurrence_is_overdue(session, plan, places):
    monthly = plan.tasks[2]
    progress.set_progress(session, monthly, "2026-04", status="done", completed_on=date(2026, 4, 28))
    def task_alerts(day):
        return [a for a in alerts(session, places["tan_an"], day) if a.kind == "overdue_task" and a.ref_id == monthly.id]

    assert task_alerts(date(2026, 5, 10)) == []  # April was done; May is still running
    found = task_alerts(date(2026, 6, 10))
    assert [(a.kind, a.due) for a in found] == [("overdue_task", date(2026, 5, 31))]
    assert "tháng 5/2026" in found[0].message
