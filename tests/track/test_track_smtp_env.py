"""SMTP settings for reminders come from NQ57_SMTP_* variables, with a clear error when malformed."""

from __future__ import annotations

import pytest

from nq57.errors import UserError
from nq57.track.notify import smtp_from_env


def test_defaults_when_nothing_is_set():
    smtp = smtp_from_env({})
    assert (smtp.host, smtp.port, smtp.sender, smtp.username, smtp.starttls) == ("localhost", 25, "nq57@localhost", None, False)


def test_every_setting_is_read():
    smtp = smtp_from_env({"NQ57_SMTP_HOST": "mail.tinh.gov.vn", "NQ57_SMTP_PORT": "587",
                          "NQ57_SMTP_FROM": "ubnd@xa.gov.vn", "NQ57_SMTP_USER": "ubnd",
                          "NQ57_SMTP_PASSWORD": "bi-mat", "NQ57_SMTP_STARTTLS": "1"})
    assert (smtp.host, smtp.port, smtp.sender, smtp.username, smtp.password, smtp.starttls) == (
        "mail.tinh.gov.vn", 587, "ubnd@xa.gov.vn", "ubnd", "bi-mat", True)


def test_a_port_that_is_not_a_number_is_named():
    with pytest.raises(UserError, match="NQ57_SMTP_PORT.*25a"):
        smtp_from_env({"NQ57_SMTP_PORT": "25a"})
