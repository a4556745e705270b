"""What bench/load.py needed from the server: logins that a crowd can afford, and no more
requests in flight than the database pool can serve (above that the app deadlocked)."""

from __future__ import annotations

import asyncio
import threading
import time

import httpx
from argon2 import PasswordHasher, extract_parameters

from nq57.web import security


def test_new_hashes_use_owasp_minimum_and_old_ones_still_verify():
    params = extract_parameters(security.hash_password("mat-khau-moi-1"))
    assert (params.memory_cost, params.time_cost, params.parallelism) == (19 * 1024, 2, 1)
    old = PasswordHasher().hash("mat-khau-cu-1")  # an account made with argon2-cffi's defaults
    assert security.verify_password(old, "mat-khau-cu-1")
    assert not security.verify_password(old, "mat-khau-sai")


def test_at_most_one_hash_per_core_at_a_time(monkeypatch):
    running, peak, lock = [0], [0], threading.Lock()

    class Slow:
        def verify(self, _hash, _password):
            with lock:
                running[0] += 1
                peak[0] = max(peak[0], running[0])
            time.sleep(0.03)
            with lock:
                running[0] -= 1
            return True

    monkeypatch.setattr(security, "_hasher", Slow())
    threads = [threading.Thread(target=security.verify_password, args=("h", "p")) for _ in range(3 * security.SLOTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert 1 <= peak[0] <= security.SLOTS


def test_requests_in_flight_are_bounded(db_url, monkeypatch):
    from nq57.web.app import create_app

    monkeypatch.setenv("NQ57_MAX_IN_FLIGHT", "2")
    app = create_app(db_url)
    running, peak = [0], [0]

    @app.get("/_cham")
    async def slow():
        running[0] += 1
        peak[0] = max(peak[0], running[0])
        await asyncio.sleep(0.05)
        running[0] -= 1
        return {"ok": True}

    async def crowd():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await asyncio.gather(*[client.get("/_cham") for _ in range(8)])

    responses = asyncio.run(crowd())
    assert [r.status_code for r in responses] == [200] * 8
    assert peak[0] == 2
