"""Engines, sessions and schema upgrades.

`get_engine(url)` caches one engine per URL; `session_scope()` commits on success and rolls
back on any error, so a failed operation leaves nothing behind. The schema is brought to the
latest migration the first time a URL is used in a process (a user's first command works).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from nq57.config import database_url
from nq57.errors import UserError

MIGRATIONS = Path(__file__).parent / "migrations"

_engines: dict[str, Engine] = {}
_upgraded: set[str] = set()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def get_engine(url: str | None = None, *, upgrade_schema: bool = True) -> Engine:
    """The engine for `url` (default: NQ57_DATABASE_URL or the SQLite file), schema up to date."""
    url = url or database_url()
    engine = _engines.get(url)
    if engine is None:
        try:
            if url.startswith("sqlite"):
                engine = create_engine(url)
                event.listen(engine, "connect", _sqlite_pragmas)
            else:
                engine = create_engine(url, pool_pre_ping=True)
        except (ArgumentError, NoSuchModuleError, ImportError) as exc:
            raise UserError(
                f"địa chỉ cơ sở dữ liệu (NQ57_DATABASE_URL) không hợp lệ: {exc}; ví dụ "
                "postgresql+psycopg://user@host:5432/nq57 hoặc sqlite:////duong/dan/nq57.sqlite3"
            ) from exc
        _engines[url] = engine
    if upgrade_schema and url not in _upgraded:
        upgrade(engine)
    return engine


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> str | None:
    """Apply every pending migration; returns the revision the database is now at."""
    from sqlalchemy.exc import OperationalError

    url = engine.url.render_as_string(hide_password=False)
    try:
        if current_revision(engine) != head_revision():
            cfg = alembic_config(engine)
            with engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
    except OperationalError as exc:
        reason = " ".join(str(exc.orig).split())  # one line: drivers add hints on new lines
        raise UserError(f"không kết nối được cơ sở dữ liệu {engine.url!r}: {reason}") from exc
    _upgraded.add(url)
    return head_revision()


def session_factory(url: str | None = None) -> sessionmaker[Session]:
    return sessionmaker(bind=get_engine(url), expire_on_commit=False)


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """One transaction: commit when the block ends, roll back if it raises."""
    session = session_factory(url)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def dispose_all() -> None:
    for engine in _engines.values():
        engine.dispose()
    _engines.clear()
    _upgraded.clear()
