"""Load test (issue 7): start `nq57 serve` on 127.0.0.1 against a database that already holds
plans (e.g. the one bench/national.py built), drive it with simulated officers and leaders,
then check that no acknowledged write was lost. Prints figures; asserts nothing.

    python bench/load.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/nq57_national

Officers (default 200, each the only officer of one unit of one commune, so their writes never
compete) log in through the login form (CSRF), open their data-entry form, read an indicator's
values and submit new ones through the JSON API (session cookie + X-CSRF-Token, expected
version). Leaders (default 20) log in and open their dashboard and the status API. Every loop
stops at the deadline (default 60 s) and after a bounded number of iterations; nothing leaves
127.0.0.1.

Lost-write check: rows of indicator_values (of the officers' indicators) after = before + the
keys created by acknowledged writes; every key's final value = the last value the server acknowledged for it; the audit log
holds exactly one `value.set` per acknowledged write.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sqlalchemy import func, select  # noqa: E402

from nq57.scale import lostwrites  # noqa: E402
from nq57.store import db  # noqa: E402

PASSWORD = "load-test-password"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
MAX_LOOPS = 10_000  # per simulated user, whatever the duration


@dataclass
class Officer:
    username: str
    commune_id: int
    indicator_ids: list[int]


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    refused: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    writes: list[lostwrites.Attempt] = field(default_factory=list)
    error_samples: list[str] = field(default_factory=list)
    measure_from: float = 0.0  # monotonic time the ramp-up ends; earlier samples are not counted

    def error(self, kind: str, text: str) -> None:
        self.errors[kind] += 1
        if len(self.error_samples) < 8:
            self.error_samples.append(f"{kind}: {text[:200]}")


# --- setup (in process, through the product's account service) ------------------------
def _url(raw: str) -> str:
    return raw.replace("postgresql://", "postgresql+psycopg://", 1) if raw.startswith("postgresql://") else raw


def make_users(url: str, officers: int, leaders: int) -> tuple[list[Officer], list[tuple[str, int]]]:
    """One officer per (commune, lead unit) pair, one leader per commune; existing ones kept."""
    from nq57.store.models.accounts import User
    from nq57.store.models.tracking import Indicator, Plan, Unit
    from nq57.web import accounts

    with db.session_scope(url) as s:
        pairs = s.execute(
            select(Plan.commune_id, Indicator.lead_unit_id, func.array_agg(Indicator.id) if url.startswith("postgresql")
                   else func.group_concat(Indicator.id))
            .join(Plan, Plan.id == Indicator.plan_id)
            .where(Indicator.lead_unit_id.is_not(None), Indicator.seq > 0)
            .group_by(Plan.commune_id, Indicator.lead_unit_id)
            .order_by(Plan.commune_id, Indicator.lead_unit_id)
            .limit(officers)
        ).all()
        if len(pairs) < officers:
            raise SystemExit(f"the database has only {len(pairs)} (commune, unit) pairs; run bench/national.py first")
        existing = set(s.scalars(select(User.username).where(User.username.like("load-%"))))
        out = []
        for i, (commune_id, unit_id, ids) in enumerate(pairs):
            ids = [int(x) for x in (ids if isinstance(ids, list) else str(ids).split(","))]
            name = f"load-officer-{i:04d}"
            if name not in existing:
                commune = s.get(Unit, commune_id)
                accounts.create_user(s, name, PASSWORD, "unit_officer", province_id=commune.parent_id,
                                     commune_id=commune_id, unit_id=unit_id)
            out.append(Officer(name, commune_id, sorted(ids)))
        communes = sorted({o.commune_id for o in out})
        leader_list = []
        for i in range(leaders):
            commune_id = communes[i % len(communes)]
            name = f"load-leader-{i:03d}"
            if name not in existing:
                commune = s.get(Unit, commune_id)
                accounts.create_user(s, name, PASSWORD, "commune_leader", province_id=commune.parent_id,
                                     commune_id=commune_id)
            leader_list.append((name, commune_id))
    return out, leader_list


def take_snapshot(url: str, keys: set[tuple[int, str]]) -> lostwrites.Snapshot:
    with db.session_scope(url) as s:
        return lostwrites.snapshot(s, keys, "load-officer-")


# --- the server ------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(url: str, port: int, workers: int | None = None) -> subprocess.Popen:
    env = {**os.environ, "NQ57_DATABASE_URL": url}
    nq57 = Path(sys.executable).with_name("nq57")
    command = [str(nq57), "serve", "--host", "127.0.0.1", "--port", str(port)]
    if workers is not None and workers != 1:  # (a server older than --workers still starts)
        command += ["--workers", str(workers)]
    proc = subprocess.Popen(command, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read().decode()[-500:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/login", timeout=2).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("server did not answer within 60 s")


def process_tree(pid: int) -> list[int]:
    """The server and its worker processes (`nq57 serve --workers N`)."""
    children: dict[int, list[int]] = defaultdict(list)
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            children[int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])].append(int(entry.name))
        except (OSError, ValueError, IndexError):
            continue
    tree = [pid]
    for member in tree:
        tree.extend(children.get(member, []))
    return tree


def rss_mb(pid: int) -> float:
    """Resident memory of the server, its workers included."""
    total = 0.0
    for member in process_tree(pid):
        try:
            lines = Path(f"/proc/{member}/status").read_text().splitlines()
        except OSError:
            continue
        total += next((int(line.split()[1]) / 1024 for line in lines if line.startswith("VmRSS:")), 0.0)
    return total


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by the server and its workers."""
    return process_cpu(process_tree(pid))


