"""Accounts of the web application: users, server-side sessions, login attempts, pins.

A user's scope is a province, a commune or a unit inside a commune, depending on the role.
The scope columns hold ids of administrative/internal units from the tracking tables; they
are kept as plain integers so that accounts never block a unit merge or a restore.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nq57.store.base import Base

ROLES = ("province_admin", "province_viewer", "commune_leader", "unit_officer", "commune_viewer")


def utcnow() -> datetime:
    """Naive UTC: SQLite drops time zones, so every timestamp here is UTC without one."""
    return datetime.now(UTC).replace(tzinfo=None)


class User(Base):
    __tablename__ = "web_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(40))
    province_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    commune_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    unit_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # sha256 of the API token; the token itself is shown once and never stored.
    api_token_hash: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(), default=utcnow)

    sessions: Mapped[list[WebSession]] = relationship(back_populates="user", cascade="all, delete-orphan")
    pins: Mapped[list[Pin]] = relationship(back_populates="user", cascade="all, delete-orphan")


class WebSession(Base):
    """A login: the cookie carries a random token, the table keeps only its sha256."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("web_users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime())

    user: Mapped[User] = relationship(back_populates="sessions")


class LoginAttempt(Base):
    """Every login attempt, kept for throttling (failures per username and per address)."""

    __tablename__ = "web_login_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), index=True)
    address: Mapped[str] = mapped_column(String(64), default="")
    success: Mapped[bool] = mapped_column(Boolean, default=False)
    at: Mapped[datetime] = mapped_column(DateTime(), default=utcnow, index=True)


class Pin(Base):
    """An indicator, task or commune a user pinned on his own dashboard."""

    __tablename__ = "web_pins"
    __table_args__ = (UniqueConstraint("user_id", "kind", "ref_id", name="uq_web_pins_user_kind_ref"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("web_users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # indicator | task | commune | catalogue
    ref_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(), default=utcnow)

    user: Mapped[User] = relationship(back_populates="pins")
