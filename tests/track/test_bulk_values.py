"""values.set_values: the same rows, audit entries and refusals as set_value, in one batch."""

import pytest
from sqlalchemy import event, select

from nq57.store.models.tracking import AuditEntry, Value
from nq57.track import values
from nq57.track.errors import ConflictError, ValidationFailed, ValueLocked

IGNORED = {"id", "entered_at", "submitted_at", "approved_at"}


def _snapshot(session):
    """Every value and its audit entries, without ids and clocks (the audit's entity_id becomes the row's key)."""
    session.flush()
    rows = session.scalars(select(Value).order_by(Value.indicator_id, Value.period)).all()
    keys = {row.id: (row.indicator_id, row.period) for row in rows}
    table = [{c.key: getattr(row, c.key) for c in Value.__table__.columns if c.key not in IGNORED} for row in rows]
    entries = session.scalars(
        select(AuditEntry).where(AuditEntry.action == "value.set").order_by(AuditEntry.id)
    ).all()
    log = [(e.actor, e.action, e.entity, keys[e.entity_id], e.commune_id, e.detail) for e in entries]
    return table, log


@pytest.fixture
def numeric(session, imported):
    """The three percentage indicators, with some earlier values in several states."""
    ind = imported.plan.indicators[:3]
    values.set_value(session, ind[0], "2026-01", value=40, actor="officer")
    sent = values.set_value(session, ind[1], "2026-01", value=60, actor="officer")
    values.submit(session, sent, "officer")
    back = values.set_value(session, ind[2], "2026-01", value=3, actor="officer")
    values.submit(session, back, "officer")
    values.return_value(session, back, "leader", "thiếu minh chứng")
    session.commit()
    return ind


def _items(ind):
    return [
        (ind[0], "2026-01", {"value": 42, "note": "  sửa theo phần mềm  "}),  # update of a draft
        (ind[1], "2026-01", {"numerator": 620, "denominator": 1000}),  # submitted -> back to draft
        (ind[2], "2026-01", {"value": 2.5, "expected_version": 3}),  # returned, right version
        (ind[0], "2026-02", {"value": 44}),
        (ind[1], "2026-02", {"value": 63, "note": ""}),
        (ind[2], "2026-02", {"value": 2.1}),
        (ind[0], "2026-Q1", {"value": 45, "expected_version": 0}),
    ]


@pytest.mark.parametrize("check", [True, False])
def test_bulk_gives_the_rows_and_audit_of_one_at_a_time(session, numeric, check):
    one = [values.set_value(session, i, p, **f, actor="officer", is_demo=True, check=check) for i, p, f in _items(numeric)]
    single = _snapshot(session)
    session.rollback()
    many = values.set_values(session, _items(numeric), actor="officer", is_demo=True, check=check)
    bulk = _snapshot(session)
    assert bulk == single
    assert [(r.indicator_id, r.period) for r in many] == [(r.indicator_id, r.period) for r in one]
    table, log = bulk
    assert len(log) == 3 + 3 + len(_items(numeric)) - 3  # 3 earlier writes, then one entry per item
    assert {r["state"] for r in table} == {"draft"}
    assert log[-7][5]["old"] == {"value": 40, "numerator": None, "denominator": None}


def test_one_select_and_batched_inserts(session, db_url, numeric):
    months = [f"2026-{m:02d}" for m in range(3, 13)]
    items = [(ind, month, {"value": 10 + k}) for ind in numeric for k, month in enumerate(months)]
    statements: list[str] = []
    engine = session.get_bind()

    def seen(conn, cursor, statement, *args):
        statements.append(" ".join(statement.split()).lower())

    event.listen(engine, "before_cursor_execute", seen)
    try:
        values.set_values(session, items, actor="officer", check=False)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    selects = [s for s in statements if s.startswith("select") and "from indicator_values" in s]
    inserts = [s for s in statements if s.startswith("insert into indicator_values")]
    assert len(selects) == 1
    if db_url.startswith("postgresql"):  # insertmanyvalues: one INSERT ... RETURNING per batch
        assert 1 <= len(inserts) < len(items)
    assert session.scalar(select(Value).where(Value.period == "2026-12", Value.indicator_id == numeric[2].id)).value == 19


