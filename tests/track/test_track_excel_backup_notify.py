"""Excel round trip, backup/restore, SMTP reminders, schema/migration agreement."""

import asyncio
import socket
import threading
import time
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import create_engine, func, select

from nq57.store.base import Base
from nq57.store.models.tracking import Unit, Value
from nq57.track import values
from nq57.track.excel import import_workbook, write_template
from nq57.track.notify import SmtpNotifier, send_reminders


def fill(path, edits):
    wb = load_workbook(path)
    for sheet, row, column, value in edits:
        ws = wb[sheet]
        headers = [c.value for c in ws[1]]
        ws.cell(row=row, column=headers.index(column) + 1, value=value)
    wb.save(path)


def sheet_of(path, name_part):
    wb = load_workbook(path)
    return next(ws.title for ws in wb.worksheets if name_part in ws.title)


def test_template_has_a_sheet_per_unit_and_round_trips(session, imported, places, tmp_path):
    path = write_template(session, places["tan_an"], "2026-03", tmp_path / "mau.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames[0] == "Thông tin" and len(wb.sheetnames) == 4
    vhxh = sheet_of(path, "Văn hóa")
    centre = sheet_of(path, "Trung tâm")
    fill(path, [(vhxh, 2, "Giá trị", 81.5), (centre, 2, "Tử số", 45), (centre, 2, "Mẫu số", "50"),
                (centre, 3, "Giá trị", "1,5")])
    result = import_workbook(session, path, actor="officer")
    assert result.problems == [] and result.written == 3
    got = dict(session.execute(select(Value.indicator_id, Value.value)).all())
    ids = {i.name: i.id for i in imported.plan.indicators}
    assert got[ids["Tỷ lệ phủ sóng 5G khu dân cư"]] == 81.5
    assert got[ids["Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến"]] == 90
    assert got[ids["Tỷ lệ hồ sơ giải quyết trễ hạn"]] == 1.5
    # the next template is pre-filled with what was entered
    again = write_template(session, places["tan_an"], "2026-03", tmp_path / "mau2.xlsx")
    ws = load_workbook(again)[vhxh]
    assert ws.cell(row=2, column=6).value == 81.5


def test_import_reports_every_problem_and_writes_nothing(session, imported, places, tmp_path):
    path = write_template(session, places["tan_an"], "2026-03", tmp_path / "mau.xlsx")
    vhxh, centre = sheet_of(path, "Văn hóa"), sheet_of(path, "Trung tâm")
    fill(path, [(vhxh, 2, "Giá trị", "tám mươi"), (centre, 2, "Tử số", 60), (centre, 2, "Mẫu số", 50),
                (centre, 3, "Giá trị", 1.0)])
    result = import_workbook(session, path)
    assert result.written == 0 and len(result.problems) == 2
    text = "\n".join(map(str, result.problems))
    assert f"Trang '{vhxh}', dòng 2, cột Giá trị" in text and "tử số" in text
    assert session.scalar(select(func.count()).select_from(Value)) == 0
    good = import_workbook(session, path, import_good_rows=True)
    assert good.written == 1 and session.scalar(select(func.count()).select_from(Value)) == 1


def test_import_refuses_stale_template_and_foreign_files(session, imported, places, tmp_path):
    path = write_template(session, places["tan_an"], "2026-03", tmp_path / "mau.xlsx")
    values.set_value(session, imported.plan.indicators[0], "2026-03", value=70)
    fill(path, [(sheet_of(path, "Văn hóa"), 2, "Giá trị", 75)])
    result = import_workbook(session, path)
    assert result.written == 0 and "Phiên bản" in str(result.problems[0])
    other = tmp_path / "khac.xlsx"
    from openpyxl import Workbook

    Workbook().save(other)
    with pytest.raises(Exception, match="Thông tin"):
        import_workbook(session, other)
    (tmp_path / "hong.xlsx").write_bytes(b"not a zip")
    with pytest.raises(Exception, match="Excel"):
        import_workbook(session, tmp_path / "hong.xlsx")


def rows_of(engine):
    out = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            out[table.name] = [tuple(r) for r in conn.execute(select(table).order_by(*table.primary_key.columns))]
    return out


def test_backup_then_restore_into_empty_database_reproduces_every_row(db_url, session, imported, places, tmp_path):
    from nq57.store import db
    from nq57.track import units
    from nq57.track.backup import backup, restore

    row = values.set_value(session, imported.plan.indicators[0], "2026-03", value=70, note="ghi chú có dấu")
    values.submit(session, row, "officer")
    evidence = values.attach_evidence(session, value=row, filename="biên bản.pdf", data=b"%PDF-1.4 x", actor="officer")
    units.merge_units(session, units.internal_unit(session, places["tan_an"], "Phòng Tư pháp"),
                      units.internal_unit(session, places["tan_an"], "Phòng Tư pháp - Hộ tịch"), "reviewer")
    units.replace_commune(session, [places["cat_lai"]], "Xã Cát Lái Mới", places["bien"], date(2027, 1, 1))
    session.commit()
    dump = tmp_path / "sao-luu.jsonl.gz"
    backup(db.get_engine(db_url), dump)
    before = rows_of(db.get_engine(db_url))
    target_url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    target = db.get_engine(target_url)
    from nq57.config import data_dir

    stored = data_dir() / evidence.stored_path
    stored.unlink()
    counts = restore(target, dump)
    assert rows_of(target) == before
    assert counts["evidence files"] == 1 and stored.read_bytes() == b"%PDF-1.4 x"
    with pytest.raises(Exception, match="trống"):
        restore(target, dump)
    target.dispose()
    not_a_backup = tmp_path / "khac.jsonl.gz"
    import gzip

    with gzip.open(not_a_backup, "wt") as out:
        out.write('{"format": "something-else"}\n')
    empty = db.get_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    with pytest.raises(Exception, match="không phải tệp sao lưu"):
        restore(empty, not_a_backup)
    empty.dispose()


def test_migrations_match_the_models(db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = create_engine(db_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []


class _Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


@pytest.fixture
def smtp_server():
    from aiosmtpd.controller import Controller

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def test_reminders_go_by_smtp_to_units_that_have_not_reported(session, imported, places, smtp_server):
    inbox, port = smtp_server
    plan = imported.plan
    plan.indicators[0].lead_unit.email = "vhxh@tanan.example"
    plan.indicators[1].lead_unit.email = "pvhcc@tanan.example"
    values.set_value(session, plan.indicators[0], "2026-03", value=80)  # VHXH has reported March
    notifier = SmtpNotifier("127.0.0.1", port, sender="nq57@tanan.example")
    assert send_reminders(session, places["tan_an"], date(2026, 2, 20), notifier) == 0  # cut-off too far
    sent = send_reminders(session, places["tan_an"], date(2026, 3, 11), notifier)
    assert sent == 1
    deadline = time.monotonic() + 5
    while not inbox.messages and time.monotonic() < deadline:
        time.sleep(0.05)
    (recipients, content), = inbox.messages
    assert recipients == ["pvhcc@tanan.example"]
    assert "14/03/2026" in content or "=" in content  # subject may be encoded
    # no second reminder for the same month
    assert send_reminders(session, places["tan_an"], date(2026, 3, 12), notifier) == 0
    assert session.scalar(select(func.count()).select_from(Unit).where(Unit.email.is_not(None))) == 2


def test_event_loop_policy_untouched():
    # aiosmtpd runs its own loop in a thread; the test process keeps a usable default loop.
    loop = asyncio.new_event_loop()
    loop.close()
    assert threading.active_count() >= 1


def test_restore_into_postgresql_keeps_rows_and_sequences(db_url, session, imported, tmp_path, request, truncate_tables):
    """A dump from SQLite restored into PostgreSQL; new rows then get fresh ids."""
    if not db_url.startswith("sqlite"):
        pytest.skip("the SQLite run covers this direction")
    from nq57.store import db
    from nq57.track.backup import backup, restore

    values.set_value(session, imported.plan.indicators[0], "2026-03", value=70)
    session.commit()
    dump = tmp_path / "dump.jsonl.gz"
    backup(db.get_engine(db_url), dump)
    pg_url = request.getfixturevalue("_pg_database")
    truncate_tables(pg_url)
    try:
        restore(db.get_engine(pg_url), dump)
        assert rows_of(db.get_engine(pg_url)) == rows_of(db.get_engine(db_url))
        with db.session_scope(pg_url) as pg:
            indicator = pg.get(type(imported.plan.indicators[0]), imported.plan.indicators[0].id)
            row = values.set_value(pg, indicator, "2026-04", value=71)
            pg.flush()
            assert row.id > max(v for (v,) in pg.execute(select(Value.id).where(Value.period == "2026-03")))
    finally:
        truncate_tables(pg_url)
