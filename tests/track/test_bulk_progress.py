"""progress.set_progresses: the same rows, audit entries and refusals as set_progress, in one batch."""

from datetime import date

import pytest
from sqlalchemy import event, select

from nq57.store.models.tracking import AuditEntry, TaskProgress
from nq57.track import progress
from nq57.track.errors import ConflictError, ValidationFailed

IGNORED = {"id", "entered_at", "submitted_at"}


def _snapshot(session):
    session.flush()
    rows = session.scalars(select(TaskProgress).order_by(TaskProgress.task_id, TaskProgress.period)).all()
    keys = {row.id: (row.task_id, row.period) for row in rows}
    table = [{c.key: getattr(row, c.key) for c in TaskProgress.__table__.columns if c.key not in IGNORED} for row in rows]
    entries = session.scalars(select(AuditEntry).where(AuditEntry.entity == "task_progress").order_by(AuditEntry.id)).all()
    return table, [(e.actor, e.action, keys[e.entity_id], e.commune_id, e.detail) for e in entries]


@pytest.fixture
def tasks(session, imported):
    one_off, training, monthly = imported.plan.tasks[:3]
    progress.set_progress(session, one_off, "2026-02", status="đang thực hiện", percent=30, actor="officer")
    session.commit()
    return one_off, training, monthly


def _items(tasks):
    one_off, training, monthly = tasks
    return [
        (one_off, "2026-02", {"status": "hoàn thành", "completed_on": date(2026, 2, 25), "expected_version": 1}),
        (training, "2026-03", {"status": "in_progress", "percent": 40, "note": "đã mở 2 lớp"}),
        (training, "2026-04", {"status": "Đang triển khai", "percent": 70, "completed_on": date(2026, 4, 1)}),
        (monthly, "2026-03", {"status": "done", "completed_on": date(2026, 3, 28), "product": "Báo cáo tháng 3"}),
        (monthly, "2026-04", {"status": "chưa triển khai", "expected_version": 0}),
    ]


def test_bulk_gives_the_rows_and_audit_of_one_at_a_time(session, tasks):
    one = [progress.set_progress(session, t, p, **f, actor="officer", is_demo=True) for t, p, f in _items(tasks)]
    single = _snapshot(session)
    session.rollback()
    many = progress.set_progresses(session, _items(tasks), actor="officer", is_demo=True)
    bulk = _snapshot(session)
    assert bulk == single
    assert [(r.task_id, r.period) for r in many] == [(r.task_id, r.period) for r in one]
    table, log = bulk
    assert len(log) == 1 + len(_items(tasks))
    done = [r for r in table if r["status"] == "done"]
    assert {r["percent"] for r in done} == {100.0} and all(r["completed_on"] for r in done)
    assert all(r["completed_on"] is None for r in table if r["status"] != "done")


def test_one_select_for_existing_rows(session, tasks):
    items = [(tasks[2], f"2026-{m:02d}", {"status": "done"}) for m in range(1, 13)]
    statements: list[str] = []
    engine = session.get_bind()

    def seen(conn, cursor, statement, *args):
        statements.append(" ".join(statement.split()).lower())

    event.listen(engine, "before_cursor_execute", seen)
    try:
        rows = progress.set_progresses(session, items, actor="officer")
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert len([s for s in statements if s.startswith("select") and "from task_progress" in s]) == 1
    assert len(rows) == 12 and {r.status for r in rows} == {"done"}


def _count(session):
    return len(session.scalars(select(TaskProgress)).all()), len(session.scalars(select(AuditEntry)).all())


def test_validation_errors_match_set_progress_and_write_nothing(session, tasks):
    for bad, words in (({"status": "xong rồi"}, "không hợp lệ"), ({"status": "in_progress", "percent": 140}, "0 đến 100"),
                       ({"status": "done", "percent": 80}, "phải là 100")):
        with pytest.raises(ValidationFailed) as single:
            progress.set_progress(session, tasks[1], "2026-05", **bad)
        before = _count(session)
        with pytest.raises(ValidationFailed) as bulk:
            progress.set_progresses(session, [(tasks[2], "2026-05", {"status": "done"}), (tasks[1], "2026-05", bad)])
        assert str(bulk.value) == str(single.value) and words in str(bulk.value)
        assert _count(session) == before


def test_a_stale_version_is_a_conflict_like_set_progress(session, tasks):
    with pytest.raises(ConflictError) as single:
        progress.set_progress(session, tasks[0], "2026-02", status="done", expected_version=0)
    before = _count(session)
    with pytest.raises(ConflictError) as bulk:
        progress.set_progresses(session, [(tasks[2], "2026-06", {"status": "done"}),
                                          (tasks[0], "2026-02", {"status": "done", "expected_version": 0})])
    assert str(bulk.value) == str(single.value)
    assert _count(session) == before


def test_the_same_pair_twice_keeps_the_last_and_audits_both(session, tasks):
    rows = progress.set_progresses(session, [(tasks[1], "2026-05", {"status": "in_progress", "percent": 50}),
                                             (tasks[1], "2026-05", {"status": "done"})], actor="officer")
    assert rows[0] is rows[1] and (rows[1].status, rows[1].percent) == ("done", 100.0)
    session.flush()
    details = [e.detail for e in session.scalars(select(AuditEntry).where(AuditEntry.entity == "task_progress",
                                                                          AuditEntry.entity_id == rows[1].id))]
    assert [(d["status"], d["percent"]) for d in details] == [("in_progress", 50), ("done", 100.0)]


def test_missing_status_is_refused(session, tasks):
    with pytest.raises(TypeError, match="status"):
        progress.set_progresses(session, [(tasks[1], "2026-05", {"percent": 50})])