def process_cpu(pids: list[int]) -> float:
    total = 0.0
    for member in pids:
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def database_backends(url: str) -> list[int]:
    """The PostgreSQL backends connected to this database (their CPU is read from /proc when the
    server runs on this machine; elsewhere they are simply not found)."""
    if not url.startswith("postgresql"):
        return []
    from sqlalchemy import text

    with db.get_engine(url, upgrade_schema=False).connect() as conn:
        return list(conn.execute(text(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )).scalars())


# --- simulated users -------------------------------------------------------------------
async def call(stats: Stats, kind: str, coro) -> httpx.Response | None:
    """One request, timed; logins are always counted, the rest only after the ramp-up."""
    start = time.perf_counter()
    began = time.monotonic()
    try:
        response = await coro
    except httpx.HTTPError as exc:
        stats.error(kind, f"{type(exc).__name__}: {exc}")
        return None
    if kind == "login" or began >= stats.measure_from:
        stats.latencies[kind].append(time.perf_counter() - start)
    if response.status_code >= 500:
        stats.error(kind, f"HTTP {response.status_code}: {response.text}")
    return response


async def login(client: httpx.AsyncClient, stats: Stats, username: str) -> str | None:
    """The login form with its CSRF token; returns the session's CSRF token (from a page)."""
    page = await call(stats, "login", client.get("/login"))
    token = CSRF.search(page.text) if page is not None else None
    if token is None:
        stats.error("login", "no CSRF token on the login page")
        return None
    response = await call(stats, "login", client.post(
        "/login", data={"username": username, "password": PASSWORD, "next": "/entry", "csrf_token": token.group(1)}))
    if response is None or response.status_code != 303:
        stats.error("login", f"login refused: {response.status_code if response is not None else '-'}")
        return None
    return "ok"


