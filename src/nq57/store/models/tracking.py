"""Tracking tables: administrative and internal units, plans, indicators, tasks, budget,
values, task progress, giải trình, extensions, catalogue, settings and the audit log.

Timestamps are naive UTC (SQLite drops time zones). Amounts and values are floats: the
figures officials report have at most a few decimals.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from nq57.store.base import Base


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Unit(Base):
    """A province, a commune/ward/special zone, or a unit inside a commune (phòng, trường ...).

    Administrative units keep validity dates: a merger or rename closes the old row
    (`valid_to`, `replaced_by_id`) and opens a new one, so history stays on the unit as it was.
    Internal units merged by a reviewer point to the surviving unit with `merged_into_id`.
    """

    __tablename__ = "units"
    __table_args__ = (
        Index("ix_units_kind_folded", "kind", "folded"),
        UniqueConstraint("code", name="uq_units_code"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40))  # "P27", "W26734", internal: "U<commune>-<n>"
    kind: Mapped[str] = mapped_column(String(12))  # province | commune | internal
    level: Mapped[str] = mapped_column(String(40), default="")  # tỉnh, phường, xã, đặc khu, phòng ...
    name: Mapped[str] = mapped_column(String(300))  # "Phường Phước Bình", "Phòng Văn hóa – Xã hội"
    short_name: Mapped[str] = mapped_column(String(300), default="")  # "Phước Bình"
    folded: Mapped[str] = mapped_column(String(300), default="")  # folded short name, for lookup
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), nullable=True, index=True)
    valid_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    valid_to: Mapped[date | None] = mapped_column(Date, nullable=True)
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), nullable=True)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), nullable=True)
    reviewed: Mapped[bool] = mapped_column(Boolean, default=False)
    email: Mapped[str | None] = mapped_column(String(200), nullable=True)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)

    parent: Mapped[Unit | None] = relationship(remote_side="Unit.id", foreign_keys=[parent_id])


class UnitAlias(Base):
    """Every spelling a document used for an internal unit ("Phòng VHXH")."""

    __tablename__ = "unit_aliases"
    __table_args__ = (UniqueConstraint("unit_id", "alias", name="uq_unit_aliases_unit_alias"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    alias: Mapped[str] = mapped_column(String(300))


class Setting(Base):
    """A configurable value (reporting calendar, scoring weights ...), global or per unit."""

    __tablename__ = "settings"
    __table_args__ = (UniqueConstraint("unit_id", "key", name="uq_settings_unit_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), nullable=True)
    key: Mapped[str] = mapped_column(String(80))
    value: Mapped[Any] = mapped_column(JSON)


class CatalogueIndicator(Base):
    """A canonical indicator (national, or a province's own set when `owner_id` is set)."""

    __tablename__ = "catalogue_indicators"
    __table_args__ = (UniqueConstraint("code", name="uq_catalogue_indicators_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(400))
    unit: Mapped[str] = mapped_column(String(40), default="%")
    direction: Mapped[str] = mapped_column(String(8), default="higher")  # higher | lower
    kind: Mapped[str] = mapped_column(String(20), default="chiến lược")  # chiến lược | tác nghiệp
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), nullable=True)


class Plan(Base):
    """One imported document (plan or report) of a commune."""

    __tablename__ = "plans"
    __table_args__ = (UniqueConstraint("commune_id", "source_key", name="uq_plans_commune_source_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    source_key: Mapped[str] = mapped_column(String(200))  # identity for re-import
    source_name: Mapped[str] = mapped_column(String(300), default="")
    kind: Mapped[str] = mapped_column(String(10), default="plan")  # plan | report
    number: Mapped[str | None] = mapped_column(String(80), nullable=True)
    title: Mapped[str] = mapped_column(Text, default="")
    issuer: Mapped[str | None] = mapped_column(String(300), nullable=True)
    issued_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    period_start: Mapped[date | None] = mapped_column(Date, nullable=True)
    period_end: Mapped[date | None] = mapped_column(Date, nullable=True)
    signer_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    signer_title: Mapped[str | None] = mapped_column(String(200), nullable=True)
    resolution: Mapped[str | None] = mapped_column(String(80), nullable=True)  # "57-NQ/TW"
    references: Mapped[list[str]] = mapped_column(JSON, default=list)
    document: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # the Plan JSON as imported
    imported_at: Mapped[datetime] = mapped_column(DateTime(), default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(80), default="")
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)

    commune: Mapped[Unit] = relationship(foreign_keys=[commune_id])
    indicators: Mapped[list[Indicator]] = relationship(
        back_populates="plan", order_by="Indicator.seq", cascade="all, delete-orphan"
    )
    tasks: Mapped[list[Task]] = relationship(back_populates="plan", order_by="Task.seq", cascade="all, delete-orphan")
    budget_lines: Mapped[list[BudgetLine]] = relationship(
        back_populates="plan", order_by="BudgetLine.seq", cascade="all, delete-orphan"
    )
    results: Mapped[list[ReportedResult]] = relationship(
        back_populates="plan", order_by="ReportedResult.seq", cascade="all, delete-orphan"
    )


class Indicator(Base):
    """A chỉ tiêu of a plan: what is measured, who leads, and its targets per year."""

    __tablename__ = "indicators"
    __table_args__ = (UniqueConstraint("plan_id", "seq", name="uq_indicators_plan_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)  # position in the plan (codes repeat across groups)
    code: Mapped[str | None] = mapped_column(String(20), nullable=True)
    group_name: Mapped[str | None] = mapped_column(Text, nullable=True)
    name: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(40), default="")
    direction: Mapped[str] = mapped_column(String(8), default="higher")
    lead_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), nullable=True, index=True)
    evaluator_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), nullable=True)
    director: Mapped[str | None] = mapped_column(String(300), nullable=True)
    # Indexed: province and national views select one catalogue indicator across every commune.
    catalogue_id: Mapped[int | None] = mapped_column(
        ForeignKey("catalogue_indicators.id"), nullable=True, index=True
    )
    mapping: Mapped[str] = mapped_column(String(10), default="none")  # auto | review | manual | none
    mapping_score: Mapped[float | None] = mapped_column(Float, nullable=True)

    plan: Mapped[Plan] = relationship(back_populates="indicators")
    targets: Mapped[list[Target]] = relationship(
        back_populates="indicator", order_by="Target.year", cascade="all, delete-orphan"
    )
    lead_unit: Mapped[Unit | None] = relationship(foreign_keys=[lead_unit_id])
    evaluator_unit: Mapped[Unit | None] = relationship(foreign_keys=[evaluator_unit_id])
    catalogue: Mapped[CatalogueIndicator | None] = relationship()


