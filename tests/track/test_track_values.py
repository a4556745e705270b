"""Values: validation, workflow, audit, optimistic locking, evidence."""

import pytest
from sqlalchemy import select, text

from nq57.store.db import session_factory
from nq57.store.models.tracking import AuditEntry, Value
from nq57.track import audit, values
from nq57.track.errors import ConflictError, ValidationFailed, ValueLocked, WorkflowError


@pytest.fixture
def rate(imported):
    return imported.plan.indicators[1]  # "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến", %


def test_set_value_number_and_ratio(session, rate):
    row = values.set_value(session, rate, "2026-01", value=55.5, note="từ phần mềm một cửa", actor="officer")
    assert (row.value, row.state, row.entered_by, row.version) == (55.5, "draft", "officer", 1)
    row = values.set_value(session, rate, "2026-02", numerator=620, denominator=1000, actor="officer")
    assert row.value == 62.0 and row.numerator == 620 and row.denominator == 1000


def test_validation_messages_name_indicator_and_rule(session, rate):
    with pytest.raises(ValidationFailed) as err:
        values.set_value(session, rate, "2026-01", value=130)
    assert "Tỷ lệ hồ sơ thủ tục hành chính" in str(err.value) and "0–100%" in str(err.value)
    assert err.value.problems[0].rule == "percent_range"
    # a comment accepts it
    assert values.set_value(session, rate, "2026-01", value=130, note="gồm hồ sơ liên thông tháng trước").value == 130
    with pytest.raises(ValidationFailed, match="tử số"):
        values.set_value(session, rate, "2026-02", numerator=12, denominator=10)
    with pytest.raises(ValidationFailed, match="mẫu số"):
        values.set_value(session, rate, "2026-02", numerator=1, denominator=0, note="x")
    with pytest.raises(Exception, match="không hợp lệ"):
        values.set_value(session, rate, "2026-14", value=1)


def test_outlier_needs_a_comment(session, rate):
    for month, v in (("2026-01", 50), ("2026-02", 52), ("2026-03", 51)):
        values.set_value(session, rate, month, value=v)
    with pytest.raises(ValidationFailed) as err:
        values.set_value(session, rate, "2026-04", value=97)
    assert err.value.problems[0].rule == "outlier"
    values.set_value(session, rate, "2026-04", value=97, note="triển khai phần mềm mới")


def test_set_and_submit_in_one_write_keeps_both_audit_entries(session, rate):
    """`submit=True` is set_value then submit: same state, same audit entries, one UPDATE."""
    row = values.set_value(session, rate, "2026-05", value=60, actor="officer", submit=True)
    assert (row.state, row.version) == ("submitted", 1) and row.submitted_at is not None
    values.return_value(session, row, "leader", "thiếu minh chứng")
    row = values.set_value(session, rate, "2026-05", value=61, actor="officer", expected_version=row.version,
                           submit=True)
    assert (row.value, row.state, row.version) == (61, "submitted", 3)
    session.flush()
    actions = [
        (e.action, e.detail.get("from"), e.detail.get("to"))
        for e in session.scalars(select(AuditEntry).where(AuditEntry.entity == "value", AuditEntry.entity_id == row.id)
                                 .order_by(AuditEntry.id))
    ]
    assert actions == [("value.set", None, None), ("value.submitted", "draft", "submitted"),
                       ("value.returned", "submitted", "returned"),
                       ("value.set", None, None), ("value.submitted", "draft", "submitted")]
    with pytest.raises(ConflictError):
        values.set_value(session, rate, "2026-05", value=62, expected_version=1, submit=True)
    values.approve(session, row, "leader")
    with pytest.raises(ValueLocked):
        values.set_value(session, rate, "2026-05", value=63, submit=True)


