"""A small cache for the province view, exact rather than timed.

Computing the status of every commune of a province is the expensive read of the app.
Every change to tracked data appends to the audit log, so the newest audit id is a cheap
version number: a cached result is reused only while no change has been recorded since.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nq57.store.models.tracking import AuditEntry, Plan, Value

MAX_ENTRIES = 32
_lock = threading.Lock()
_entries: OrderedDict[tuple, Any] = OrderedDict()


def data_version(db: Session) -> tuple:
    """Changes since: newest audit entry, plus the newest value and plan, which bulk loads add
    without auditing. Maxima of primary keys are index look-ups; counts would scan the tables.
    One statement: every dashboard asks."""
    return tuple(
        db.execute(
            select(
                select(func.max(AuditEntry.id)).scalar_subquery(),
                select(func.max(Value.id)).scalar_subquery(),
                select(func.max(Plan.id)).scalar_subquery(),
            )
        ).one()
    )


def cached(db: Session, key: tuple, compute: Callable[[], Any]) -> Any:
    full_key = (str(db.get_bind().url), *key, data_version(db))
    with _lock:
        if full_key in _entries:
            _entries.move_to_end(full_key)
            return _entries[full_key]
    value = compute()
    with _lock:
        _entries[full_key] = value
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def clear() -> None:
    with _lock:
        _entries.clear()
