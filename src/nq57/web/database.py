"""The engine the web app uses: the tracking core's engine, schema migrated on first use."""

from __future__ import annotations

from sqlalchemy import Engine

import nq57.store.models  # noqa: F401  (registers every table, accounts included)
from nq57.store.db import get_engine


def engine_for(url: str | None = None) -> Engine:
    """An engine on `url` (default: NQ57_DATABASE_URL or the SQLite file), schema up to date."""
    return get_engine(url)
