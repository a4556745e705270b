"""The plan page: indicators with targets by year, tasks, budget; filters; API mirror."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm import Session

from nq57.web import accounts, views
from nq57.web.context import checked_period, commune_for, default_period, today
from nq57.web.deps import IdPath, IdQuery, Viewer, get_db, render, viewer
from nq57.web.formatting import target_words

router = APIRouter()


def _unit_name(unit) -> str:
    return unit.name if unit is not None else ""


def plan_data(db: Session, who: Viewer, commune_id: int | None, period: str | None) -> dict:
    from nq57.track.plans import plans_of
    from nq57.track.status import commune_status

    commune = commune_for(db, who, commune_id)
    chosen = checked_period(period, default_period(db, commune))
    status = commune_status(db, commune, chosen, as_of=today())
    indicator_status = {row.id: row for row in status.indicators}
    task_status = {row.id: row for row in status.tasks}
    plans = plans_of(db, commune)
    years = sorted({t.year for p in plans for i in p.indicators for t in i.targets})
    indicators, tasks, budget = [], [], []
    for plan in plans:
        for ind in plan.indicators:
            row = indicator_status.get(ind.id)
            indicators.append(
                {
                    "id": ind.id,
                    "plan": plan.number or plan.title[:60],
                    "code": ind.code,
                    "group": ind.group_name or "",
                    "name": ind.name,
                    "unit": ind.unit,
                    "lead": _unit_name(ind.lead_unit),
                    "targets": {t.year: target_words(t) for t in ind.targets},
                    "status": getattr(row, "status", None),
                    "catalogue": ind.catalogue.code if ind.catalogue else None,
                }
            )
        for task in plan.tasks:
            row = task_status.get(task.id)
            tasks.append(
                {
                    "id": task.id,
                    "plan": plan.number or plan.title[:60],
                    "code": task.code,
                    "group": task.group_name or "",
                    "name": task.name,
                    "lead": _unit_name(getattr(task, "lead_unit", None)),
                    "support": task.support or [],
                    "product": task.product,
                    "deadline_text": task.deadline_text,
                    "due": task.extended_due or task.due,
                    "status": getattr(row, "status", None),
                }
            )
        for line in plan.budget_lines:
            budget.append(
                {
                    "plan": plan.number or plan.title[:60],
                    "code": getattr(line, "code", None),
                    "item": getattr(line, "item", ""),
                    "amount": getattr(line, "amount", None),
                    "unit": getattr(line, "unit", ""),
                }
            )
    return {
        "commune": commune,
        "period": chosen,
        "plans": plans,
        "years": years,
        "indicators": indicators,
        "tasks": tasks,
        "budget": budget,
    }


def _filter(rows: list[dict], unit: str, status: str, group: str) -> list[dict]:
    def keep(row: dict) -> bool:
        if unit and row["lead"] != unit:
            return False
        if status and str(row["status"] or "") != status:
            return False
        return not (group and row["group"] != group)

    return [r for r in rows if keep(r)]


@router.get("/plan", include_in_schema=False)
def plan_page(
    request: Request,
    commune: IdQuery = None,
    period: str | None = None,
    unit: str = "",
    status: str = "",
    group: str = "",
    imported: str | None = None,
    who: Viewer = Depends(viewer),
    db: Session = Depends(get_db),
):
    data = plan_data(db, who, commune, period)
    data["imported"] = imported
    data["pinned_indicators"] = accounts.pinned_ids(db, who.user, "indicator")
    data["pinned_tasks"] = accounts.pinned_ids(db, who.user, "task")
    data["units"] = sorted({r["lead"] for r in data["indicators"] + data["tasks"] if r["lead"]})
    data["groups"] = sorted({r["group"] for r in data["indicators"] + data["tasks"] if r["group"]})
    data["indicators"] = _filter(data["indicators"], unit, status, group)
    data["tasks"] = _filter(data["tasks"], unit, status, group)
    data["chosen"] = {"unit": unit, "status": status, "group": group}
    return render(request, "plan.html", data)


@router.get("/api/communes/{commune_id}/plan", tags=["Xã/phường"], summary="Kế hoạch: chỉ tiêu, nhiệm vụ, kinh phí")
def api_plan(
    commune_id: IdPath,
    period: str | None = Query(None, description="Kỳ dùng để tính trạng thái"),
    unit: str = Query("", description="Lọc theo đơn vị chủ trì"),
    status: str = Query("", description="Lọc theo trạng thái"),
    group: str = Query("", description="Lọc theo nhóm"),
    who: Viewer = Depends(viewer),
    db: Session = Depends(get_db),
) -> dict:
    data = plan_data(db, who, commune_id, period)
    return views.plain(
        {
            "commune": data["commune"].name,
            "period": data["period"],
            "indicators": _filter(data["indicators"], unit, status, group),
            "tasks": _filter(data["tasks"], unit, status, group),
            "budget": data["budget"],
        }
    )