class Target(Base):
    __tablename__ = "targets"
    __table_args__ = (UniqueConstraint("indicator_id", "year", name="uq_targets_indicator_year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    op: Mapped[str] = mapped_column(String(6), default=">=")
    value: Mapped[float | None] = mapped_column(Float, nullable=True)
    text: Mapped[str | None] = mapped_column(String(300), nullable=True)

    indicator: Mapped[Indicator] = relationship(back_populates="targets")


class Task(Base):
    """A nhiệm vụ of a plan. `extended_due` is set when a deadline extension is granted."""

    __tablename__ = "tasks"
    __table_args__ = (UniqueConstraint("plan_id", "seq", name="uq_tasks_plan_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    code: Mapped[str | None] = mapped_column(String(20), nullable=True)
    group_name: Mapped[str | None] = mapped_column(Text, nullable=True)
    name: Mapped[str] = mapped_column(Text)
    lead_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), nullable=True, index=True)
    support: Mapped[list[str]] = mapped_column(JSON, default=list)
    product: Mapped[str | None] = mapped_column(Text, nullable=True)
    deadline_text: Mapped[str | None] = mapped_column(String(200), nullable=True)
    due: Mapped[date | None] = mapped_column(Date, nullable=True)
    recurrence: Mapped[str | None] = mapped_column(String(12), nullable=True)
    extended_due: Mapped[date | None] = mapped_column(Date, nullable=True)

    plan: Mapped[Plan] = relationship(back_populates="tasks")
    lead_unit: Mapped[Unit | None] = relationship(foreign_keys=[lead_unit_id])


class BudgetLine(Base):
    __tablename__ = "budget_lines"
    __table_args__ = (UniqueConstraint("plan_id", "seq", name="uq_budget_lines_plan_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    code: Mapped[str | None] = mapped_column(String(20), nullable=True)
    item: Mapped[str] = mapped_column(Text)
    amount: Mapped[float | None] = mapped_column(Float, nullable=True)
    unit: Mapped[str] = mapped_column(String(40), default="triệu đồng")

    plan: Mapped[Plan] = relationship(back_populates="budget_lines")


class ReportedResult(Base):
    """A figure a report states ("đạt 99,18% (KH 70%)"), kept as the document says it."""

    __tablename__ = "reported_results"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(40), default="")
    actual: Mapped[float | None] = mapped_column(Float, nullable=True)
    numerator: Mapped[float | None] = mapped_column(Float, nullable=True)
    denominator: Mapped[float | None] = mapped_column(Float, nullable=True)
    target_op: Mapped[str | None] = mapped_column(String(6), nullable=True)
    target_value: Mapped[float | None] = mapped_column(Float, nullable=True)
    target_text: Mapped[str | None] = mapped_column(String(300), nullable=True)
    status: Mapped[str | None] = mapped_column(String(16), nullable=True)
    as_of: Mapped[date | None] = mapped_column(Date, nullable=True)
    catalogue_id: Mapped[int | None] = mapped_column(ForeignKey("catalogue_indicators.id"), nullable=True)

    plan: Mapped[Plan] = relationship(back_populates="results")


class Value(Base):
    """The value of an indicator for one period, with its workflow state.

    state: draft -> submitted -> approved (locked) | returned; approved -> reopened (draft).
    `version` is the optimistic lock: a writer holding an old version gets a conflict.
    """

    __tablename__ = "indicator_values"
    __table_args__ = (
        UniqueConstraint("indicator_id", "period", name="uq_indicator_values_indicator_period"),
        Index("ix_indicator_values_commune_end", "commune_id", "period_end"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"), index=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    period: Mapped[str] = mapped_column(String(10))
    period_end: Mapped[date] = mapped_column(Date)  # for ordering and "latest value" queries
    value: Mapped[float | None] = mapped_column(Float, nullable=True)
    numerator: Mapped[float | None] = mapped_column(Float, nullable=True)
    denominator: Mapped[float | None] = mapped_column(Float, nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    state: Mapped[str] = mapped_column(String(12), default="draft")
    entered_by: Mapped[str] = mapped_column(String(80), default="")
    entered_at: Mapped[datetime] = mapped_column(DateTime(), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(), nullable=True)
    approved_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(), nullable=True)
    return_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)

    indicator: Mapped[Indicator] = relationship()

    __mapper_args__ = {"version_id_col": version}


class TaskProgress(Base):
    """Progress of a task in one period (one occurrence per period for recurring tasks)."""

    __tablename__ = "task_progress"
    __table_args__ = (
        UniqueConstraint("task_id", "period", name="uq_task_progress_task_period"),
        Index("ix_task_progress_commune_end", "commune_id", "period_end"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    period: Mapped[str] = mapped_column(String(10))
    period_end: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="in_progress")  # as reported
    percent: Mapped[float | None] = mapped_column(Float, nullable=True)
    completed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    product: Mapped[str | None] = mapped_column(Text, nullable=True)  # link or file name
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    state: Mapped[str] = mapped_column(String(12), default="draft")
    entered_by: Mapped[str] = mapped_column(String(80), default="")
    entered_at: Mapped[datetime] = mapped_column(DateTime(), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)

    task: Mapped[Task] = relationship()

    __mapper_args__ = {"version_id_col": version}


class BudgetEntry(Base):
    """Allocation and disbursement of a budget line in one period, by source of funds."""

    __tablename__ = "budget_entries"
    __table_args__ = (
        UniqueConstraint("budget_line_id", "period", "source", name="uq_budget_entries_line_period_source"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    budget_line_id: Mapped[int] = mapped_column(ForeignKey("budget_lines.id", ondelete="CASCADE"), index=True)
    period: Mapped[str] = mapped_column(String(10))
    source: Mapped[str] = mapped_column(String(20), default="ngan_sach")  # ngan_sach | doanh_nghiep | khac
    allocated: Mapped[float] = mapped_column(Float, default=0)
    disbursed: Mapped[float] = mapped_column(Float, default=0)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    entered_by: Mapped[str] = mapped_column(String(80), default="")
    entered_at: Mapped[datetime] = mapped_column(DateTime(), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class Evidence(Base):
    """A file or link attached to a value or a task progress entry."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value_id: Mapped[int | None] = mapped_column(ForeignKey("indicator_values.id", ondelete="CASCADE"), nullable=True)
    progress_id: Mapped[int | None] = mapped_column(ForeignKey("task_progress.id", ondelete="CASCADE"), nullable=True)
    filename: Mapped[str] = mapped_column(String(300))
    stored_path: Mapped[str | None] = mapped_column(String(500), nullable=True)  # under data_dir()
    link: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    uploaded_by: Mapped[str] = mapped_column(String(80), default="")
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(), default=utcnow)


class Explanation(Base):
    """A giải trình: a leader's question about an indicator or a task, and the unit's answer."""

    __tablename__ = "explanations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    indicator_id: Mapped[int | None] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"), nullable=True)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), nullable=True)
    period: Mapped[str | None] = mapped_column(String(10), nullable=True)
    question: Mapped[str] = mapped_column(Text)
    asked_by: Mapped[str] = mapped_column(String(80), default="")
    asked_at: Mapped[datetime] = mapped_column(DateTime(), default=utcnow)
    due: Mapped[date | None] = mapped_column(Date, nullable=True)
    answer: Mapped[str | None] = mapped_column(Text, nullable=True)
    answered_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(), nullable=True)


class ExtensionRequest(Base):
    """A unit's request to move a task's deadline; the leader grants or refuses it."""

    __tablename__ = "extension_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    requested_due: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    requested_by: Mapped[str] = mapped_column(String(80), default="")
    requested_at: Mapped[datetime] = mapped_column(DateTime(), default=utcnow)
    decision: Mapped[str] = mapped_column(String(10), default="pending")  # pending | granted | refused
    decided_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(), nullable=True)
    decision_note: Mapped[str | None] = mapped_column(Text, nullable=True)


class Notification(Base):
    """A reminder sent, so the same reminder is not sent twice."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    period: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(30))
    recipient: Mapped[str] = mapped_column(String(200))
    sent_at: Mapped[datetime] = mapped_column(DateTime(), default=utcnow)


class AuditEntry(Base):
    """Append-only: the ORM refuses updates and deletes, and database triggers do too."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(), default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(80), default="")
    action: Mapped[str] = mapped_column(String(40))  # value.set, value.approve, plan.import ...
    entity: Mapped[str] = mapped_column(String(40))  # value, task_progress, plan, unit ...
    entity_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    commune_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