async def officer(base: str, o: Officer, period: str, deadline: float, think: float, ramp: float, stats: Stats,
                  rng: random.Random):
    async with httpx.AsyncClient(base_url=base, timeout=30, follow_redirects=False) as client:
        await asyncio.sleep(rng.random() * ramp)  # officers arrive over the ramp-up, not all in one instant
        if await login(client, stats, o.username) is None:
            return
        form = await call(stats, "open form", client.get(f"/entry?period={period}"))
        match = CSRF.search(form.text) if form is not None else None
        if match is None:
            stats.error("open form", "no CSRF token on the entry form")
            return
        headers = {"X-CSRF-Token": match.group(1), "Accept": "application/json"}
        versions: dict[int, int | None] = {}
        seq = 0
        for loop in range(MAX_LOOPS):
            if time.monotonic() >= deadline:
                break
            indicator_id = o.indicator_ids[loop % len(o.indicator_ids)]
            if indicator_id not in versions:
                read = await call(stats, "read values", client.get(f"/api/indicators/{indicator_id}/values"))
                if read is None or read.status_code != 200:
                    if read is not None and read.status_code < 500:
                        stats.error("read values", f"HTTP {read.status_code}: {read.text}")
                    continue
                versions[indicator_id] = next((v["version"] for v in read.json() if v["period"] == period), None)
            seq += 1
            number = round(rng.uniform(10, 90), 2)
            body = {"value": number, "note": "kiểm thử tải", "expected_version": versions[indicator_id], "submit": True}
            response = await call(stats, "submit", client.put(f"/api/indicators/{indicator_id}/values/{period}",
                                                              json=body, headers=headers))
            if response is None or response.status_code >= 500:
                stats.writes.append(lostwrites.Attempt(indicator_id, period, number, seq, acknowledged=False))
                versions.pop(indicator_id, None)
            elif response.status_code == 200:
                versions[indicator_id] = response.json()["version"]
                stats.writes.append(lostwrites.Attempt(indicator_id, period, number, seq, acknowledged=True))
            else:
                stats.refused[f"submit {response.status_code}"] += 1
                versions.pop(indicator_id, None)  # read again before the next write
            await asyncio.sleep(rng.uniform(0, think))


async def leader(base: str, username: str, commune_id: int, period: str, deadline: float, think: float,
                 ramp: float, stats: Stats, rng: random.Random):
    async with httpx.AsyncClient(base_url=base, timeout=30, follow_redirects=False) as client:
        await asyncio.sleep(rng.random() * ramp)
        if await login(client, stats, username) is None:
            return
        for loop in range(MAX_LOOPS):
            if time.monotonic() >= deadline:
                break
            if loop % 2 == 0:
                await call(stats, "dashboard page", client.get(f"/dashboard?period={period}"))
            else:
                await call(stats, "status API", client.get(f"/api/communes/{commune_id}/status?period={period}",
                                                           headers={"Accept": "application/json"}))
            await asyncio.sleep(rng.uniform(0, think * 2))


@dataclass
class Usage:
    """CPU used during the measured window (after the ramp-up, until the deadline)."""

    server: list[float] = field(default_factory=list)  # server CPU seconds at the window's start and end
    database: list[float] = field(default_factory=list)  # CPU seconds of the server's PostgreSQL backends
    backends: list[int] = field(default_factory=list)
    driver: list[float] = field(default_factory=list)  # this load generator's CPU seconds
    load_average: list[float] = field(default_factory=list)  # 1-minute load average, sampled

    def report(self, seconds: float) -> str:
        if len(self.server) < 2 or seconds <= 0:
            return "CPU use: not measured"
        load = f"{min(self.load_average):.1f}–{max(self.load_average):.1f}" if self.load_average else "?"
        return (f"CPU in the measured window: server {(self.server[1] - self.server[0]) / seconds:.2f} cores, "
                f"PostgreSQL {(self.database[1] - self.database[0]) / seconds:.2f} cores, "
                f"load generator {(self.driver[1] - self.driver[0]) / seconds:.2f} cores; "
                f"load average {load} (machine: {os.cpu_count()} cores)")


async def drive(base: str, officers: list[Officer], leaders: list[tuple[str, int]], period: str, seconds: float,
                think: float, ramp: float, pid: int, url: str = "") -> tuple[Stats, float, float, Usage]:
    stats = Stats(measure_from=time.monotonic() + ramp)
    rng = random.Random(57)
    deadline = time.monotonic() + ramp + seconds
    peak = [rss_mb(pid)]
    usage = Usage()

    async def watch():
        while time.monotonic() < deadline + 5:
            peak[0] = max(peak[0], rss_mb(pid))
            now = time.monotonic()
            if len(usage.server) == 0 and now >= stats.measure_from or len(usage.server) == 1 and now >= deadline:
                if not usage.backends:  # the pool's connections are open by the end of the ramp-up
                    usage.backends = await asyncio.to_thread(database_backends, url)
                usage.server.append(cpu_seconds(pid))
                usage.database.append(process_cpu(usage.backends))
                usage.driver.append(time.process_time())
            if stats.measure_from <= now <= deadline:
                usage.load_average.append(os.getloadavg()[0])
            await asyncio.sleep(0.5)

    tasks = [officer(base, o, period, deadline, think, ramp, stats, random.Random(rng.random())) for o in officers]
    tasks += [leader(base, name, cid, period, deadline, think, ramp, stats, random.Random(rng.random())) for name, cid in leaders]
    watcher = asyncio.create_task(watch())
    started = time.perf_counter() + ramp  # req/s counts the measured window
    # Bounded: whatever happens, the run ends shortly after the deadline plus one request timeout.
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=ramp + seconds + 45)
    elapsed = time.perf_counter() - started
    watcher.cancel()
    return stats, elapsed, peak[0], usage


