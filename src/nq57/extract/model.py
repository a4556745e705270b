"""Pydantic models of the Plan JSON format (shared/spec/plan-json.md) plus provenance.

Field names and nesting follow the spec exactly; `PlanJSON.model_dump(mode="json")` is what
`nq57 extract --json` prints. Provenance (page, line span, confidence) is kept beside the plan,
not inside it, and merged in only for `--explain`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Op = Literal[">=", ">", "=", "<=", "<", "rank", "bool", "text"]
Status = Literal["achieved", "not_achieved", "not_evaluated"]
Recurrence = Literal["annual", "monthly", "quarterly", "continuous"]


class Locality(BaseModel):
    name: str | None = None
    level: str | None = None
    province: str | None = None


class Period(BaseModel):
    start: str | None = None
    end: str | None = None


class Signer(BaseModel):
    name: str | None = None
    title: str | None = None


class DocumentInfo(BaseModel):
    kind: Literal["plan", "report"] | None = None
    number: str | None = None
    issuer: str | None = None
    locality: Locality = Field(default_factory=Locality)
    issued_on: str | None = None
    issued_on_text: str | None = None
    title: str | None = None
    period: Period = Field(default_factory=Period)
    signer: Signer = Field(default_factory=Signer)
    references: list[str] = Field(default_factory=list)


class YearTarget(BaseModel):
    year: int | None = None
    op: Op
    value: float | int | bool | None = None
    text: str | None = None


class Indicator(BaseModel):
    code: str | None = None
    group: str | None = None
    name: str
    unit: str | None = None
    targets: list[YearTarget] = Field(default_factory=list)
    lead: str | None = None
    evaluator: str | None = None
    director: str | None = None


class Deadline(BaseModel):
    text: str | None = None
    due: str | None = None
    recurrence: Recurrence | None = None


class Task(BaseModel):
    code: str | None = None
    group: str | None = None
    name: str
    lead: str | None = None
    support: list[str] = Field(default_factory=list)
    product: str | None = None
    deadline: Deadline = Field(default_factory=Deadline)
    status: str | None = None


class BudgetLine(BaseModel):
    code: str | None = None
    item: str
    amount: float | int | None = None
    unit: str | None = None


class ResultTarget(BaseModel):
    op: Op
    value: float | int | bool | None = None
    text: str | None = None


class Result(BaseModel):
    name: str
    unit: str | None = None
    actual: float | int | None = None
    numerator: float | int | None = None
    denominator: float | int | None = None
    target: ResultTarget | None = None
    status: Status | None = None
    as_of: str | None = None


class PlanJSON(BaseModel):
    document: DocumentInfo = Field(default_factory=DocumentInfo)
    indicators: list[Indicator] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    budget: list[BudgetLine] = Field(default_factory=list)
    results: list[Result] = Field(default_factory=list)

    def to_json(self) -> dict:
        data = self.model_dump(mode="json")
        for task in data["tasks"]:
            if task.get("status") is None:
                task.pop("status", None)
        return data


class Source(BaseModel):
    page: int
    line_start: int
    line_end: int


class Provenance(BaseModel):
    """Where one extracted item came from and how sure the extractor is (0..1)."""

    source: Source
    confidence: float
