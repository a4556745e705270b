"""`nq57 demo`: administrative units, the seed documents in their communes, generated values
and task progress (fixed random seed), and one demo account per role. Idempotent.

Every record made here is marked demo (is_demo) so it can be told apart and removed.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import typer
from sqlalchemy import select
from sqlalchemy.orm import Session

from nq57.demo.generate import month_series, task_progress
from nq57.errors import UserError
from nq57.text.vietnamese import fold

SEED = 57
FIRST_MONTH = (2025, 1)
LAST_MONTH = (2026, 10)  # the demo's "last closed month"
AS_OF = date(2026, 11, 14)
PASSWORD = "demo-nq57"
DOCUMENT_SUFFIXES = (".txt", ".docx", ".doc", ".pdf", ".xlsx", ".xls", ".json")

OFFICE_WORDS = ("phong ", "trung tam", "van phong", "cong an", "tram ", "truong ", "ban ", "doan ", "hoi ")

ROLE_ACCOUNTS = (
    ("demo.tinh", "province_admin", "Quản trị tỉnh (demo)"),
    ("demo.tinh.xem", "province_viewer", "Chuyên viên tỉnh (demo)"),
    ("demo.lanhdao", "commune_leader", "Lãnh đạo phường (demo)"),
    ("demo.canbo", "unit_officer", "Cán bộ đơn vị (demo)"),
    ("demo.xem", "commune_viewer", "Người xem (demo)"),
)


@dataclass
class DemoSummary:
    documents: list[tuple[str, str, str]] = field(default_factory=list)  # file, kind, commune
    skipped: list[tuple[str, str]] = field(default_factory=list)  # file, reason
    values_written: int = 0
    progress_written: int = 0
    accounts: list[tuple[str, str, str]] = field(default_factory=list)  # username, role label, scope


def repo_root() -> Path:
    return Path(__file__).resolve().parents[3]


def find_seeds(explicit: str | Path | None = None) -> Path:
    """The seed folder: explicit, else ../shared/seeds beside the repository."""
    candidates = [Path(explicit)] if explicit else [repo_root().parent / "shared" / "seeds", repo_root() / "shared" / "seeds"]
    for folder in candidates:
        if folder.is_dir() and any(p.suffix.lower() in DOCUMENT_SUFFIXES for p in folder.iterdir()):
            return folder
    raise UserError(
        "Không tìm thấy thư mục văn bản mẫu (đã tìm: "
        + ", ".join(str(c) for c in candidates)
        + "). Dùng `nq57 demo --seeds THƯ_MỤC`."
    )


def months() -> list[tuple[int, int]]:
    year, month = FIRST_MONTH
    out = []
    while (year, month) <= LAST_MONTH:
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _target_for(indicator, year: int):
    """The year's target, else the nearest later one, else the latest earlier one."""
    targets = sorted(indicator.targets, key=lambda t: t.year)
    exact = [t for t in targets if t.year == year]
    if exact:
        return exact[0]
    later = [t for t in targets if t.year > year]
    if later:
        return later[0]
    return targets[-1] if targets else None


def _import_documents(url: str | None, folder: Path, summary: DemoSummary) -> list[int]:
    """Each document in its own transaction: a document that fails leaves nothing behind."""
    from nq57.store.db import session_scope
    from nq57.track import plans

    imported = []
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in DOCUMENT_SUFFIXES):
        try:
            with session_scope(url) as session:
                plan = plans.import_file(session, path, None, actor="demo", is_demo=True).plan
                commune = plan.commune
                province = commune.parent.name if commune.parent else ""
                summary.documents.append((path.name, plan.kind, f"{commune.name}, {province}"))
                imported.append(plan.id)
        except UserError as exc:
            summary.skipped.append((path.name, str(exc)))
    return imported


def _rng(*parts: object) -> random.Random:
    """A generator per item: the same figures whatever already exists or the import order."""
    return random.Random("-".join(str(p) for p in (SEED, *parts)))


def _fill_values(session: Session, plan, leader: str, officer_of, summary: DemoSummary) -> None:
    from nq57.track import values

    all_months = months()
    for indicator in plan.indicators:
        if not indicator.targets:
            continue
        rng = _rng(plan.source_key, indicator.seq, indicator.name)
        by_year: dict[int, list[int]] = {}
        for year, month in all_months:
            by_year.setdefault(year, []).append(month)
        skip_last = rng.random() < 0.15  # some units have not reported the last month yet
        for year, month_list in by_year.items():
            target = _target_for(indicator, year)
            series = month_series(
                rng,
                target.value if target else None,
                target.op if target else None,
                indicator.unit or "",
                len(month_list),
                lower_is_better=indicator.direction == "lower",
            )
            for month, level in zip(month_list, series, strict=True):
                period = f"{year}-{month:02d}"
                is_last = (year, month) == LAST_MONTH
                if is_last and skip_last:
                    continue
                if values.get_value(session, indicator, period) is not None:
                    continue  # idempotent: never rewrite what a previous run (or a user) entered
                actor = officer_of(indicator)
                value = values.set_value(
                    session, indicator, period, value=level, note="Số liệu minh hoạ (demo)", actor=actor, is_demo=True
                )
                values.submit(session, value, actor)
                if not is_last or rng.random() < 0.5:
                    values.approve(session, value, leader)
                summary.values_written += 1


