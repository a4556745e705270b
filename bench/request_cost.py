"""What one web request costs (issue 7): CPU time and SQL statements per request kind of the
load test (bench/load.py), one request at a time, without a load generator.

    createdb nq57_latency
    python bench/national.py --small --build-only --database-url postgresql://postgres@127.0.0.1:5432/nq57_latency
    python bench/request_cost.py --database-url postgresql://postgres@127.0.0.1:5432/nq57_latency
    python bench/request_cost.py --database-url ... --profile submit   # cProfile of one kind
    python bench/request_cost.py --database-url ... --sql "open form"  # its statements
    python bench/request_cost.py --database-url ... --server [--workers 2]  # through `nq57 serve`

The requests are the load test's, phase by phase for N officers: the login page, the login
form POST, the entry form, an indicator's values, a PUT of a value with submit=true (3 per
officer), then a leader's dashboard page and status API (N each), and a request the app
answers at once (a 404) to show the fixed cost.

In process (default): the app runs under httpx's ASGITransport; CPU is the process's CPU time
per request (every thread: the app's worker threads and the in-process client, ~1 ms), SQL is
counted with SQLAlchemy's `before_cursor_execute` event (a pool pre-ping is not counted).
`--server`: `nq57 serve` on 127.0.0.1 (as bench/load.py starts it); CPU per request is the
server processes' CPU (/proc) and, separately, the CPU of this database's PostgreSQL backends
(pg_stat_activity), divided by the requests of the phase. Writes go to the last closed month
of the load users' indicators, as in the load test. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import os
import pstats
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from sqlalchemy import event, text  # noqa: E402

import load  # noqa: E402  (bench/load.py: the same users and requests)
from nq57.store import db  # noqa: E402

KINDS = ("login page", "login", "open form", "read values", "submit", "dashboard page", "status API", "404")
TICK = os.sysconf("SC_CLK_TCK")


class Counter:
    """SQL statements sent by the app's engine (in-process mode)."""

    def __init__(self) -> None:
        self.count = 0
        self.texts: list[str] = []
        self.keep = False

    def __call__(self, conn, cursor, statement, parameters, context, executemany) -> None:
        self.count += 1
        if self.keep:
            self.texts.append(" ".join(statement.split())[:200])


def inline_threads() -> None:
    """Run FastAPI's sync dependencies and routes on the event-loop thread, so cProfile sees them."""
    import anyio.to_thread

    async def run_sync(func, *args, abandon_on_cancel=False, cancellable=None, limiter=None):
        return func(*args)

    anyio.to_thread.run_sync = run_sync


