"""Build a national dataset through the product's own code paths.

Every commune gets a plan imported with `nq57.track.plans.import_plan` (40 catalogue
indicators with yearly targets, 60 tasks, internal units created by name), then monthly
values through `nq57.track.values.set_values` and task progress through
`nq57.track.progress.set_progresses` (the bulk forms of set_value/set_progress: same rules,
same audit entries, one SELECT and one batched flush per commune). Bulk
mode only skips the outlier validation (`check=False`): the generated series are valid by
construction. One transaction per commune, so an interrupted build keeps whole communes and
a second run resumes where it stopped (communes that already have the plan are skipped).

The figures are invented and reproducible (a seed per commune); nothing here is copied from
a real document.
"""

from __future__ import annotations

import multiprocessing
import random
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nq57.domain.periods import Calendar, Period, PeriodKind
from nq57.scale import catalogue as bench_catalogue
from nq57.store import db
from nq57.store.models.tracking import Indicator, Plan, Task, Unit
from nq57.track import catalogue, plans, progress, units, values

PLAN_NUMBER = "57/KH-UBND-QG"  # one plan per commune; its identity for re-import and resume
ACTOR = "bench-national"
LEADS = (
    "Phòng Văn hóa - Xã hội",
    "Văn phòng HĐND và UBND",
    "Phòng Kinh tế",
    "Trung tâm Phục vụ hành chính công",
    "Công an {level}",
    "Trạm Y tế",
)
TASK_VERBS = ("Triển khai", "Xây dựng", "Tổ chức", "Hoàn thiện", "Rà soát", "Nâng cấp", "Tuyên truyền về",
              "Số hóa", "Kiểm tra", "Đánh giá")
TASK_OBJECTS = ("hệ thống họp trực tuyến", "kho dữ liệu dùng chung", "điểm hỗ trợ dịch vụ công",
                "tổ công nghệ số cộng đồng", "bản đồ số địa bàn", "hồ sơ lưu trữ", "ứng dụng phản ánh hiện trường",
                "lớp bồi dưỡng kỹ năng số", "hạ tầng mạng nội bộ", "quy chế an toàn thông tin")


@dataclass(frozen=True)
class BuildSpec:
    provinces: int | None = None  # None: every province
    communes_per_province: int | None = None  # None: every commune
    indicators: int = 40
    tasks: int = 60
    months: int = 36
    end: Period | None = None  # last month with data (default: the last closed month)
    missing_share: float = 0.15  # share of units that have not reported the last month
    seed: int = 57
    workers: int = 1

    def last_month(self) -> Period:
        return self.end or Calendar().last_closed_month(date.today()) or Period(date.today().year, PeriodKind.MONTH, 1)

    def month_list(self) -> list[Period]:
        out = [self.last_month()]
        while len(out) < self.months:
            out.append(out[-1].previous())
        return out[::-1]