def test_workflow_submit_approve_locks_and_reopen_needs_reason(session, rate):
    row = values.set_value(session, rate, "2026-03", value=70, actor="officer")
    with pytest.raises(WorkflowError):
        values.approve(session, row, "leader")  # not submitted yet
    values.submit(session, row, "officer")
    values.approve(session, row, "leader")
    assert row.state == "approved" and row.approved_by == "leader"
    with pytest.raises(ValueLocked, match="mở lại"):
        values.set_value(session, rate, "2026-03", value=71)
    with pytest.raises(WorkflowError, match="lý do"):
        values.reopen(session, row, "leader", "  ")
    values.reopen(session, row, "leader", "số liệu phần mềm cập nhật lại")
    assert values.set_value(session, rate, "2026-03", value=71).value == 71


def test_return_with_reason_then_resubmit(session, rate):
    row = values.set_value(session, rate, "2026-03", value=70)
    values.submit(session, row, "officer")
    with pytest.raises(WorkflowError):
        values.return_value(session, row, "leader", "")
    values.return_value(session, row, "leader", "Thiếu minh chứng")
    assert row.state == "returned" and row.return_reason == "Thiếu minh chứng"
    values.set_value(session, rate, "2026-03", value=72, note="bổ sung minh chứng")
    values.submit(session, row, "officer")
    assert row.state == "submitted"
    assert [v.id for v in values.awaiting_approval(session, rate.plan.commune)] == [row.id]


def test_every_change_is_audited_and_the_log_is_append_only(session, rate):
    row = values.set_value(session, rate, "2026-03", value=70, actor="officer")
    values.submit(session, row, "officer")
    values.approve(session, row, "leader")
    session.commit()
    actions = [e.action for e in audit.entries(session, entity="value", entity_id=row.id)]
    assert actions == ["value.approved", "value.submitted", "value.set"]
    assert audit.entries(session, actor="leader")[0].detail["to"] == "approved"
    entry = session.scalar(select(AuditEntry).limit(1))
    entry.action = "tampered"
    with pytest.raises(audit.AuditLogIsAppendOnly):
        session.flush()
    session.rollback()
    with pytest.raises(audit.AuditLogIsAppendOnly):
        session.delete(session.scalar(select(AuditEntry).limit(1)))
        session.flush()
    session.rollback()
    # the database refuses too, even without the ORM
    with pytest.raises(Exception, match="append-only"):
        session.execute(text("DELETE FROM audit_log"))
    session.rollback()


def test_concurrent_edit_is_a_conflict_not_an_overwrite(db_url, imported):
    make = session_factory(db_url)
    with make() as first:
        rate = first.merge(imported.plan.indicators[1])
        values.set_value(first, rate, "2026-03", value=70)
        first.commit()
    a, b = make(), make()
    try:
        row_a = a.scalar(select(Value))
        row_b = b.scalar(select(Value))
        ind_a, ind_b = row_a.indicator, row_b.indicator
        values.set_value(a, ind_a, "2026-03", value=71, expected_version=row_a.version)
        a.commit()
        with pytest.raises(ConflictError, match="người khác"):
            values.set_value(b, ind_b, "2026-03", value=75, expected_version=row_b.version)
        b.rollback()
        # without a version given, the ORM version column still catches the stale row
        stale = b.scalar(select(Value))
        a.execute(text("UPDATE indicator_values SET value = 73, version = version + 1"))
        a.commit()
        stale.value = 99
        with pytest.raises(Exception, match="(?i)stale|expected to update"):
            b.flush()
        b.rollback()
        assert b.scalar(select(Value.value)) == 73
    finally:
        a.close()
        b.close()


def test_evidence_file_is_kept_in_data_dir(session, rate, tmp_path):
    from nq57.config import data_dir

    row = values.set_value(session, rate, "2026-03", value=70)
    ev = values.attach_evidence(session, value=row, filename="biên bản.pdf", data=b"%PDF-1.4", actor="officer")
    assert (data_dir() / ev.stored_path).read_bytes() == b"%PDF-1.4"
    link = values.attach_evidence(session, value=row, filename="link", link="https://dichvucong.gov.vn/x")
    assert link.stored_path is None
