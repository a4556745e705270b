"""The database fixtures: both engines are migrated and empty."""

from sqlalchemy import func, select

from nq57.store.models.tracking import Plan


def test_fresh_database_is_empty_and_migrated(session):
    from nq57.store.db import current_revision, head_revision

    assert session.scalar(select(func.count()).select_from(Plan)) == 0
    assert current_revision(session.get_bind()) == head_revision()
