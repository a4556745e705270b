"""The command-line contract: exact commands, JSON shapes, one-line errors with exit code 2."""

import json
import os
import subprocess
import sys

import pytest


def nq57(*args, env):
    return subprocess.run([sys.executable, "-m", "nq57.cli", *args], capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def env(db_url, tmp_path):
    return dict(os.environ, NQ57_DATABASE_URL=db_url, NQ57_DATA_DIR=str(tmp_path / "data"))


def test_user_journey(env, tmp_path, make_plan):
    plan = make_plan()
    plan["document"]["locality"] = {"name": "Phước Bình", "level": "phường", "province": "Đồng Nai"}
    path = tmp_path / "kh.json"
    path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    commune = "Phước Bình, Đồng Nai"

    assert nq57("db", "upgrade", env=env).returncode == 0
    loaded = nq57("units", "load", env=env)
    assert loaded.returncode == 0 and "34 tỉnh" in loaded.stdout
    imported = nq57("import", str(path), "--commune", commune, env=env)
    assert imported.returncode == 0, imported.stderr
    assert "4 chỉ tiêu, 3 nhiệm vụ" in imported.stdout
    again = nq57("import", str(path), "--commune", commune, env=env)
    assert "Đã cập nhật" in again.stdout

    ok = nq57("values", "set", "--commune", commune, "--period", "2026-03", "--indicator", "2",
              "--numerator", "95", "--denominator", "100", "--note", "phần mềm một cửa", env=env)
    assert ok.returncode == 0, ok.stderr
    ok = nq57("values", "set", "--commune", commune, "--period", "2026-03", "--indicator", "phủ sóng 5G",
              "--value", "50", env=env)
    assert ok.returncode == 0, ok.stderr

    status = nq57("status", "--commune", commune, "--period", "2026-Q1", "--json", env=env)
    assert status.returncode == 0, status.stderr
    data = json.loads(status.stdout)
    rows = {i["name"]: i for i in data["indicators"]}
    assert rows["Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến"]["status"] == "achieved"
    assert rows["Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến"]["value"] == 95
    assert rows["Tỷ lệ phủ sóng 5G khu dân cư"]["status"] == "not_achieved"
    assert {"code", "name", "unit", "target", "value", "status", "pace", "forecast"} <= set(data["indicators"][0])
    assert {"code", "name", "lead", "deadline", "status"} <= set(data["tasks"][0])
    assert data["summary"]["achieved"] == 1 and data["summary"]["indicators_total"] == 4
    text = nq57("status", "--commune", commune, "--period", "2026-Q1", env=env)
    assert "1/4 chỉ tiêu đạt, 1 chưa đạt, 2 chưa đánh giá" in text.stdout

    alerts = nq57("alerts", "--commune", commune, "--as-of", "2026-04-02", "--json", env=env)
    assert alerts.returncode == 0, alerts.stderr
    found = json.loads(alerts.stdout)
    assert {"overdue_task", "value_missing"} <= {a["kind"] for a in found}
    assert all(set(a) >= {"kind", "subject", "message", "due"} for a in found)

    template = tmp_path / "mau.xlsx"
    assert nq57("values", "template", "--commune", commune, "--period", "2026-04", "-o", str(template),
                env=env).returncode == 0
    assert template.exists()
    imported_xlsx = nq57("values", "import", str(template), env=env)
    assert imported_xlsx.returncode == 0 and "Đã nhập 0" in imported_xlsx.stdout

    dump = tmp_path / "backup.jsonl.gz"
    assert nq57("backup", str(dump), env=env).returncode == 0 and dump.stat().st_size > 0
    refused = nq57("restore", str(dump), env=env)
    assert refused.returncode == 2 and "trống" in refused.stderr


ERRORS = [
    (("status", "--commune", "Không Tồn Tại, Đồng Nai", "--period", "2026-Q1"), "không tìm thấy"),
    (("status", "--commune", "Đông Hải", "--period", "2026-Q1"), "nhiều đơn vị"),
    (("status", "--commune", "Phước Bình, Đồng Nai", "--period", "2026-Q7"), "không hợp lệ"),
    (("alerts", "--commune", "Phước Bình, Đồng Nai", "--as-of", "02/04/2026"), "YYYY-MM-DD"),
    (("values", "set", "--commune", "Phước Bình, Đồng Nai", "--period", "2026-03", "--indicator", "1",
      "--value", "1", "--numerator", "1", "--denominator", "2"), "không dùng cả hai"),
    (("import", "/no/such/file.json", "--commune", "Phước Bình, Đồng Nai"), "không tìm thấy tệp"),
]


def test_errors_are_one_line_with_exit_code_2(_sqlite_template, tmp_path):
    """Engine-independent, so SQLite only: the registry is loaded once in-process."""
    import shutil

    from nq57.store import db
    from nq57.track.units import load_units

    path = tmp_path / "cli.sqlite3"
    shutil.copy(_sqlite_template, path)
    url = f"sqlite:///{path}"
    with db.session_scope(url) as session:
        load_units(session)
    db._engines.pop(url).dispose()
    env = dict(os.environ, NQ57_DATABASE_URL=url, NQ57_DATA_DIR=str(tmp_path / "data"))
    for args, message in ERRORS:
        result = nq57(*args, env=env)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr
        assert message in result.stderr, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1


def test_progress_scores_units_catalogue_remind_commands(_sqlite_template, tmp_path, make_plan):
    """The auxiliary commands, on SQLite with a plan imported in-process."""
    import shutil

    from nq57.store import db
    from nq57.track import units
    from nq57.track.plans import import_plan

    path = tmp_path / "aux.sqlite3"
    shutil.copy(_sqlite_template, path)
    url = f"sqlite:///{path}"
    with db.session_scope(url) as session:
        units.load_units(session)
        commune = units.find_commune(session, "Phước Bình, Đồng Nai")
        import_plan(session, make_plan(), commune, "kh.json")
        codes = {u.name: u.code for u in units.internal_units(session, commune)}
    db._engines.pop(url).dispose()
    env = dict(os.environ, NQ57_DATABASE_URL=url, NQ57_DATA_DIR=str(tmp_path / "data"))
    c = "Phước Bình, Đồng Nai"

    done = nq57("progress", "set", "--commune", c, "--period", "2026-03", "--task", "tuyên truyền",
                "--status", "hoàn thành", "--completed-on", "2026-03-20", "--product", "KH số 5", env=env)
    assert done.returncode == 0, done.stderr
    status = json.loads(nq57("status", "--commune", c, "--period", "2026-Q1", "--json", env=env).stdout)
    assert next(t for t in status["tasks"] if t["code"] == "1")["status"] == "done"

    assert nq57("values", "set", "--commune", c, "--period", "2026-03", "--indicator", "5G", "--value", "90",
                "--submit", env=env).returncode == 0
    approved = nq57("values", "approve", "--commune", c, "--period", "2026-03", "--indicator", "5G", env=env)
    assert approved.returncode == 0 and "approved" in approved.stdout
    locked = nq57("values", "set", "--commune", c, "--period", "2026-03", "--indicator", "5G", "--value", "91", env=env)
    assert locked.returncode == 2 and "khóa" in locked.stderr
    reopened = nq57("values", "reopen", "--commune", c, "--period", "2026-03", "--indicator", "5G", env=env)
    assert reopened.returncode == 2 and "lý do" in reopened.stderr

    assert nq57("settings", "weights", "--province", "Đồng Nai", "--indicators", "1", "--tasks", "0", "--reports", "0",
                env=env).returncode == 0
    assert nq57("settings", "calendar", "--province", "Đồng Nai", "--cutoff-day", "31", env=env).returncode == 2
    assert nq57("settings", "calendar", "--province", "Đồng Nai", "--cutoff-day", "10", "--report-due-day", "15",
                env=env).returncode == 0
    alerts = json.loads(nq57("alerts", "--commune", c, "--as-of", "2026-04-12", "--json", env=env).stdout)
    assert {a["due"] for a in alerts if a["kind"] == "value_missing"} == {"2026-04-15"}
    scores = nq57("scores", "--commune", c, "--period", "2026-Q1", "--as-of", "2026-03-31", env=env)
    assert scores.returncode == 0 and "1. Phòng Văn hóa – Xã hội — 100 điểm" in scores.stdout
    one = tmp_path / "vhxh.xlsx"
    made = nq57("values", "template", "--commune", c, "--period", "2026-04", "-o", str(one), "--unit", "Phòng VHXH",
                env=env)
    assert made.returncode == 0, made.stderr
    from openpyxl import load_workbook

    assert load_workbook(one).sheetnames == ["Thông tin", "Phòng Văn hóa – Xã hội"]
    listed = nq57("units", "list", "--commune", c, env=env)
    assert "Trung tâm Phục vụ hành chính công" in listed.stdout
    review = nq57("catalogue", "review", "--commune", c, env=env)
    assert review.returncode == 0 and "cổng thông tin" in review.stdout
    merged = nq57("units", "merge", "--keep", codes["Phòng Văn hóa – Xã hội"],
                  "--drop", codes["Văn phòng HĐND và UBND"], env=env)
    assert merged.returncode == 0, merged.stderr
    assert "Văn phòng HĐND" not in nq57("units", "list", "--commune", c, env=env).stdout
    replaced = nq57("units", "replace", "--old", "Phước Bình, Đồng Nai", "--name", "Phường Phước Bình Mới",
                    "--province", "Đồng Nai", "--from", "2027-01-01", env=env)
    assert replaced.returncode == 0, replaced.stderr
    new_code = replaced.stdout.split("mã ")[1].split(")")[0]
    # until the merger takes effect the old ward is the one found by name; the new one by its code
    assert nq57("status", "--commune", c, "--period", "2026-Q1", env=env).returncode == 0
    future = nq57("status", "--commune", new_code, "--period", "2027", env=env)
    assert future.returncode == 0 and "Phường Phước Bình Mới" in future.stdout
    remind = nq57("remind", "--commune", c, "--as-of", "2026-03-01", "--smtp-host", "127.0.0.1", "--smtp-port", "9",
                  env=env)
    assert remind.returncode == 0 and "Đã gửi 0" in remind.stdout  # no unit has an e-mail address yet
    bad = nq57("units", "email", "--code", codes["Phòng Văn hóa – Xã hội"], "--email", "khong-phai-thu", env=env)
    assert bad.returncode == 2 and "không hợp lệ" in bad.stderr
    ok = nq57("units", "email", "--code", codes["Phòng Văn hóa – Xã hội"], "--email", "vhxh@phuocbinh.example", env=env)
    assert ok.returncode == 0
    assert "vhxh@phuocbinh.example" in nq57("units", "list", "--commune", c, env=env).stdout


@pytest.mark.parametrize(
    ("url", "message"),
    [("foo://bar", "không hợp lệ"), ("postgresql+psycopg://postgres:secret@127.0.0.1:1/x", "không kết nối được")],
)
def test_bad_database_url_is_one_line_without_password(url, message, tmp_path):
    env = dict(os.environ, NQ57_DATABASE_URL=url, NQ57_DATA_DIR=str(tmp_path))
    result = nq57("db", "upgrade", env=env)
    assert result.returncode == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "secret" not in result.stderr
