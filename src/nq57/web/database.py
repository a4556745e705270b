"""The engine the web app uses: the tracking core's engine, schema migrated on first use.

On PostgreSQL the app gets a pool of its own, as large as the requests it lets in at once
(`NQ57_MAX_IN_FLIGHT`): the shared engine keeps 5 connections and closes the others when they
are returned, so under load about one request in twenty opened a new connection (a backend
started, its prepared statements lost; bench/load.py counted 175 in 30 s).
"""

from __future__ import annotations

import threading

from sqlalchemy import Engine, create_engine

import nq57.store.models  # noqa: F401  (registers every table, accounts included)
from nq57.store.db import get_engine

OVERFLOW = 5  # connections beyond the pool, for a request that opens a second session
_lock = threading.Lock()
_engines: dict[tuple[str, int], Engine] = {}


def engine_for(url: str | None = None, *, pool_size: int | None = None) -> Engine:
    """An engine on `url` (default: NQ57_DATABASE_URL or the SQLite file), schema up to date;
    on PostgreSQL with `pool_size` pooled connections kept open (one engine per URL and size)."""
    shared = get_engine(url)
    if pool_size is None or shared.dialect.name != "postgresql":
        return shared
    key = (shared.url.render_as_string(hide_password=False), pool_size)
    with _lock:
        engine = _engines.get(key)
        if engine is None:
            engine = _engines[key] = create_engine(
                shared.url, pool_size=pool_size, max_overflow=OVERFLOW, pool_pre_ping=True
            )
    return engine


def dispose_all() -> None:
    """Close the web engines' pooled connections (tests, benchmarks)."""
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
