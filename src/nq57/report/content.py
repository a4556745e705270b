"""What a report says, independent of its file format.

The writers (docx, xlsx) only lay this out; `nq57.report.wording` turns it into
formal Vietnamese sentences; `nq57.report.from_track` fills it from the database.
Everything here is plain data so tests can build a report by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

IndicatorStatus = Literal["achieved", "not_achieved", "not_evaluated"]
# Task progress as the tracking core words it (see docs/track-api.md).
TaskStatus = Literal["done", "done_late", "in_progress", "not_started", "overdue"]
TargetOp = Literal[">=", ">", "=", "<=", "<", "rank", "bool", "text"]


@dataclass(frozen=True)
class Target:
    """The plan's target for the report's year: `op value`, or only `text` for bool/text targets."""

    op: TargetOp = ">="
    value: float | None = None
    text: str | None = None


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator of the plan with its value at the end of the period and its status."""

    name: str
    unit: str | None
    target: Target | None
    value: float | None
    status: IndicatorStatus
    code: str | None = None
    numerator: float | None = None
    denominator: float | None = None
    # Why it is not achieved / not evaluated, worded by the unit (giải trình) or derived.
    reason: str | None = None
    lead: str | None = None
    forecast: float | None = None


@dataclass(frozen=True)
class TaskResult:
    """One task of the plan with its progress at the end of the period."""

    name: str
    status: TaskStatus
    code: str | None = None
    lead: str | None = None
    deadline_text: str | None = None
    due: date | None = None
    product: str | None = None
    note: str | None = None
    # True when the deadline falls in the period after this one: it feeds "phương hướng".
    due_next_period: bool = False


@dataclass(frozen=True)
class Figure:
    """A notable figure entered during the period, already worded: "33.099/33.174 CCCD, đạt 99,77%"."""

    text: str


@dataclass(frozen=True)
class BudgetLine:
    item: str
    planned: float | None = None
    disbursed: float | None = None
    unit: str = "triệu đồng"
    source: str | None = None


@dataclass(frozen=True)
class RawValue:
    """One value as entered, for the spreadsheet's raw sheet."""

    indicator: str
    period: str
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    unit: str | None = None
    state: str | None = None  # draft, submitted, approved, returned
    entered_by: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Period:
    """The reported period: its code ("2026-Q1"), first and last day, and its Vietnamese label."""

    code: str
    start: date
    end: date
    label: str  # "quý I năm 2026", "9 tháng đầu năm 2025"
    next_label: str | None = None  # the following period, for "phương hướng"


@dataclass(frozen=True)
class Signer:
    name: str | None
    # "Chủ tịch" signs as TM. Ủy ban nhân dân; a deputy ("Phó Chủ tịch") signs KT. Chủ tịch.
    title: str = "Chủ tịch"


@dataclass(frozen=True)
class Locality:
    name: str  # "Phước Bình"
    level: str  # "phường", "xã", "đặc khu"
    province: str  # "Đồng Nai"
    province_level: str = "tỉnh"  # "tỉnh" or "thành phố"


@dataclass(frozen=True)
class Header:
    locality: Locality
    period: Period
    number: str | None = None  # "15/BC-UBND"; None leaves the blank the clerk fills in
    issued_on: date | None = None  # None leaves "ngày ... tháng ... năm ..."
    # The subject after "BÁO CÁO"; None lets wording build the usual one from the period.
    subject: str | None = None
    # The day the figures stand at ("số liệu tính đến ngày ..."); None leaves the sentence out.
    data_as_of: date | None = None


@dataclass
class ReportContent:
    header: Header
    indicators: list[IndicatorResult] = field(default_factory=list)
    tasks: list[TaskResult] = field(default_factory=list)
    # Documents the report is based on, as cited: "Kế hoạch số 09/KH-UBND ngày 15/01/2026 của UBND phường".
    legal_basis: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    difficulties: list[str] = field(default_factory=list)
    directions: list[str] = field(default_factory=list)
    proposals: list[str] = field(default_factory=list)
    signer: Signer = field(default_factory=lambda: Signer(None))
    recipients: list[str] = field(default_factory=list)
    budget: list[BudgetLine] = field(default_factory=list)
    raw_values: list[RawValue] = field(default_factory=list)
    party: bool = False  # the Đảng ủy variant (Hướng dẫn 36-HD/VPTW)
