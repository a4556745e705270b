"""The command line's contract: `nq57 info` reports where data lives, from the environment."""

from __future__ import annotations

import subprocess
import sys


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "nq57.cli", *args], capture_output=True, text=True, env=env)


def test_info_reports_data_dir_and_database(tmp_path, monkeypatch):
    import os

    env = dict(os.environ, NQ57_DATA_DIR=str(tmp_path / "data"))
    env.pop("NQ57_DATABASE_URL", None)
    result = run_cli("info", env=env)
    assert result.returncode == 0, result.stderr
    assert str(tmp_path / "data") in result.stdout
    assert "sqlite:///" in result.stdout
    assert (tmp_path / "data").is_dir()


def test_unknown_command_is_a_usage_error():
    result = run_cli("no-such-command")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