def _fill_progress(session: Session, plan, officer_of, summary: DemoSummary) -> None:
    from nq57.store.models.tracking import TaskProgress
    from nq57.track import progress

    period = f"{LAST_MONTH[0]}-{LAST_MONTH[1]:02d}"
    for task in plan.tasks:
        exists = session.scalar(select(TaskProgress.id).where(TaskProgress.task_id == task.id))
        if exists is not None:
            continue
        state = task_progress(_rng(plan.source_key, task.seq, task.name), task.due, AS_OF)
        progress.set_progress(
            session,
            task,
            period,
            status=state.status,
            percent=state.percent,
            completed_on=state.completed_on,
            note="Tiến độ minh hoạ (demo)",
            actor=officer_of(task),
            is_demo=True,
        )
        summary.progress_written += 1


def _main_commune(imported: list):
    """The commune whose plans have the most indicators and tasks: the demo accounts' home."""
    weight: Counter = Counter()
    for plan in imported:
        weight[plan.commune_id] += len(plan.indicators) + len(plan.tasks)
    best = weight.most_common(1)[0][0]
    return next(p.commune for p in imported if p.commune_id == best)


def _accounts(session: Session, commune, imported: list, summary: DemoSummary) -> dict[str, str]:
    from nq57.web import accounts

    lead_counts: Counter = Counter(
        i.lead_unit_id for p in imported if p.commune_id == commune.id for i in p.indicators if i.lead_unit_id
    )
    unit = None
    ranked = [session.get(type(commune), unit_id) for unit_id, _ in lead_counts.most_common()]
    # The officer belongs to a real office (phòng, trung tâm ...), not "các cơ quan, đơn vị".
    offices = [u for u in ranked if u is not None and fold(u.name).startswith(OFFICE_WORDS)]
    if offices or ranked:
        unit = (offices or ranked)[0]
    names = {}
    for username, role, full_name in ROLE_ACCOUNTS:
        scope = {"province_id": commune.parent_id}
        label = commune.parent.name if commune.parent else ""
        if role not in accounts.PROVINCE_ROLES:
            scope["commune_id"] = commune.id
            label = commune.name
        if role == "unit_officer":
            if unit is None:
                continue
            scope["unit_id"] = unit.id
            label = f"{unit.name} — {commune.name}"
        accounts.create_user(session, username, PASSWORD, role, full_name=full_name, is_demo=True, **scope)
        summary.accounts.append((username, accounts.ROLE_LABELS[role], label))
        names[role] = username
    return names


def build_demo(seeds: str | Path | None = None, url: str | None = None) -> DemoSummary:
    from nq57.store.db import session_scope
    from nq57.track import units

    folder = find_seeds(seeds)
    summary = DemoSummary()
    with session_scope(url) as session:
        units.load_units(session)
    plan_ids = _import_documents(url, folder, summary)
    with session_scope(url) as session:
        from nq57.store.models.tracking import Plan

        imported = [session.get(Plan, plan_id) for plan_id in plan_ids]
        if not imported:
            raise UserError(f"Không nhập được văn bản mẫu nào từ {folder}.")
        commune = _main_commune(imported)
        names = _accounts(session, commune, imported, summary)
        leader = names.get("commune_leader", "demo")
        officer_unit = None
        for username, role, _ in ROLE_ACCOUNTS:
            if role == "unit_officer":
                from nq57.store.models.accounts import User

                user = session.scalar(select(User).where(User.username == username))
                officer_unit = user.unit_id if user else None

        def officer_of(item) -> str:
            if officer_unit is not None and item.lead_unit_id == officer_unit:
                return names.get("unit_officer", "demo")
            return "demo"

        for plan in sorted(imported, key=lambda p: p.id):
            _fill_values(session, plan, leader, officer_of, summary)
            _fill_progress(session, plan, officer_of, summary)
        # Values the import derived from the demo reports were entered by the demo too.
        from sqlalchemy import update

        from nq57.store.models.tracking import Value

        session.execute(update(Value).where(Value.entered_by == "demo", Value.is_demo.is_(False)).values(is_demo=True))
    return summary


def print_summary(summary: DemoSummary, host: str = "127.0.0.1", port: int = 8000) -> None:
    typer.echo("Đã nạp dữ liệu minh hoạ (demo):")
    for name, kind, commune in summary.documents:
        typer.echo(f"  - {name}: {'kế hoạch' if kind == 'plan' else 'báo cáo'} → {commune}")
    for name, reason in summary.skipped:
        typer.echo(f"  - {name}: bỏ qua ({reason})")
    typer.echo(f"  Giá trị chỉ tiêu mới: {summary.values_written}; tiến độ nhiệm vụ mới: {summary.progress_written}")
    typer.echo(f"\nMở trình duyệt tại: http://{host}:{port}/")
    typer.echo(f"Tài khoản demo (mật khẩu chung: {PASSWORD}):")
    for username, role, scope in summary.accounts:
        typer.echo(f"  {username:<16} {role:<22} {scope}")