def pct(samples: list[float], q: int) -> float:
    if len(samples) < 2:
        return samples[0] if samples else 0.0
    return statistics.quantiles(sorted(samples), n=100, method="inclusive")[q - 1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--officers", type=int, default=200)
    parser.add_argument("--leaders", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds")
    parser.add_argument("--think", type=float, default=3.0, help="longest pause between an officer's actions, s")
    parser.add_argument("--ramp", type=float, default=15.0, help="officers and leaders arrive over this many s")
    parser.add_argument("--period", default=None, help="period written (default: the last closed month)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="`nq57 serve --workers` (default: one per core)")
    args = parser.parse_args(argv)
    url = _url(args.database_url)
    from nq57.scale.builder import BuildSpec

    period = args.period or str(BuildSpec().last_month())
    print(f"setting up {args.officers} officers and {args.leaders} leaders ...", flush=True)
    officers, leaders = make_users(url, args.officers, args.leaders)
    keys_all = {(i, period) for o in officers for i in o.indicator_ids}
    before = take_snapshot(url, keys_all)
    db.dispose_all()
    port = free_port()
    server = start_server(url, port, args.workers)
    print(f"server pid {server.pid} ({args.workers} worker(s)) on 127.0.0.1:{port}; {args.duration:.0f} s, "
          f"period {period}", flush=True)
    try:
        stats, elapsed, peak, usage = asyncio.run(
            drive(f"http://127.0.0.1:{port}", officers, leaders, period, args.duration, args.think, args.ramp,
                  server.pid, url))
        idle_rss = rss_mb(server.pid)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)

    total = sum(len(v) for v in stats.latencies.values())
    print(f"\nrequests: {total:,} in {elapsed:.1f} s = {total / elapsed:,.1f} req/s; "
          f"errors: {sum(stats.errors.values())}; server RSS peak {peak:.0f} MB (end {idle_rss:.0f} MB)")
    print(usage.report(seconds=args.duration))
    every = [x for v in stats.latencies.values() for x in v]
    print(f"{'all':<16} n={len(every):>6}  p50 {pct(every, 50) * 1000:7.1f} ms  p95 {pct(every, 95) * 1000:7.1f} ms  "
          f"p99 {pct(every, 99) * 1000:7.1f} ms")
    for kind, samples in sorted(stats.latencies.items()):
        print(f"{kind:<16} n={len(samples):>6}  p50 {pct(samples, 50) * 1000:7.1f} ms  p95 {pct(samples, 95) * 1000:7.1f} ms  "
              f"p99 {pct(samples, 99) * 1000:7.1f} ms  errors {stats.errors.get(kind, 0)}")
    if stats.refused:
        print("refused (4xx, not errors): " + ", ".join(f"{k}: {v}" for k, v in sorted(stats.refused.items())))
    for line in stats.error_samples:
        print("  error:", line)

    # No lost writes (nq57.scale.lostwrites): every acknowledged write is there.
    after = take_snapshot(url, keys_all)
    v = lostwrites.verify(before, after, stats.writes)
    print(f"\nacknowledged writes: {v.acknowledged:,}; unanswered (timeout/5xx): {v.unanswered:,}")
    print(f"value rows: before {v.rows_before:,}, after {v.rows_after:,}, expected "
          f"{v.rows_expected[0]:,}..{v.rows_expected[1]:,}")
    print(f"audit value.set entries added: {v.audits_added:,}, expected {v.audits_expected[0]:,}..{v.audits_expected[1]:,}")
    print(f"lost writes: {len(v.wrong)} keys without their last acknowledged value — "
          f"{'OK: nothing lost' if v.ok else 'CHECK FAILED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
