"""Account services: create users, log in with throttling, sessions, API tokens, pins.

No web framework here: the routes and the CLI call these with a SQLAlchemy session.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, joinedload

from nq57.errors import UserError
from nq57.store.models.accounts import ROLES, LoginAttempt, Pin, User, WebSession, utcnow
from nq57.web import security

SESSION_LIFETIME = timedelta(hours=12)
ATTEMPTS_KEPT = timedelta(days=30)

ROLE_LABELS = {
    "province_admin": "Quản trị cấp tỉnh",
    "province_viewer": "Xem cấp tỉnh",
    "commune_leader": "Lãnh đạo xã/phường",
    "unit_officer": "Cán bộ đơn vị",
    "commune_viewer": "Xem cấp xã/phường",
}
PROVINCE_ROLES = ("province_admin", "province_viewer")
COMMUNE_ROLES = ("commune_leader", "unit_officer", "commune_viewer")


class LoginThrottled(UserError):
    """Too many failed logins: the user must wait."""


@dataclass(frozen=True)
class LoginResult:
    user: User
    session_token: str
    csrf_token: str


def _clean_username(username: str) -> str:
    return unicodedata.normalize("NFC", username).strip().lower()


def create_user(
    session: Session,
    username: str,
    password: str,
    role: str,
    *,
    province_id: int | None = None,
    commune_id: int | None = None,
    unit_id: int | None = None,
    full_name: str = "",
    is_demo: bool = False,
) -> User:
    """Create (or, for an existing username, update) an account, checking the role's scope."""
    name = _clean_username(username)
    if not name or len(name) > 80:
        raise UserError("Tên đăng nhập không được để trống và tối đa 80 ký tự.")
    if role not in ROLES:
        raise UserError(f"Vai trò '{role}' không hợp lệ; chọn một trong: {', '.join(ROLES)}.")
    if len(password) < security.MIN_PASSWORD_LENGTH:
        raise UserError(f"Mật khẩu phải có ít nhất {security.MIN_PASSWORD_LENGTH} ký tự.")
    if role in PROVINCE_ROLES and province_id is None:
        raise UserError(f"Vai trò {role} cần chỉ rõ tỉnh (--province).")
    if role in COMMUNE_ROLES and commune_id is None:
        raise UserError(f"Vai trò {role} cần chỉ rõ xã/phường (--commune).")
    if role == "unit_officer" and unit_id is None:
        raise UserError("Vai trò unit_officer cần chỉ rõ đơn vị (--unit).")
    user = session.scalar(select(User).where(User.username == name))
    if user is None:
        user = User(username=name)
        session.add(user)
    user.password_hash = security.hash_password(password)
    user.role = role
    user.province_id = province_id
    user.commune_id = commune_id
    user.unit_id = unit_id if role == "unit_officer" else None
    user.full_name = full_name or user.full_name or name
    user.is_demo = is_demo
    user.active = True
    session.flush()
    return user


def _failures(session: Session, column, value: str, now: datetime) -> list[datetime]:
    since = now - security.FAILURE_WINDOW
    rows = session.scalars(
        select(LoginAttempt.at).where(column == value, LoginAttempt.success.is_(False), LoginAttempt.at > since)
    )
    return list(rows)


def login(session: Session, username: str, password: str, address: str = "") -> LoginResult | None:
    """Check a password; None when wrong. Raises LoginThrottled after repeated failures."""
    name = _clean_username(username)
    now = utcnow()
    if security.is_throttled(_failures(session, LoginAttempt.username, name, now), now) or (
        address and security.is_throttled(_failures(session, LoginAttempt.address, address, now), now)
    ):
        raise LoginThrottled(
            "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau "
            f"{int(security.FAILURE_WINDOW.total_seconds() // 60)} phút."
        )
    user = session.scalar(select(User).where(User.username == name))
    ok = bool(user and user.active and security.verify_password(user.password_hash, password))
    session.add(LoginAttempt(username=name, address=address[:64], success=ok, at=now))
    if not ok or user is None:
        session.flush()
        return None
    # Housekeeping at each successful login: expired sessions and month-old attempts go.
    session.execute(delete(WebSession).where(WebSession.expires_at <= now))
    session.execute(delete(LoginAttempt).where(LoginAttempt.at < now - ATTEMPTS_KEPT))
    token, csrf = security.new_token(), security.new_token()
    session.add(
        WebSession(
            token_hash=security.digest(token),
            user_id=user.id,
            csrf_token=csrf,
            created_at=now,
            expires_at=now + SESSION_LIFETIME,
        )
    )
    session.flush()
    return LoginResult(user=user, session_token=token, csrf_token=csrf)


def session_for(session: Session, token: str | None) -> WebSession | None:
    """The live session a cookie token belongs to, or None."""
    if not token:
        return None
    # The user comes in the same statement: every request asks for both.
    row = session.scalar(
        select(WebSession).options(joinedload(WebSession.user)).where(WebSession.token_hash == security.digest(token))
    )
    if row is None or row.expires_at <= utcnow() or not row.user.active:
        return None
    return row


def logout(session: Session, token: str | None) -> None:
    if token:
        session.execute(delete(WebSession).where(WebSession.token_hash == security.digest(token)))


def issue_api_token(session: Session, user: User) -> str:
    """A new API token for the user (replaces the old one). Returned once, stored as a digest."""
    token = security.new_token()
    user.api_token_hash = security.digest(token)
    session.flush()
    return token


def user_for_api_token(session: Session, token: str | None) -> User | None:
    if not token:
        return None
    user = session.scalar(select(User).where(User.api_token_hash == security.digest(token)))
    return user if user is not None and user.active else None


def toggle_pin(session: Session, user: User, kind: str, ref_id: int) -> bool:
    """Pin or unpin; returns True when the item is now pinned."""
    if kind not in ("indicator", "task", "commune", "catalogue"):
        raise UserError(f"Loại ghim '{kind}' không hợp lệ.")
    pin = session.scalar(select(Pin).where(Pin.user_id == user.id, Pin.kind == kind, Pin.ref_id == ref_id))
    if pin is not None:
        session.delete(pin)
        session.flush()
        return False
    session.add(Pin(user_id=user.id, kind=kind, ref_id=ref_id))
    session.flush()
    return True


def pinned_ids(session: Session, user: User, kind: str) -> set[int]:
    return set(session.scalars(select(Pin.ref_id).where(Pin.user_id == user.id, Pin.kind == kind)))


def pinned_by_kind(session: Session, user: User, kinds: tuple[str, ...]) -> dict[str, set[int]]:
    """The user's pins of several kinds in one SELECT: kind -> ids."""
    out: dict[str, set[int]] = {kind: set() for kind in kinds}
    for kind, ref_id in session.execute(select(Pin.kind, Pin.ref_id).where(Pin.user_id == user.id, Pin.kind.in_(kinds))):
        out[kind].add(ref_id)
    return out
