"""The append-only audit log: every change, by whom and when.

The ORM refuses to update or delete an entry (and the database triggers refuse too).
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from nq57.store.models.tracking import AuditEntry, Unit


class AuditLogIsAppendOnly(RuntimeError):
    pass


@event.listens_for(AuditEntry, "before_update")
def _no_update(*_args: object) -> None:
    raise AuditLogIsAppendOnly("audit_log is append-only")


@event.listens_for(AuditEntry, "before_delete")
def _no_delete(*_args: object) -> None:
    raise AuditLogIsAppendOnly("audit_log is append-only")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def record(
    session: Session,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None,
    commune_id: int | None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    entry = AuditEntry(
        actor=actor or "",
        action=action,
        entity=entity,
        entity_id=entity_id,
        commune_id=commune_id,
        detail=_plain(detail or {}),
    )
    session.add(entry)
    return entry


def entries(
    session: Session,
    *,
    commune: Unit | None = None,
    entity: str | None = None,
    entity_id: int | None = None,
    actor: str | None = None,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    limit: int = 500,
) -> list[AuditEntry]:
    """Entries matching every filter given, newest first."""
    session.flush()
    query = select(AuditEntry)
    if commune is not None:
        query = query.where(AuditEntry.commune_id == commune.id)
    if entity is not None:
        query = query.where(AuditEntry.entity == entity)
    if entity_id is not None:
        query = query.where(AuditEntry.entity_id == entity_id)
    if actor is not None:
        query = query.where(AuditEntry.actor == actor)
    if since is not None:
        query = query.where(AuditEntry.at >= _as_datetime(since))
    if until is not None:
        end = until if isinstance(until, datetime) else datetime.combine(until, time.max)
        query = query.where(AuditEntry.at <= end)
    query = query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
    return list(session.scalars(query))


def _as_datetime(value: date | datetime) -> datetime:
    return value if isinstance(value, datetime) else datetime.combine(value, time.min)
