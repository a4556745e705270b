"""Emulation scoring (bộ tiêu chí đánh giá) of the units of a commune and of the communes of
a province. Weights come from the `scoring_weights` setting of the province (else defaults);
the formula is in nq57.domain.scoring.

  indicators met  : share of the unit's evaluated indicators that are achieved
  tasks on time   : share of the unit's tasks done on time or still within their deadline
  reports on time : share of (indicator, closed month) pairs whose value was entered by the
                    month's report due day
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from nq57.domain import scoring as rules
from nq57.domain.periods import Period, PeriodKind
from nq57.domain.tasks import TaskStatus, on_time
from nq57.store.models.tracking import Unit, Value
from nq57.track.calendar import calendar_for, get_setting
from nq57.track.status import CommuneStatus, commune_status

WEIGHTS_KEY = "scoring_weights"


@dataclass(frozen=True)
class UnitScore:
    rank: int
    unit_id: int | None
    name: str
    score: float | None
    figures: rules.Figures


def weights_for(session: Session, unit: Unit) -> dict[str, float]:
    province = unit
    while province.kind != "province" and province.parent_id is not None:
        province = session.get(Unit, province.parent_id)
    return get_setting(session, WEIGHTS_KEY, province) or get_setting(session, WEIGHTS_KEY) or dict(rules.DEFAULT_WEIGHTS)


def _closed_months(session: Session, commune: Unit, year: int, as_of: date) -> list[Period]:
    calendar = calendar_for(session, commune)
    last = calendar.last_closed_month(as_of)
    if last is None or last.year < year:
        return []
    upto = 12 if last.year > year else last.index
    return [Period(year, PeriodKind.MONTH, m) for m in range(1, upto + 1)]


def _figures(session: Session, commune: Unit, status: CommuneStatus, lead_id: int | None) -> rules.Figures:
    inds = [i for i in status.indicators if lead_id is None or i.lead_id == lead_id]
    evaluated = [i for i in inds if i.status != "not_evaluated"]
    tasks = [t for t in status.tasks if lead_id is None or t.lead_id == lead_id]
    months = _closed_months(session, commune, int(status.period[:4]), status.as_of)
    calendar = calendar_for(session, commune)
    ids = [i.id for i in inds]
    entered: dict[tuple[int, str], datetime] = {}
    if ids and months:
        for indicator_id, period, at in session.execute(
            select(Value.indicator_id, Value.period, Value.entered_at).where(
                Value.indicator_id.in_(ids), Value.period.in_([str(m) for m in months])
            )
        ):
            entered[(indicator_id, period)] = at
    on_time_reports = sum(
        1
        for i in ids
        for m in months
        if (i, str(m)) in entered and entered[(i, str(m))] <= datetime.combine(calendar.report_due(m), time.max)
    )
    return rules.Figures(
        indicators_met=sum(i.status == "achieved" for i in evaluated),
        indicators_total=len(evaluated),
        tasks_on_time=sum(on_time(TaskStatus(t.status)) for t in tasks),
        tasks_total=len(tasks),
        reports_on_time=on_time_reports,
        reports_total=len(ids) * len(months),
    )


def _ranked(items: list[tuple[int | None, str, rules.Figures]], weights: dict[str, float]) -> list[UnitScore]:
    scores = {name: rules.score(fig, weights) for _, name, fig in items}
    by_name = {name: (uid, fig) for uid, name, fig in items}
    return [UnitScore(r, by_name[n][0], n, s, by_name[n][1]) for r, n, s in rules.rank(list(scores.items()))]


def unit_scores(session: Session, commune: Unit, period: str, as_of: date | None = None,
                weights: dict[str, float] | None = None) -> list[UnitScore]:
    status = commune_status(session, commune, period, as_of)
    weights = weights or weights_for(session, commune)
    leads = {i.lead_id: i.lead for i in status.indicators if i.lead_id} | {t.lead_id: t.lead for t in status.tasks if t.lead_id}
    items = [(uid, name, _figures(session, commune, status, uid)) for uid, name in leads.items()]
    return _ranked(items, weights)


def commune_scores(session: Session, province: Unit, period: str, as_of: date | None = None,
                   weights: dict[str, float] | None = None) -> list[UnitScore]:
    from nq57.track.status import province_status

    weights = weights or weights_for(session, province)
    items = []
    for status in province_status(session, province, period, as_of):
        commune = session.get(Unit, status.commune_id)
        items.append((commune.id, commune.name, _figures(session, commune, status, None)))
    return _ranked(items, weights)
