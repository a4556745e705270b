"""Command line of the tracking core: db, units, import, values, progress, status, alerts,
reminders, scores, catalogue, backup and restore. Option names are a contract."""

from __future__ import annotations

import getpass
import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from nq57.errors import UserError

ACTOR_HELP = "Tên người thực hiện (ghi vào nhật ký); mặc định: tài khoản máy"


def _actor(actor: str | None) -> str:
    if actor:
        return actor
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _unit_by_code(session, code: str):
    """The unit with this code (`nq57 units list`), or a one-line error."""
    from sqlalchemy import select

    from nq57.store.models.tracking import Unit

    unit = session.scalar(select(Unit).where(Unit.code == code))
    if unit is None:
        raise UserError(f"không có đơn vị mã '{code}'")
    return unit


def _date(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise UserError(f"{option} '{text}' không phải ngày dạng YYYY-MM-DD") from exc


def _echo_json(data: object) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _fmt(number: float | None) -> str:
    if number is None:
        return "—"
    return f"{number:,.2f}".rstrip("0").rstrip(".").replace(",", " ")


def register(app: typer.Typer) -> None:
    db_app = typer.Typer(help="Cơ sở dữ liệu.", no_args_is_help=True)
    units_app = typer.Typer(help="Đơn vị hành chính và đơn vị trực thuộc xã/phường.", no_args_is_help=True)
    values_app = typer.Typer(help="Nhập, gửi, duyệt số liệu chỉ tiêu.", no_args_is_help=True)
    progress_app = typer.Typer(help="Tiến độ nhiệm vụ.", no_args_is_help=True)
    catalogue_app = typer.Typer(help="Danh mục chỉ tiêu chuẩn.", no_args_is_help=True)
    settings_app = typer.Typer(help="Cấu hình theo tỉnh: lịch báo cáo, trọng số chấm điểm.", no_args_is_help=True)
    app.add_typer(settings_app, name="settings")

    @settings_app.command("calendar")
    def settings_calendar(
        province: Annotated[str | None, typer.Option("--province", help="Tỉnh (bỏ trống: mặc định toàn quốc)")] = None,
        cutoff_day: Annotated[int, typer.Option("--cutoff-day", help="Ngày chốt số liệu hằng tháng (0: cuối tháng)")] = 14,
        report_due_day: Annotated[int, typer.Option("--report-due-day", help="Ngày hạn nộp báo cáo")] = 20,
        actor: Annotated[str | None, typer.Option("--actor", help=ACTOR_HELP)] = None,
    ) -> None:
        """Đặt lịch báo cáo: ngày chốt số liệu và hạn nộp báo cáo hằng tháng."""
        from nq57.store.db import session_scope
        from nq57.track.calendar import set_calendar
        from nq57.track.units import find_province

        with session_scope() as session:
            unit = find_province(session, province) if province else None
            set_calendar(session, unit, cutoff_day, report_due_day, _actor(actor))
            where = unit.name if unit else "mặc định"
        typer.echo(f"Lịch báo cáo ({where}): chốt số liệu ngày {cutoff_day}, nộp báo cáo trước ngày {report_due_day}.")

    @settings_app.command("weights")
    def settings_weights(
        province: Annotated[str | None, typer.Option("--province", help="Tỉnh (bỏ trống: mặc định)")] = None,
        indicators: Annotated[float, typer.Option("--indicators", help="Trọng số chỉ tiêu đạt")] = 0.5,
        tasks: Annotated[float, typer.Option("--tasks", help="Trọng số nhiệm vụ đúng hạn")] = 0.3,
        reports: Annotated[float, typer.Option("--reports", help="Trọng số báo cáo đúng hạn")] = 0.2,
        actor: Annotated[str | None, typer.Option("--actor", help=ACTOR_HELP)] = None,
    ) -> None:
        """Đặt trọng số chấm điểm thi đua."""
        from nq57.store.db import session_scope
        from nq57.track.calendar import put_setting
        from nq57.track.scoring import WEIGHTS_KEY
        from nq57.track.units import find_province

        weights = {"indicators": indicators, "tasks": tasks, "reports": reports}
        if any(w < 0 for w in weights.values()) or not any(weights.values()):
            raise UserError("trọng số phải không âm và có ít nhất một trọng số lớn hơn 0")
        with session_scope() as session:
            unit = find_province(session, province) if province else None
            put_setting(session, WEIGHTS_KEY, weights, unit, _actor(actor))
        typer.echo(f"Trọng số: chỉ tiêu {indicators:g}, nhiệm vụ {tasks:g}, báo cáo {reports:g}.")
    app.add_typer(db_app, name="db")
    app.add_typer(units_app, name="units")
    app.add_typer(values_app, name="values")
    app.add_typer(progress_app, name="progress")
    app.add_typer(catalogue_app, name="catalogue")

    @db_app.command("upgrade")
    def db_upgrade() -> None:
        """Tạo/nâng cấp lược đồ cơ sở dữ liệu lên phiên bản mới nhất."""
        from nq57.store import db

        engine = db.get_engine(upgrade_schema=False)
        revision = db.upgrade(engine)
        typer.echo(f"Cơ sở dữ liệu đã ở phiên bản {revision}: {engine.url.render_as_string(hide_password=True)}")

    @units_app.command("load")
    def units_load() -> None:
        """Nạp 34 tỉnh/thành và các xã, phường, đặc khu (từ 1/7/2025) từ gói vietnam-provinces."""
        from nq57.store.db import session_scope
        from nq57.track.units import load_units

        with session_scope() as session:
            summary = load_units(session)
        typer.echo(f"Đã nạp {summary.provinces} tỉnh/thành, {summary.communes} xã/phường/đặc khu ({summary.added} mới).")

    @units_app.command("list")
    def units_list(commune: Annotated[str, typer.Option("--commune", help="Xã/phường, ví dụ \"Phước Bình, Đồng Nai\"")]) -> None:
        """Liệt kê các đơn vị trực thuộc một xã/phường (để rà soát, gộp)."""
        from nq57.store.db import session_scope
        from nq57.track.units import find_commune, internal_units

        with session_scope() as session:
            c = find_commune(session, commune)
            rows = [f"{u.code}\t{u.name}\t{u.email or ''}" for u in internal_units(session, c)]
        for row in rows:
            typer.echo(row)

    @units_app.command("replace")
    def units_replace(
        old: Annotated[list[str], typer.Option("--old", help="Xã/phường cũ (lặp lại khi sáp nhập nhiều đơn vị)")],
        name: Annotated[str, typer.Option("--name", help="Tên mới, ví dụ \"Phường Tân Phong\"")],
        province: Annotated[str, typer.Option("--province", help="Tỉnh/thành phố")],
        start: Annotated[str, typer.Option("--from", help="Có hiệu lực từ ngày YYYY-MM-DD")],
        actor: Annotated[str | None, typer.Option("--actor", help=ACTOR_HELP)] = None,
    ) -> None:
        """Sáp nhập/đổi tên xã, phường: đơn vị cũ giữ nguyên lịch sử, đơn vị mới có hiệu lực từ ngày ghi."""
        from nq57.store.db import session_scope
        from nq57.track.units import find_commune, find_province, replace_commune

        on = _date(start, "--from")
        with session_scope() as session:
            olds = [find_commune(session, text) for text in old]
            new = replace_commune(session, olds, name, find_province(session, province), on, _actor(actor))
            message = f"{new.name} (mã {new.code}) thay cho {', '.join(u.name for u in olds)} từ {on:%d/%m/%Y}."
        typer.echo(message)

    @units_app.command("email")
    def units_email(
        code: Annotated[str, typer.Option("--code", help="Mã đơn vị (xem: nq57 units list)")],
        email: Annotated[str, typer.Option("--email", help="Địa chỉ nhận thư nhắc (để trống: xóa)")],
        actor: Annotated[str | None, typer.Option("--actor", help=ACTOR_HELP)] = None,
    ) -> None:
        """Đặt địa chỉ thư của một đơn vị (nhận thư nhắc nhập số liệu)."""
        from nq57.store.db import session_scope
        from nq57.track.units import set_email

        with session_scope() as session:
            unit = _unit_by_code(session, code)
            set_email(session, unit, email, _actor(actor))
            message = f"{unit.name}: {unit.email or '(không có địa chỉ)'}"
        typer.echo(message)

    @units_app.command("merge")
    def units_merge(
        keep: Annotated[str, typer.Option("--keep", help="Mã đơn vị giữ lại")],
        drop: Annotated[str, typer.Option("--drop", help="Mã đơn vị gộp vào")],
        actor: Annotated[str | None, typer.Option("--actor", help=ACTOR_HELP)] = None,
    ) -> None:
        """Gộp hai đơn vị trực thuộc là một (chỉ tiêu, nhiệm vụ chuyển sang đơn vị giữ lại)."""
        from nq57.store.db import session_scope
        from nq57.track.units import merge_units

        with session_scope() as session:
            a, b = _unit_by_code(session, keep), _unit_by_code(session, drop)
            merge_units(session, a, b, _actor(actor))
            message = f"Đã gộp '{b.name}' vào '{a.name}'."
        typer.echo(message)

    @app.command("import")
    def import_(
        file: Annotated[Path, typer.Argument(help="Tệp kế hoạch/báo cáo (.docx, .pdf, .txt ...) hoặc Plan JSON")],
        commune: Annotated[
            str | None, typer.Option("--commune", help="Xã/phường, ví dụ \"Phước Bình, Đồng Nai\" (mặc định: theo văn bản)")
        ] = None,
        actor: Annotated[str | None, typer.Option("--actor", help=ACTOR_HELP)] = None,
    ) -> None:
        """Trích xuất và lưu một kế hoạch (chỉ tiêu, nhiệm vụ, kinh phí) vào một xã/phường."""
        from nq57.store.db import session_scope
        from nq57.track.plans import import_file

        # Print after the commit: a closed output pipe must not roll the import back.
        with session_scope() as session:
            result = import_file(session, file, commune, _actor(actor))
            verb = "Đã nhập" if result.created else "Đã cập nhật"
            where = result.plan.commune.name
            if result.plan.commune.parent is not None:
                where += f" ({result.plan.commune.parent.short_name})"
            lines = [
                f"{verb} {file.name} vào {where}: {result.indicators} chỉ tiêu, {result.tasks} nhiệm vụ, "
                f"{result.budget_lines} dòng kinh phí, {result.results} kết quả."
            ]
            if result.review:
                lines.append(f"{len(result.review)} chỉ tiêu chưa khớp chắc chắn với danh mục (xem: nq57 catalogue review).")
        for line in lines:
            typer.echo(line)

    @values_app.command("set")
    def values_set(
        commune: Annotated[str, typer.Option("--commune", help="Xã/phường")],
        period: Annotated[str, typer.Option("--period", help="Kỳ: 2026-03, 2026-Q1, 2026-6M, 2026-9M, 2026")],
        indicator: Annotated[str, typer.Option("--indicator", help="Mã chỉ tiêu trong kế hoạch (3.2) hoặc một phần tên")],
        value: Annotated[float | None, typer.Option("--value", help="Giá trị")] = None,
        numerator: Annotated[float | None, typer.Option("--numerator", help="Tử số")] = None,
        denominator: Annotated[float | None, typer.Option("--denominator", help="Mẫu số")] = None,
        note: Annotated[str | None, typer.Option("--note", help="Ghi chú/giải thích")] = None,
        submit: Annotated[bool, typer.Option("--submit", help="Gửi duyệt ngay")] = False,
        actor: Annotated[str | None, typer.Option("--actor", help=ACTOR_HELP)] = None,
    ) -> None:
        """Nhập giá trị một chỉ tiêu cho một kỳ."""
        from nq57.store.db import session_scope
        from nq57.track import values as svc
        from nq57.track.plans import find_indicator
        from nq57.track.units import find_commune

        if value is not None and (numerator is not None or denominator is not None):
            raise UserError("dùng --value HOẶC --numerator và --denominator, không dùng cả hai")
        if value is None and (numerator is None or denominator is None):
            raise UserError("cần --value, hoặc cả --numerator và --denominator")
        p = svc.period_of(period)
        with session_scope() as session:
            c = find_commune(session, commune)
            ind = find_indicator(session, c, indicator, p.year)
            row = svc.set_value(session, ind, str(p), value=value, numerator=numerator, denominator=denominator,
                                note=note, actor=_actor(actor))
            if submit:
                svc.submit(session, row, _actor(actor))
            message = f"{svc.indicator_label(ind)}, kỳ {p}: {_fmt(row.value)} {ind.unit} ({row.state})."
        typer.echo(message)

    def _workflow(action: str):
        def command(
            commune: Annotated[str, typer.Option("--commune", help="Xã/phường")],
            period: Annotated[str, typer.Option("--period", help="Kỳ")],
            indicator: Annotated[str, typer.Option("--indicator", help="Mã hoặc tên chỉ tiêu")],
            reason: Annotated[str | None, typer.Option("--reason", help="Lý do (bắt buộc khi trả lại, mở lại)")] = None,
            actor: Annotated[str | None, typer.Option("--actor", help=ACTOR_HELP)] = None,
        ) -> None:
            from nq57.store.db import session_scope
            from nq57.track import values as svc
            from nq57.track.errors import NotFound
            from nq57.track.plans import find_indicator
            from nq57.track.units import find_commune

            p = svc.period_of(period)
            with session_scope() as session:
                c = find_commune(session, commune)
                ind = find_indicator(session, c, indicator, p.year)
                row = svc.get_value(session, ind, str(p))
                if row is None:
                    raise NotFound(f"{svc.indicator_label(ind)} chưa có số liệu kỳ {p}")
                who = _actor(actor)
                if action == "submit":
                    svc.submit(session, row, who)
                elif action == "approve":
                    svc.approve(session, row, who)
                elif action == "return":
                    svc.return_value(session, row, who, reason or "")
                else:
                    svc.reopen(session, row, who, reason or "")
                message = f"{svc.indicator_label(ind)}, kỳ {p}: {row.state}."
            typer.echo(message)

        return command

    values_app.command("submit", help="Gửi số liệu để lãnh đạo duyệt.")(_workflow("submit"))
    values_app.command("approve", help="Duyệt (khóa) số liệu.")(_workflow("approve"))
    values_app.command("return", help="Trả lại số liệu kèm lý do.")(_workflow("return"))
    values_app.command("reopen", help="Mở lại số liệu đã duyệt kèm lý do.")(_workflow("reopen"))

    @values_app.command("template")
    def values_template(
        commune: Annotated[str, typer.Option("--commune", help="Xã/phường")],
        period: Annotated[str, typer.Option("--period", help="Kỳ")],
        output: Annotated[Path, typer.Option("-o", "--output", help="Tệp .xlsx sẽ tạo")],
        unit: Annotated[str | None, typer.Option("--unit", help="Chỉ một đơn vị (tên hoặc mã)")] = None,
    ) -> None:
        """Tạo tệp Excel mẫu (mỗi đơn vị một trang) để nhập số liệu ngoại tuyến."""
        from sqlalchemy import select

        from nq57.store.db import session_scope
        from nq57.store.models.tracking import Unit
        from nq57.track.excel import write_template
        from nq57.track.units import UnitResolver, find_commune

        with session_scope() as session:
            c = find_commune(session, commune)
            only = None
            if unit:
                only = session.scalar(select(Unit).where(Unit.code == unit, Unit.parent_id == c.id))
                only = only or UnitResolver(session, c).get(unit, create=False)
                if only is None:
                    raise UserError(f"{c.name} không có đơn vị '{unit}' (xem: nq57 units list)")
            path = write_template(session, c, period, output, only)
        typer.echo(f"Đã tạo {path}")

    @values_app.command("import")
    def values_import(
        file: Annotated[Path, typer.Argument(help="Tệp .xlsx đã điền")],
        good_rows: Annotated[bool, typer.Option("--good-rows", help="Vẫn nhập các dòng đúng khi có dòng sai")] = False,
        actor: Annotated[str | None, typer.Option("--actor", help=ACTOR_HELP)] = None,
    ) -> None:
        """Nhập số liệu từ tệp Excel mẫu; báo mọi ô sai cùng lúc."""
        from nq57.store.db import session_scope
        from nq57.track.excel import import_workbook

        with session_scope() as session:
            result = import_workbook(session, file, _actor(actor), import_good_rows=good_rows)
        for problem in result.problems:
            typer.echo(str(problem), err=True)
        if result.problems and not good_rows:
            raise UserError(f"{len(result.problems)} ô có lỗi; chưa nhập gì (sửa rồi nhập lại, hoặc dùng --good-rows)")
        typer.echo(f"Đã nhập {result.written} số liệu ({result.skipped} dòng trống bỏ qua, {len(result.problems)} lỗi).")

    @progress_app.command("set")
    def progress_set(
        commune: Annotated[str, typer.Option("--commune", help="Xã/phường")],
        period: Annotated[str, typer.Option("--period", help="Kỳ")],
        task: Annotated[str, typer.Option("--task", help="Mã nhiệm vụ hoặc một phần tên")],
        status: Annotated[str, typer.Option("--status", help="not_started | in_progress | done (hoặc tiếng Việt)")],
        percent: Annotated[float | None, typer.Option("--percent")] = None,
        completed_on: Annotated[str | None, typer.Option("--completed-on", help="Ngày hoàn thành YYYY-MM-DD")] = None,
        product: Annotated[str | None, typer.Option("--product", help="Sản phẩm (tệp hoặc đường dẫn)")] = None,
        note: Annotated[str | None, typer.Option("--note")] = None,
        actor: Annotated[str | None, typer.Option("--actor", help=ACTOR_HELP)] = None,
    ) -> None:
        """Cập nhật tiến độ một nhiệm vụ trong một kỳ."""
        from nq57.store.db import session_scope
        from nq57.track.plans import find_task
        from nq57.track.progress import set_progress, task_label
        from nq57.track.units import find_commune
        from nq57.track.values import period_of

        p = period_of(period)
        with session_scope() as session:
            c = find_commune(session, commune)
            t = find_task(session, c, task, p.year)
            row = set_progress(session, t, str(p), status=status, percent=percent,
                               completed_on=_date(completed_on, "--completed-on"), product=product, note=note,
                               actor=_actor(actor))
            message = f"{task_label(t)}, kỳ {p}: {row.status} {_fmt(row.percent)}%."
        typer.echo(message)

    @app.command("status")
    def status_(
        commune: Annotated[str, typer.Option("--commune", help="Xã/phường")],
        period: Annotated[str, typer.Option("--period", help="Kỳ: 2026-03, 2026-Q1, 2026-6M, 2026-9M, 2026")],
        as_of: Annotated[str | None, typer.Option("--as-of", help="Tính đến ngày YYYY-MM-DD")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="In JSON")] = False,
    ) -> None:
        """Tình hình thực hiện: mọi chỉ tiêu (chỉ tiêu, giá trị, đánh giá, tiến độ, dự báo), mọi nhiệm vụ."""
        from nq57.store.db import session_scope
        from nq57.track.status import commune_status
        from nq57.track.units import find_commune

        with session_scope() as session:
            st = commune_status(session, find_commune(session, commune), period, _date(as_of, "--as-of"))
        if as_json:
            _echo_json(st.to_json())
            return
        typer.echo(f"{st.commune} ({st.province}) — {st.period_label}, tính đến {st.as_of:%d/%m/%Y}")
        if not st.indicators and not st.tasks:
            typer.echo("Chưa có kế hoạch nào cho kỳ này (nhập kế hoạch bằng: nq57 import TỆP --commune ...).")
        typer.echo(st.summary.text)
        typer.echo(st.summary.tasks_text)
        typer.echo("\nCHỈ TIÊU")
        for i in st.indicators:
            target = i.target_text or (f"{i.target_op} {_fmt(i.target)}" if i.target is not None else "—")
            extra = f"; {i.pace_label}" if i.pace_label else ""
            extra += f"; dự báo {_fmt(i.forecast)}" if i.forecast is not None else ""
            typer.echo(f"  [{i.status_label}] {i.code or '-'} {i.name[:70]} | KH {target} | TH {_fmt(i.value)}{extra}")
        typer.echo("\nNHIỆM VỤ")
        for t in st.tasks:
            due = f"{t.deadline:%d/%m/%Y}" if t.deadline else (t.deadline_text or "—")
            typer.echo(f"  [{t.status_label}] {t.code or '-'} {t.name[:70]} | {t.lead or '—'} | hạn {due}")

    @app.command("alerts")
    def alerts_(
        commune: Annotated[str, typer.Option("--commune", help="Xã/phường")],
        as_of: Annotated[str, typer.Option("--as-of", help="Ngày YYYY-MM-DD")],
        due_soon: Annotated[int, typer.Option("--due-soon-days", help="Số ngày báo trước hạn")] = 7,
        as_json: Annotated[bool, typer.Option("--json", help="In JSON")] = False,
    ) -> None:
        """Cảnh báo tính đến một ngày: quá hạn, sắp đến hạn, nguy cơ không đạt, thiếu số liệu, chờ duyệt, giải trình."""
        from nq57.store.db import session_scope
        from nq57.track.alerts import alerts
        from nq57.track.units import find_commune

        day = _date(as_of, "--as-of")
        with session_scope() as session:
            found = alerts(session, find_commune(session, commune), day, due_soon)
        if as_json:
            _echo_json([a.to_json() for a in found])
            return
        if not found:
            typer.echo("Không có cảnh báo.")
        for a in found:
            due = f" (hạn {a.due:%d/%m/%Y})" if a.due else ""
            typer.echo(f"[{a.kind}] {a.subject}: {a.message}{due}")

    @app.command("remind")
    def remind(
        commune: Annotated[str, typer.Option("--commune", help="Xã/phường")],
        as_of: Annotated[str | None, typer.Option("--as-of", help="Ngày YYYY-MM-DD (mặc định: hôm nay)")] = None,
        smtp_host: Annotated[str, typer.Option("--smtp-host", envvar="NQ57_SMTP_HOST")] = "localhost",
        smtp_port: Annotated[int, typer.Option("--smtp-port", envvar="NQ57_SMTP_PORT")] = 25,
        sender: Annotated[str, typer.Option("--from", envvar="NQ57_SMTP_FROM")] = "nq57@localhost",
    ) -> None:
        """Gửi thư nhắc nhập số liệu trước ngày chốt cho các đơn vị chưa báo cáo."""
        from dataclasses import replace

        from nq57.store.db import session_scope
        from nq57.track.notify import send_reminders, smtp_from_env
        from nq57.track.units import find_commune

        day = _date(as_of, "--as-of") or date.today()
        # Account and STARTTLS come from NQ57_SMTP_USER, _PASSWORD, _STARTTLS (as for the web).
        notifier = replace(smtp_from_env(), host=smtp_host, port=smtp_port, sender=sender)
        try:
            with session_scope() as session:
                n = send_reminders(session, find_commune(session, commune), day, notifier)
        except OSError as exc:
            raise UserError(f"không gửi được thư qua {smtp_host}:{smtp_port}: {exc}") from exc
        typer.echo(f"Đã gửi {n} thư nhắc.")

    @app.command("scores")
    def scores(
        period: Annotated[str, typer.Option("--period", help="Kỳ")],
        commune: Annotated[str | None, typer.Option("--commune", help="Xếp hạng các đơn vị của một xã/phường")] = None,
        province: Annotated[str | None, typer.Option("--province", help="Xếp hạng các xã/phường của một tỉnh")] = None,
        as_of: Annotated[str | None, typer.Option("--as-of")] = None,
    ) -> None:
        """Chấm điểm thi đua: chỉ tiêu đạt, nhiệm vụ đúng hạn, báo cáo đúng hạn."""
        from nq57.store.db import session_scope
        from nq57.track.scoring import commune_scores, unit_scores
        from nq57.track.units import find_commune, find_province

        if (commune is None) == (province is None):
            raise UserError("dùng --commune HOẶC --province")
        with session_scope() as session:
            if commune:
                ranked = unit_scores(session, find_commune(session, commune), period, _date(as_of, "--as-of"))
            else:
                ranked = commune_scores(session, find_province(session, province), period, _date(as_of, "--as-of"))
        for s in ranked:
            typer.echo(f"{s.rank:>3}. {s.name} — {_fmt(s.score)} điểm")

    @catalogue_app.command("load")
    def catalogue_load(
        file: Annotated[Path | None, typer.Argument(help="Tệp JSON danh mục (mặc định: danh mục chung)")] = None,
        province: Annotated[str | None, typer.Option("--province", help="Danh mục riêng của tỉnh")] = None,
    ) -> None:
        """Nạp danh mục chỉ tiêu chuẩn (hoặc danh mục riêng của tỉnh từ tệp)."""
        from nq57.store.db import session_scope
        from nq57.track.catalogue import load_catalogue
        from nq57.track.units import find_province

        with session_scope() as session:
            owner = find_province(session, province) if province else None
            n = load_catalogue(session, file, owner)
        typer.echo(f"Đã nạp {n} chỉ tiêu vào danh mục.")

    @catalogue_app.command("review")
    def catalogue_review(commune: Annotated[str | None, typer.Option("--commune")] = None) -> None:
        """Liệt kê các chỉ tiêu chưa khớp chắc chắn với danh mục."""
        from nq57.store.db import session_scope
        from nq57.track.catalogue import review_list
        from nq57.track.units import find_commune

        with session_scope() as session:
            rows = review_list(session, find_commune(session, commune) if commune else None)
            for ind in rows:
                proposal = ind.catalogue.code if ind.catalogue else "—"
                typer.echo(f"{ind.id}\t{ind.code or '-'}\t{proposal}\t{ind.name[:90]}")

    @app.command("backup")
    def backup_(file: Annotated[Path, typer.Argument(help="Tệp sao lưu (.jsonl.gz)")]) -> None:
        """Sao lưu toàn bộ dữ liệu (kế hoạch, số liệu, nhật ký) ra một tệp."""
        from nq57.store.db import get_engine
        from nq57.track.backup import backup

        counts = backup(get_engine(), file)
        typer.echo(f"Đã sao lưu {sum(counts.values())} dòng vào {file}")

    @app.command("restore")
    def restore_(file: Annotated[Path, typer.Argument(help="Tệp sao lưu")]) -> None:
        """Khôi phục dữ liệu từ tệp sao lưu vào cơ sở dữ liệu trống."""
        from nq57.store.db import get_engine
        from nq57.track.backup import restore

        counts = restore(get_engine(), file)
        typer.echo(f"Đã khôi phục {sum(counts.values())} dòng từ {file}")
