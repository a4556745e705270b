"""The national builder, the aggregates and the lost-write check on a tiny dataset,
on SQLite and PostgreSQL (the `db_url` fixture)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest
from sqlalchemy import func, select

from nq57.domain.periods import Period, PeriodKind
from nq57.scale import builder, rollups
from nq57.scale.lostwrites import Attempt, snapshot, verify
from nq57.store.models.tracking import AuditEntry, Indicator, Plan, TaskProgress, Unit, Value
from nq57.track import values
from nq57.track.status import commune_status

END = Period(2026, PeriodKind.MONTH, 3)
SPEC = builder.BuildSpec(indicators=6, tasks=5, months=15, end=END, missing_share=0.5, seed=3)
AS_OF = date(2026, 3, 25)


@pytest.fixture
def built(db_url, places, session):
    report = builder.build(db_url, SPEC)
    session.expire_all()
    return report


def test_builder_goes_through_the_services(built, session, places):
    communes = [places[k] for k in ("tan_an", "hoa_binh_lam", "hoa_binh_bien", "cat_lai")]
    assert built.communes == 4 and built.skipped == 0
    n_values = session.scalar(select(func.count()).select_from(Value))
    assert n_values == built.values
    # Each silent unit skipped the last month only: at most 6 values missing per commune.
    assert 4 * 6 * 14 <= n_values < 4 * 6 * 15
    # Every value and progress entry has its audit entry (the service wrote it).
    audited = session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "value.set"))
    assert audited == n_values
    progress_audits = session.scalar(
        select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "progress.set"))
    assert progress_audits == session.scalar(select(func.count()).select_from(TaskProgress)) == built.progress > 0
    # Indicators map to the catalogue by name, and lead units were created inside each commune.
    mappings = session.execute(select(Indicator.mapping, func.count()).group_by(Indicator.mapping)).all()
    assert dict(mappings) == {"auto": 4 * 6}
    for commune in communes:
        internal = session.scalars(select(Unit).where(Unit.parent_id == commune.id, Unit.kind == "internal")).all()
        assert len(internal) == 6


def test_a_second_build_resumes_without_duplicating(built, db_url, session):
    before = session.scalar(select(func.count()).select_from(Value))
    again = builder.build(db_url, SPEC)
    assert again.communes == 0 and again.skipped == 4
    assert session.scalar(select(func.count()).select_from(Value)) == before
    assert session.scalar(select(func.count()).select_from(Plan)) == 4


def test_province_comparison_matches_each_commune_dashboard(built, session, places):
    province = places["lam"]
    rows = rollups.province_comparison(session, province, "DVC-TT", "2026-03", AS_OF)
    assert {r.commune_id for r in rows} == {places["tan_an"].id, places["hoa_binh_lam"].id}
    for r in rows:
        dashboard = commune_status(session, session.get(Unit, r.commune_id), "2026-03", AS_OF)
        same = [i for i in dashboard.indicators if i.catalogue_code == "DVC-TT"]
        assert len(same) == 1
        assert (r.value, r.status, r.pace, r.target) == (same[0].value, same[0].status, same[0].pace, same[0].target)
    ranked = [r for r in rows if r.rank is not None]
    assert [r.value for r in ranked] == sorted((r.value for r in ranked), reverse=True)


def test_national_rollup_counts_every_commune(built, session, places):
    # The roll-up's lean read (one value per commune) gives the full read's value and status.
    full = {r.indicator_id: (r.value, r.status) for r in rollups.indicator_across(session, "HS-TT", "2026-03", AS_OF)}
    lean = rollups.indicator_across(session, "HS-TT", "2026-03", AS_OF, full=False)
    assert full and {r.indicator_id: (r.value, r.status) for r in lean} == full
    rows = {r.province_id: r for r in rollups.national_rollup(session, "HS-TT", "2026-03", AS_OF)}
    assert set(rows) == {places["lam"].id, places["bien"].id}
    for province in (places["lam"], places["bien"]):
        detail = rollups.province_comparison(session, province, "HS-TT", "2026-03", AS_OF)
        r = rows[province.id]
        assert r.communes == 2
        assert r.achieved == sum(d.status == "achieved" for d in detail)
        assert r.achieved + r.not_achieved + r.not_evaluated == 2
        numbers = [d.value for d in detail if d.value is not None]
        assert r.mean_value == (round(sum(numbers) / len(numbers), 2) if numbers else None)


def test_not_reported_lists_the_units_without_a_value(built, session, places):
    province = places["lam"]
    found = rollups.not_reported(session, province, str(END))
    expected: dict[tuple[int, str], int] = defaultdict(int)
    for ind, commune_id, lead in session.execute(
        select(Indicator, Plan.commune_id, Unit.name)
        .join(Plan, Plan.id == Indicator.plan_id)
        .join(Unit, Unit.id == Indicator.lead_unit_id)
        .where(Plan.commune_id.in_([places["tan_an"].id, places["hoa_binh_lam"].id]))
    ):
        if values.get_value(session, ind, str(END)) is None:
            expected[(commune_id, lead)] += 1
    assert expected, "the spec makes some units silent in the last month"
    assert {(r.commune_id, r.unit): r.missing for r in found} == dict(expected)
    # A value entered now takes the unit off the list at once.
    first = found[0]
    indicator = session.scalars(
        select(Indicator).join(Plan).join(Unit, Unit.id == Indicator.lead_unit_id)
        .where(Plan.commune_id == first.commune_id, Unit.name == first.unit)
    ).first()
    values.set_value(session, indicator, str(END), value=50.0, actor="tester", check=False)
    session.commit()
    after = {(r.commune_id, r.unit): r.missing for r in rollups.not_reported(session, province, str(END))}
    assert after.get((first.commune_id, first.unit), 0) == first.missing - 1


def test_not_reported_needs_a_month(built, session, places):
    from nq57.errors import UserError

    with pytest.raises(UserError, match="tháng"):
        rollups.not_reported(session, places["lam"], "2026-Q1")


def test_lost_write_check(imported, session):
    plan = imported.plan
    first, second = plan.indicators[0], plan.indicators[1]
    keys = {(first.id, "2026-02"), (second.id, "2026-02")}
    before = snapshot(session, keys, "load-officer-")
    values.set_value(session, first, "2026-02", value=40.0, actor="load-officer-1", check=False)
    values.set_value(session, first, "2026-02", value=41.0, actor="load-officer-1", check=False)
    session.commit()
    acked = [Attempt(first.id, "2026-02", 40.0, 1, True), Attempt(first.id, "2026-02", 41.0, 2, True)]
    after = snapshot(session, keys, "load-officer-")
    verdict = verify(before, after, acked)
    assert verdict.ok, verdict
    assert verdict.rows_expected == (before.rows + 1, before.rows + 1)

    # The server said 200 for a write the database does not hold: caught.
    lost = acked + [Attempt(second.id, "2026-02", 55.0, 1, True)]
    verdict = verify(before, after, lost)
    assert not verdict.ok and verdict.wrong == [(second.id, "2026-02")]

    # An unanswered write may be missing or present; both pass.
    assert verify(before, after, acked + [Attempt(second.id, "2026-02", 55.0, 1, False)]).ok
    values.set_value(session, second, "2026-02", value=55.0, actor="load-officer-2", check=False)
    session.commit()
    applied = snapshot(session, keys, "load-officer-")
    assert verify(before, applied, acked + [Attempt(second.id, "2026-02", 55.0, 1, False)]).ok
    # ... but an acknowledged value overwritten by nobody's acknowledged write is caught.
    assert not verify(before, applied, [Attempt(first.id, "2026-02", 39.0, 3, True)] + acked[:1]).ok
