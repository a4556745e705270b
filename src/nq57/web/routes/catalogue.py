"""Catalogue review: imported indicators not mapped with confidence to the indicator catalogue,
with the suggestion; the commune leader or the province administrator confirms it or picks
another entry (or none). Page and API mirror.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from nq57.errors import UserError
from nq57.store.models.tracking import CatalogueIndicator, Indicator, Plan, Unit
from nq57.web.context import commune_for
from nq57.web.deps import Forbidden, IdPath, IdQuery, Viewer, by_id, get_db, render, require_roles

router = APIRouter()
reviewers = require_roles("commune_leader", "province_admin")
NO_ENTRY = "-"  # the form's choice for "this indicator has no catalogue counterpart"


def may_review(who: Viewer, indicator: Indicator) -> bool:
    commune = indicator.plan.commune
    if who.role == "commune_leader":
        return commune.id == who.user.commune_id
    return who.role == "province_admin" and commune.parent_id == who.user.province_id


def review_rows(db: Session, who: Viewer, commune_id: int | None) -> tuple[Unit | None, list[Indicator]]:
    """The indicators to review: one commune's, or (province admin, no commune) the province's."""
    from nq57.track.catalogue import review_list

    if commune_id is not None or who.user.commune_id is not None:
        commune = commune_for(db, who, commune_id)
        return commune, review_list(db, commune)
    query = (
        select(Indicator).join(Plan).join(Unit, Unit.id == Plan.commune_id)
        .where(Indicator.mapping.in_(("review", "none")), Unit.parent_id == who.user.province_id)
        .order_by(Plan.commune_id, Indicator.plan_id, Indicator.seq)
    )
    return None, list(db.scalars(query))


def _row(ind: Indicator) -> dict:
    return {"id": ind.id, "commune": ind.plan.commune.name, "plan": ind.plan.number or ind.plan.title[:60],
            "code": ind.code, "name": ind.name, "unit": ind.unit, "mapping": ind.mapping,
            "score": ind.mapping_score, "suggestion": ind.catalogue.code if ind.catalogue else None,
            "suggestion_name": ind.catalogue.name if ind.catalogue else None}


def _entries(db: Session) -> list[CatalogueIndicator]:
    return list(db.scalars(select(CatalogueIndicator).order_by(CatalogueIndicator.code)))


def _decide(db: Session, who: Viewer, indicator: Indicator | None, code: str | None) -> Indicator:
    from nq57.track.catalogue import set_mapping

    if indicator is None or not may_review(who, indicator):
        raise Forbidden("Bạn không có quyền đối chiếu chỉ tiêu này với danh mục.")
    try:
        set_mapping(db, indicator, code, who.user.username)
    except UserError as exc:
        db.rollback()
        raise HTTPException(422, str(exc)) from None
    db.commit()
    return indicator


@router.get("/catalogue-review", include_in_schema=False)
def review_page(request: Request, commune: IdQuery = None, done: str | None = None,
                who: Viewer = Depends(reviewers), db: Session = Depends(get_db)):
    chosen, rows = review_rows(db, who, commune)
    return render(request, "catalogue_review.html", {"commune": chosen, "rows": [_row(i) for i in rows],
                                                     "entries": _entries(db), "message": done, "no_entry": NO_ENTRY})


@router.post("/catalogue-review/{indicator_id}", include_in_schema=False)
async def review_decide(indicator_id: IdPath, request: Request, who: Viewer = Depends(reviewers),
                        db: Session = Depends(get_db)):
    form = await request.form()
    code = str(form.get("code") or "").strip()
    if not code:
        raise HTTPException(422, "Chọn một chỉ tiêu trong danh mục, hoặc 'Không thuộc danh mục'.")
    indicator = _decide(db, who, by_id(db, Indicator, indicator_id), None if code == NO_ENTRY else code)
    back = f"/catalogue-review?commune={indicator.plan.commune_id}&" if form.get("commune") else "/catalogue-review?"
    word = "không thuộc danh mục" if code == NO_ENTRY else f"khớp với mã {code}"
    return RedirectResponse(f"{back}done={quote(f'Đã ghi: {indicator.name[:60]} — {word}.')}", status_code=303)


# ---- API -------------------------------------------------------------------------------


class MappingIn(BaseModel):
    code: str | None = Field(None, max_length=40, description="Mã chỉ tiêu trong danh mục; null: không thuộc danh mục")


@router.get("/api/catalogue/review", tags=["Danh mục"],
            summary="Chỉ tiêu chưa khớp chắc chắn với danh mục, kèm gợi ý")
def api_review(commune_id: IdQuery = None, who: Viewer = Depends(reviewers), db: Session = Depends(get_db)) -> list[dict]:
    _, rows = review_rows(db, who, commune_id)
    return [_row(i) for i in rows]


@router.put("/api/indicators/{indicator_id}/catalogue", tags=["Danh mục"],
            summary="Xác nhận hoặc chọn chỉ tiêu danh mục cho một chỉ tiêu của kế hoạch")
def api_map(indicator_id: IdPath, body: MappingIn, who: Viewer = Depends(reviewers), db: Session = Depends(get_db)) -> dict:
    indicator = _decide(db, who, db.get(Indicator, indicator_id), body.code)
    return _row(indicator)