def cpu_seconds(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += (int(fields[11]) + int(fields[12])) / TICK  # utime + stime
    return total


def children(pid: int) -> list[int]:
    out = [pid]
    for task in Path("/proc").glob("[0-9]*"):
        try:
            if int((task / "stat").read_text().rsplit(")", 1)[1].split()[1]) in out:
                out.append(int(task.name))
        except (FileNotFoundError, ValueError, IndexError):
            continue
    return out


@dataclass
class Phase:
    kind: str
    cpu: list[float] = field(default_factory=list)  # per request (in process)
    wall: list[float] = field(default_factory=list)
    sql: list[int] = field(default_factory=list)
    server_cpu: float = 0.0  # per request, whole phase (--server)
    database_cpu: float = 0.0


class Meter:
    """Times each request (in process) or each phase (server + database CPU from /proc)."""

    def __init__(self, counter: Counter | None, profile_kind: str | None, show_sql: str | None,
                 server_pids: list[int] | None, database_pids: Callable[[], list[int]] | None) -> None:
        self.counter = counter
        # CPU time, not wall time: waiting for PostgreSQL is not what is being cut here.
        self.profiler = cProfile.Profile(time.thread_time) if profile_kind else None
        self.profile_kind = profile_kind
        self.show_sql = show_sql
        self.server_pids = server_pids
        self.database_pids = database_pids
        self.phases: dict[str, Phase] = {k: Phase(k) for k in KINDS}
        self.recording = True

    async def one(self, kind: str, request: Callable[[], Awaitable[httpx.Response]], expect: int) -> httpx.Response:
        counter, profiling = self.counter, self.profiler is not None and kind == self.profile_kind and self.recording
        if counter is not None:
            counter.count = 0
            counter.keep = self.recording and kind == self.show_sql and not counter.texts
        if profiling:
            self.profiler.enable()
        cpu, wall = time.process_time(), time.perf_counter()
        response = await request()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        if profiling:
            self.profiler.disable()
        if response.status_code != expect:
            raise SystemExit(f"{kind}: HTTP {response.status_code} (expected {expect}): {response.text[:300]}")
        if self.recording:
            phase = self.phases[kind]
            phase.cpu.append(cpu)
            phase.wall.append(wall)
            if counter is not None:
                phase.sql.append(counter.count)
                counter.keep = False
        return response

    async def phase(self, kind: str, requests: list[Callable[[], Awaitable[httpx.Response]]], expect: int):
        if self.server_pids is None or not self.recording:
            return [await self.one(kind, r, expect) for r in requests]
        database = self.database_pids()
        before = cpu_seconds(self.server_pids), cpu_seconds(database)
        out = [await self.one(kind, r, expect) for r in requests]
        time.sleep(0.05)  # let the server finish its teardown of the last request
        phase = self.phases[kind]
        phase.server_cpu = (cpu_seconds(self.server_pids) - before[0]) / len(requests)
        phase.database_cpu = (cpu_seconds(database) - before[1]) / len(requests)
        return out


async def run(meter: Meter, make_client: Callable[[], httpx.AsyncClient], officers: list[load.Officer],
              leader: tuple[str, int], period: str, samples: int) -> None:
    clients = [make_client() for _ in officers]
    try:
        pages = await meter.phase("login page", [lambda c=c: c.get("/login") for c in clients], 200)
        tokens = [load.CSRF.search(p.text).group(1) for p in pages]
        await meter.phase("login", [
            lambda c=c, o=o, t=t: c.post("/login", data={"username": o.username, "password": load.PASSWORD,
                                                          "next": "/entry", "csrf_token": t})
            for c, o, t in zip(clients, officers, tokens, strict=True)], 303)
        forms = await meter.phase("open form", [lambda c=c: c.get(f"/entry?period={period}") for c in clients], 200)
        headers = [{"X-CSRF-Token": load.CSRF.search(f.text).group(1), "Accept": "application/json"} for f in forms]
        chosen = [o.indicator_ids[samples % len(o.indicator_ids)] for o in officers]
        reads = await meter.phase("read values", [
            lambda c=c, i=i: c.get(f"/api/indicators/{i}/values") for c, i in zip(clients, chosen, strict=True)], 200)
        versions = [next((v["version"] for v in r.json() if v["period"] == period), None) for r in reads]
        for k in range(3):
            answers = await meter.phase("submit", [
                lambda c=c, i=i, h=h, v=v, k=k: c.put(f"/api/indicators/{i}/values/{period}", headers=h, json={
                    "value": 40 + k, "note": "kiểm thử tải", "expected_version": v, "submit": True})
                for c, i, h, v in zip(clients, chosen, headers, versions, strict=True)], 200)
            versions = [a.json()["version"] for a in answers]
        await meter.phase("404", [lambda c=c: c.get("/api/no-such-thing") for c in clients], 404)
    finally:
        for c in clients:
            await c.aclose()
    async with make_client() as client:
        page = await client.get("/login")
        await client.post("/login", data={"username": leader[0], "password": load.PASSWORD, "next": "/",
                                          "csrf_token": load.CSRF.search(page.text).group(1)})
        await meter.phase("dashboard page", [lambda: client.get(f"/dashboard?period={period}")] * samples, 200)
        await meter.phase("status API", [lambda: client.get(f"/api/communes/{leader[1]}/status?period={period}",
                                                            headers={"Accept": "application/json"})] * samples, 200)


def report(meter: Meter, samples: int, server: bool) -> None:
    if server:
        print(f"{'request':<16} {'n':>4} {'server CPU':>11} {'PG CPU':>8} {'wall p50':>9} {'wall p95':>9}")
    else:
        print(f"{'request':<16} {'n':>4} {'CPU p50':>9} {'CPU mean':>9} {'wall p50':>9} {'SQL':>6}")
    for kind in KINDS:
        p = meter.phases[kind]
        if not p.wall:
            continue
        walls = sorted(w * 1000 for w in p.wall)
        if server:
            p95 = walls[min(len(walls) - 1, int(len(walls) * 0.95))]
            print(f"{kind:<16} {len(walls):>4} {p.server_cpu * 1000:9.1f}ms {p.database_cpu * 1000:6.1f}ms "
                  f"{statistics.median(walls):7.1f}ms {p95:7.1f}ms")
        else:
            cpus = [c * 1000 for c in p.cpu]
            print(f"{kind:<16} {len(walls):>4} {statistics.median(cpus):7.1f}ms {statistics.mean(cpus):7.1f}ms "
                  f"{statistics.median(walls):7.1f}ms {statistics.mean(p.sql):6.1f}")


async def measure(args: argparse.Namespace) -> None:
    from nq57.scale.builder import BuildSpec

    url = load._url(args.database_url)
    period = str(BuildSpec().last_month())
    officers, leaders = load.make_users(url, args.samples, 1)
    print(f"period {period}; {args.samples} officers (3 submits each), {args.samples} leader requests of each kind")
    counter: Counter | None = None
    server: subprocess.Popen | None = None
    if args.server:
        db.dispose_all()
        port = load.free_port()
        server = load.start_server(url, port, workers=args.workers)
        engine = db.get_engine(url)

        def database_pids() -> list[int]:
            with engine.connect() as conn:
                return list(conn.execute(text(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )).scalars())

        meter = Meter(None, None, None, children(server.pid), database_pids)

        def make_client() -> httpx.AsyncClient:
            return httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30)
    else:
        from nq57.web.app import create_app

        app = create_app(url)
        counter = Counter()
        event.listen(app.state.engine, "before_cursor_execute", counter)
        transport = httpx.ASGITransport(app=app)
        meter = Meter(counter, args.profile, args.sql, None, None)

        def make_client() -> httpx.AsyncClient:
            return httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1")
    try:
        # A warm-up round (imports, templates, caches, pooled connections), then the measured one.
        meter.recording = False
        await run(meter, make_client, officers[:2], leaders[0], period, 2)
        meter.recording = True
        await run(meter, make_client, officers, leaders[0], period, args.samples)
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=15)
    report(meter, args.samples, server is not None)
    if counter is not None and counter.texts:
        print(f"\nSQL of one '{args.sql}':")
        for line in counter.texts:
            print("  ", line)
    if meter.profiler is not None:
        for order, lines in (("cumulative", 50), ("tottime", 30)):
            out = io.StringIO()
            pstats.Stats(meter.profiler, stream=out).sort_stats(order).print_stats(lines)
            print(out.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--samples", type=int, default=20, help="officers (and leader requests per kind)")
    parser.add_argument("--profile", choices=KINDS, default=None, help="cProfile this request kind (in process)")
    parser.add_argument("--sql", choices=KINDS, default=None, help="print the statements of one request")
    parser.add_argument("--server", action="store_true", help="through `nq57 serve` on 127.0.0.1")
    parser.add_argument("--workers", type=int, default=None, help="`nq57 serve --workers` (with --server)")
    args = parser.parse_args(argv)
    if args.profile:
        inline_threads()
    try:
        asyncio.run(measure(args))
    finally:
        db.dispose_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