@dataclass
class BuildReport:
    communes: int = 0
    skipped: int = 0
    indicators: int = 0
    tasks: int = 0
    values: int = 0
    progress: int = 0
    seconds: float = 0.0
    commune_ids: list[int] = field(default_factory=list)

    @property
    def values_per_second(self) -> float:
        return self.values / self.seconds if self.seconds else 0.0

    @property
    def writes_per_second(self) -> float:
        return (self.values + self.progress) / self.seconds if self.seconds else 0.0

    def add(self, other: BuildReport) -> None:
        for name in ("communes", "skipped", "indicators", "tasks", "values", "progress"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.commune_ids += other.commune_ids


# --- the plan ------------------------------------------------------------------------
def _lead(index: int, commune: Unit) -> str:
    level = "phường" if (commune.level or "").startswith("phường") else "xã"
    return LEADS[index % len(LEADS)].format(level=level)


def _series(rng: random.Random, unit: str, direction: str, n: int) -> list[float]:
    """A plausible monthly series: a level that drifts towards better, with a little noise."""
    if unit == "%":
        start, step = (rng.uniform(15, 60), rng.uniform(0.3, 1.4)) if direction == "higher" else (
            rng.uniform(4, 15), -rng.uniform(0.05, 0.25))
        lo, hi, digits = 0.0, 99.5, 1
    elif unit == "thứ bậc":
        start, step, lo, hi, digits = rng.uniform(40, 90), -rng.uniform(0.2, 1.0), 1.0, 120.0, 0
    else:
        start, step = (rng.uniform(2, 30), rng.uniform(0.05, 0.6)) if direction == "higher" else (
            rng.uniform(8, 30), -rng.uniform(0.05, 0.4))
        lo, hi, digits = 0.0, 10_000.0, 0
    out = []
    for i in range(n):
        level = start + step * i + rng.uniform(-0.6, 0.6) * abs(step)
        out.append(round(min(hi, max(lo, level)), digits))
    return out


def plan_json(commune: Unit, entries: list[dict], spec: BuildSpec, rng: random.Random) -> tuple[dict, dict[str, list[float]]]:
    """A commune's plan (Plan JSON) and the value series each indicator will receive."""
    months = spec.month_list()
    years = sorted({m.year for m in months})
    series: dict[str, list[float]] = {}
    indicators = []
    for i, entry in enumerate(entries[: spec.indicators], start=1):
        values_ = _series(rng, entry["unit"], entry["direction"], len(months))
        series[str(i)] = values_
        op = ">=" if entry["direction"] == "higher" else "<="
        targets = []
        for year in years:
            in_year = [v for m, v in zip(months, values_, strict=True) if m.year == year]
            # About half the communes meet each year's target: the target sits around the year's end level.
            goal = round(in_year[-1] * rng.uniform(0.93, 1.08), 1 if entry["unit"] == "%" else 0)
            if entry["unit"] == "%":
                goal = min(goal, 100.0)
            targets.append({"year": year, "op": op, "value": goal, "text": f"{op} {goal:g}"})
        indicators.append({
            "code": str(i), "group": "Chỉ tiêu chuyển đổi số", "name": entry["name"], "unit": entry["unit"],
            "targets": targets, "lead": _lead(i, commune), "evaluator": None, "director": None,
        })
    tasks = []
    first, last = months[0], months[-1]
    for k in range(1, spec.tasks + 1):
        name = f"{TASK_VERBS[k % len(TASK_VERBS)]} {TASK_OBJECTS[(k * 7) % len(TASK_OBJECTS)]} (đợt {k})"
        if k % 10 == 0:
            deadline = {"text": "Hằng tháng", "due": None, "recurrence": "monthly"}
        else:
            due_month = months[min(len(months) - 1, rng.randrange(2, len(months) + 6))]
            deadline = {"text": f"Tháng {due_month.index}/{due_month.year}", "due": due_month.end.isoformat(),
                        "recurrence": None}
        tasks.append({"code": str(k), "group": "Nhiệm vụ trọng tâm", "name": name, "lead": _lead(k, commune),
                      "support": [], "product": "Báo cáo kết quả", "deadline": deadline})
    document = {
        "kind": "plan",
        "number": PLAN_NUMBER,
        "issuer": f"UBND {commune.name}",
        "locality": {"name": commune.short_name, "level": commune.level, "province": None},
        "issued_on": first.start.isoformat(),
        "title": f"Kế hoạch thực hiện Nghị quyết số 57-NQ/TW giai đoạn {first.year}-{last.year} của {commune.name}",
        "period": {"start": date(first.year, 1, 1).isoformat(), "end": date(last.year, 12, 31).isoformat()},
        "signer": {"name": "Nguyễn Văn Bình", "title": "Chủ tịch"},
        "references": ["57-NQ/TW"],
    }
    return {"document": document, "indicators": indicators, "tasks": tasks, "budget": [], "results": []}, series


# --- writing -------------------------------------------------------------------------
def _has_plan(session: Session, commune_id: int) -> bool:
    key = plans.source_key({"kind": "plan", "number": PLAN_NUMBER})
    return session.scalar(select(Plan.id).where(Plan.commune_id == commune_id, Plan.source_key == key)) is not None


def build_commune(session: Session, commune: Unit, entries: list[dict], spec: BuildSpec) -> BuildReport:
    """Import the plan and write every value and progress entry of one commune (no commit)."""
    report = BuildReport(communes=1, commune_ids=[commune.id])
    rng = random.Random(f"{spec.seed}-{commune.code}")
    document, series = plan_json(commune, entries, spec, rng)
    result = plans.import_plan(session, document, commune, "ke-hoach-quoc-gia.json", actor=ACTOR, is_demo=True)
    plan = result.plan
    report.indicators, report.tasks = result.indicators, result.tasks
    months = spec.month_list()
    # sorted: a set of strings iterates in a per-process order, which made the build differ between runs
    silent = {lead for lead in sorted({_lead(i, commune) for i in range(len(LEADS))}) if rng.random() < spec.missing_share}
    items: list[tuple[Indicator, str, dict]] = []
    for indicator in plan.indicators:
        lead_name = _lead(int(indicator.code), commune)
        for month, number in zip(months, series[indicator.code], strict=True):
            if month == months[-1] and lead_name in silent:
                continue  # this unit has not reported the last month yet
            items.append((indicator, str(month), {"value": number}))
    report.values = len(values.set_values(session, items, actor=ACTOR, is_demo=True, check=False))
    entries: list[tuple[Task, str, dict]] = []
    for task in plan.tasks:
        entries += _task_progress(task, months, silent, commune, rng)
    report.progress = len(progress.set_progresses(session, entries, actor=ACTOR, is_demo=True))
    return report


def _task_progress(task: Task, months: list[Period], silent: set[str], commune: Unit,
                   rng: random.Random) -> list[tuple[Task, str, dict]]:
    """The progress entries of one task over the months (for `progress.set_progresses`)."""
    lead_name = _lead(int(task.code), commune)
    out: list[tuple[Task, str, dict]] = []
    if task.recurrence == "monthly":
        for month in months:
            if month == months[-1] and lead_name in silent:
                continue
            out.append((task, str(month), {"status": "done", "completed_on": month.end - timedelta(days=2)}))
        return out
    due = task.due
    due_index = next((i for i, m in enumerate(months) if m.end >= due), len(months) + 1)
    start = max(0, due_index - rng.randrange(2, 9))
    finish = due_index + rng.choice((-2, -1, 0, 0, 1, 3, 99))  # 99: not finished in the window
    for i in range(start, min(len(months), finish + 1)):
        month = months[i]
        if i == len(months) - 1 and lead_name in silent:
            break
        done = i == finish
        percent = 100.0 if done else round(min(95.0, 100.0 * (i - start + 1) / max(1, finish - start + 1)), 0)
        out.append((task, str(month), {"status": "done" if done else "in_progress", "percent": percent,
                                        "completed_on": month.end - timedelta(days=3) if done else None}))
    return out


# --- orchestration -------------------------------------------------------------------
def prepare(url: str) -> None:
    """Administrative units and the 40-indicator catalogue (idempotent)."""
    with db.session_scope(url) as session:
        units.ensure_units(session)
        with tempfile.TemporaryDirectory() as tmp:
            catalogue.load_catalogue(session, bench_catalogue.write(Path(tmp) / "catalogue.json"))


def chosen_communes(session: Session, spec: BuildSpec, focus: str | None = None) -> list[int]:
    """The communes to build, interleaved across provinces so that a build stopped early
    still covers every province; the `focus` province (a code such as "P01") comes first
    and whole, so one province can be measured at its real size."""
    provinces = session.scalars(
        select(Unit).where(Unit.kind == "province", Unit.valid_to.is_(None)).order_by(Unit.code)
    ).all()
    if spec.provinces is not None:
        provinces = provinces[: spec.provinces]
    lists: list[list[int]] = []
    first: list[int] = []
    for province in provinces:
        ids = list(session.scalars(
            select(Unit.id).where(Unit.parent_id == province.id, Unit.kind == "commune", Unit.valid_to.is_(None))
            .order_by(Unit.code)
        ))
        ids = ids[: spec.communes_per_province] if spec.communes_per_province is not None else ids
        if province.code == focus:
            first = ids
        else:
            lists.append(ids)
    out: list[int] = list(first)
    rest = lists
    for rank in range(max((len(ids) for ids in rest), default=0)):
        out += [ids[rank] for ids in rest if rank < len(ids)]
    return out


def _work(url: str, spec: BuildSpec, commune_ids: list[int], log: Callable[[str], None] | None = None) -> BuildReport:
    total = BuildReport()
    entries = bench_catalogue.entries()
    make = db.session_factory(url)
    started = time.perf_counter()
    for n, commune_id in enumerate(commune_ids, start=1):
        with make() as session:
            if _has_plan(session, commune_id):
                total.skipped += 1
                continue
            commune = session.get(Unit, commune_id)
            report = build_commune(session, commune, entries, spec)
            session.commit()
        total.add(report)
        if log and (n % 10 == 0 or n == len(commune_ids)):
            elapsed = time.perf_counter() - started
            log(f"  {n}/{len(commune_ids)} xã: {total.values:,} giá trị, {total.progress:,} tiến độ, "
                f"{total.values / elapsed:,.0f} giá trị/s")
    total.seconds = time.perf_counter() - started
    return total


def _worker(args: tuple[str, BuildSpec, list[int], bool]) -> BuildReport:
    url, spec, ids, verbose = args
    try:
        return _work(url, spec, ids, lambda line: print(line, flush=True) if verbose else None)
    finally:
        db.dispose_all()


def build(url: str, spec: BuildSpec, log: Callable[[str], None] | None = None, focus: str | None = None,
          limit: int | None = None) -> BuildReport:
    """Build (or resume) the dataset; returns what was written and how fast.

    `limit` stops after that many communes (in the order of `chosen_communes`)."""
    prepare(url)
    with db.session_scope(url) as session:
        ids = chosen_communes(session, spec, focus)[:limit]
    started = time.perf_counter()
    if spec.workers <= 1:
        report = _work(url, spec, ids, log)
    else:
        db.dispose_all()  # no pooled connection may cross into the workers
        chunks = [ids[i :: spec.workers] for i in range(spec.workers)]
        ctx = multiprocessing.get_context("spawn")
        with ctx.Pool(spec.workers) as pool:
            report = BuildReport()
            for part in pool.imap_unordered(_worker, [(url, spec, chunk, log is not None) for chunk in chunks]):
                report.add(part)
                if log:
                    log(f"  một tiến trình xong: {part.communes} xã, {part.values:,} giá trị")
    report.seconds = time.perf_counter() - started
    return report


def counts(session: Session) -> dict[str, int]:
    """Rows in the main tables (for the report)."""
    from nq57.store.models.tracking import AuditEntry, TaskProgress, Value

    return {
        "communes_with_plan": session.scalar(select(func.count(func.distinct(Plan.commune_id)))) or 0,
        "indicators": session.scalar(select(func.count()).select_from(Indicator)) or 0,
        "tasks": session.scalar(select(func.count()).select_from(Task)) or 0,
        "values": session.scalar(select(func.count()).select_from(Value)) or 0,
        "task_progress": session.scalar(select(func.count()).select_from(TaskProgress)) or 0,
        "audit_entries": session.scalar(select(func.count()).select_from(AuditEntry)) or 0,
    }
