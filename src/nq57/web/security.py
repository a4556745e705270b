"""Passwords (argon2), random tokens and their digests, login throttling rules."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

# OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane) rather than argon2-cffi's default
# (64 MiB, 3 passes, 4 lanes: ~0.5 s of CPU each on a 2-core server, so 200 officers logging
# in at 8:00 needed ~100 CPU-seconds and >1 GB; bench/load.py). Old hashes keep verifying:
# their parameters are stored in the hash.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
# At most one hash per core at a time, so memory stays bounded whatever the crowd.
SLOTS = os.cpu_count() or 2
_slots = threading.BoundedSemaphore(SLOTS)

# Throttling: after this many failed logins in the window, the username (or the address)
# must wait until the window has passed since the last failure.
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 8


def hash_password(password: str) -> str:
    with _slots:
        return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        with _slots:
            return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def new_token() -> str:
    """A URL-safe random token (256 bits)."""
    return secrets.token_urlsafe(32)


def digest(token: str) -> str:
    """What the database keeps of a session or API token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def same(a: str | None, b: str | None) -> bool:
    """Constant-time comparison of two secrets; a missing one never matches."""
    if not a or not b:
        return False
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


def is_throttled(failure_times: list[datetime], now: datetime) -> bool:
    """True when there were MAX_FAILURES or more failures within FAILURE_WINDOW before now."""
    recent = [t for t in failure_times if now - t < FAILURE_WINDOW]
    return len(recent) >= MAX_FAILURES