def _count(session):
    return len(session.scalars(select(Value)).all()), len(session.scalars(select(AuditEntry)).all())


def test_a_locked_value_in_the_batch_is_refused_like_set_value(session, numeric):
    row = values.get_value(session, numeric[1], "2026-01")
    values.approve(session, row, "leader")
    session.commit()
    with pytest.raises(ValueLocked) as single:
        values.set_value(session, numeric[1], "2026-01", value=61)
    before = _count(session)
    batch = [(numeric[0], "2026-03", {"value": 41}), (numeric[1], "2026-01", {"value": 61})]
    with pytest.raises(ValueLocked) as bulk:
        values.set_values(session, batch, actor="officer")
    assert str(bulk.value) == str(single.value) and "mở lại" in str(bulk.value)
    assert _count(session) == before  # nothing of the batch was written


def test_a_stale_version_is_a_conflict_like_set_value(session, numeric):
    with pytest.raises(ConflictError) as single:
        values.set_value(session, numeric[0], "2026-01", value=41, expected_version=5)
    before = _count(session)
    with pytest.raises(ConflictError) as bulk:
        values.set_values(session, [(numeric[2], "2026-04", {"value": 2}),
                                    (numeric[0], "2026-01", {"value": 41, "expected_version": 5})])
    assert str(bulk.value) == str(single.value)
    assert _count(session) == before


def test_validation_sees_earlier_items_of_the_batch(session, numeric):
    """An outlier against numbers entered earlier in the same batch is refused as set_value refuses it."""
    series = [("2026-02", 50), ("2026-03", 52), ("2026-04", 51), ("2026-05", 97)]
    batch = [(numeric[1], month, {"value": v}) for month, v in series]
    before = _count(session)
    with pytest.raises(ValidationFailed) as bulk:
        values.set_values(session, batch, actor="officer")
    assert _count(session) == before
    for month, v in series[:-1]:
        values.set_value(session, numeric[1], month, value=v)
    with pytest.raises(ValidationFailed) as single:
        values.set_value(session, numeric[1], "2026-05", value=97)
    assert [p.rule for p in bulk.value.problems] == [p.rule for p in single.value.problems] == ["outlier"]
    assert str(bulk.value) == str(single.value)
    session.rollback()
    # a comment accepts it, and a range error is refused whatever the comment
    ok = values.set_values(session, batch[:-1] + [(numeric[1], "2026-05", {"value": 97, "note": "phần mềm mới"})])
    assert ok[-1].value == 97
    with pytest.raises(ValidationFailed, match="0–100%"):
        values.set_values(session, [(numeric[0], "2026-06", {"value": 130})])
    with pytest.raises(ValidationFailed, match="tử số"):
        values.set_values(session, [(numeric[0], "2026-06", {"numerator": 12, "denominator": 10})])


def test_bad_period_and_unknown_field_are_clear_errors(session, numeric):
    with pytest.raises(Exception, match="không hợp lệ"):
        values.set_values(session, [(numeric[0], "2026-14", {"value": 1})])
    with pytest.raises(TypeError, match="valeu"):
        values.set_values(session, [(numeric[0], "2026-03", {"valeu": 1})])


def test_the_same_pair_twice_keeps_the_last_and_audits_both(session, numeric):
    rows = values.set_values(session, [(numeric[0], "2026-05", {"value": 30}), (numeric[0], "2026-05", {"value": 31})],
                             actor="officer")
    assert rows[0] is rows[1] and rows[1].value == 31
    session.flush()
    details = [e.detail for e in session.scalars(select(AuditEntry).where(AuditEntry.entity_id == rows[1].id,
                                                                          AuditEntry.entity == "value"))]
    assert [d["value"] for d in details] == [30, 31] and details[1]["old"]["value"] == 30


def test_empty_batch_writes_nothing(session, numeric):
    before = _count(session)
    assert values.set_values(session, [], actor="officer") == []
    assert _count(session) == before
