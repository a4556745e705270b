"""index indicators by catalogue entry (province comparison, national roll-up)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 06:25:00
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicators_catalogue_id"), ["catalogue_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicators_catalogue_id"))
