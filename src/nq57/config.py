"""Where nq57 keeps its data, from the environment (NQ57_DATA_DIR, NQ57_DATABASE_URL)."""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    """The folder for the default database, evidence files and exports."""
    configured = os.environ.get("NQ57_DATA_DIR")
    if configured:
        path = Path(configured).expanduser()
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        path = Path(base) / "nq57"
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url() -> str:
    """NQ57_DATABASE_URL, or the embedded SQLite file in the data folder."""
    configured = os.environ.get("NQ57_DATABASE_URL")
    if configured:
        return configured
    return f"sqlite:///{data_dir() / 'nq57.sqlite3'}"
