"""Who may see and change what. Every page and API route calls these on the server.

- province_admin / province_viewer: every commune of their province (read); the admin may
  also upload documents for a commune.
- commune_leader: the whole commune; approves, returns, reopens, asks for giải trình,
  decides extensions, imports documents; may enter values too.
- unit_officer: reads his commune; enters values and task progress only for the indicators
  and tasks his unit leads; answers giải trình and requests extensions for them.
- commune_viewer: reads his commune.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from nq57.errors import UserError
from nq57.store.models.accounts import User
from nq57.store.models.tracking import Indicator, Task, Unit
from nq57.web.accounts import COMMUNE_ROLES, PROVINCE_ROLES
from nq57.web.deps import Forbidden


@dataclass(frozen=True)
class Scope:
    province_id: int | None
    commune_id: int | None
    unit_id: int | None
    label: str


def resolve_scope(session: Session, role: str, *, commune: str = "", province: str = "", unit: str = "") -> Scope:
    """Turn the names given to `nq57 users add` into unit ids, with a clear error when unknown."""
    from nq57.track import units

    if role in PROVINCE_ROLES:
        if not province and commune:
            raise UserError(f"Vai trò {role} gắn với một tỉnh: dùng --province, không dùng --commune.")
        if not province:
            raise UserError(f"Vai trò {role} cần --province.")
        prov = units.find_province(session, province)
        return Scope(prov.id, None, None, prov.name)
    if role in COMMUNE_ROLES:
        if not commune:
            raise UserError(f"Vai trò {role} cần --commune.")
        com = units.find_commune(session, commune)
        unit_id = None
        label = f"{com.name}, {com.parent.name if com.parent else ''}".strip(", ")
        if role == "unit_officer":
            if not unit:
                raise UserError("Vai trò unit_officer cần --unit (tên đơn vị trong xã).")
            internal = units.internal_unit(session, com, unit, create=False)
            if internal is None:
                known = [u.name for u in units.internal_units(session, com)]
                if known:  # a typo must not create a new unit: list the commune's units
                    raise UserError(f"Không có đơn vị '{unit}' ở {com.name}. Các đơn vị: {'; '.join(known[:15])}.")
                internal = units.internal_unit(session, com, unit, create=True)
            unit_id = internal.id if internal else None
            label = f"{internal.name if internal else unit} — {label}"
        return Scope(com.parent_id, com.id, unit_id, label)
    raise UserError(f"Vai trò '{role}' không hợp lệ.")


def can_view_commune(user: User, commune: Unit) -> bool:
    if user.role in PROVINCE_ROLES:
        return commune.parent_id == user.province_id
    return commune.id == user.commune_id


def check_commune(user: User, commune: Unit | None) -> Unit:
    if commune is None or commune.kind != "commune" or not can_view_commune(user, commune):
        raise Forbidden("Bạn không có quyền xem xã/phường này.")
    return commune


def _plan_commune_id(item: Indicator | Task) -> int:
    return item.plan.commune_id


def can_enter(user: User, item: Indicator | Task) -> bool:
    """May this user set the value (indicator) or the progress (task)?"""
    if _plan_commune_id(item) != user.commune_id:
        return False
    if user.role == "commune_leader":
        return True
    return user.role == "unit_officer" and item.lead_unit_id is not None and item.lead_unit_id == user.unit_id


def check_enter(user: User, item: Indicator | Task | None) -> Indicator | Task:
    if item is None or not can_enter(user, item):
        raise Forbidden("Bạn chỉ được nhập số liệu cho chỉ tiêu, nhiệm vụ do đơn vị mình chủ trì.")
    return item


def check_leader(user: User, commune_id: int | None) -> None:
    if user.role != "commune_leader" or commune_id is None or commune_id != user.commune_id:
        raise Forbidden("Chỉ lãnh đạo xã/phường được thực hiện thao tác này.")


def can_view_item(user: User, item: Indicator | Task) -> bool:
    if user.role in PROVINCE_ROLES:
        return can_view_commune(user, item.plan.commune)
    # A commune user sees his own commune: the plan's commune id says so without loading the unit.
    return item.plan.commune_id == user.commune_id
