"""The lost-write check of the load test: after a run, the database must hold every write
the server acknowledged.

A write is (indicator, period, value) sent by one client in order (`seq`). Acknowledged:
the server answered 200. Unanswered: a timeout or a 5xx, so it may or may not have been
applied. The check: the rows of indicator_values grew by the keys the writes created; each
key's final value is its last acknowledged value (or a later unanswered one); the audit log
gained one `value.set` per acknowledged write (plus at most the unanswered ones).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nq57.store.models.tracking import AuditEntry, Value

Key = tuple[int, str]  # (indicator_id, period)


@dataclass(frozen=True)
class Attempt:
    indicator_id: int
    period: str
    value: float
    seq: int  # order of this key's writes (one client writes a key)
    acknowledged: bool


@dataclass
class Snapshot:
    rows: int
    audits: int
    values: dict[Key, float | None] = field(default_factory=dict)


@dataclass
class Verdict:
    acknowledged: int
    unanswered: int
    rows_before: int
    rows_after: int
    rows_expected: tuple[int, int]
    audits_added: int
    audits_expected: tuple[int, int]
    wrong: list[Key]

    @property
    def ok(self) -> bool:
        low, high = self.rows_expected
        a_low, a_high = self.audits_expected
        return not self.wrong and low <= self.rows_after <= high and a_low <= self.audits_added <= a_high


def snapshot(session: Session, keys: set[Key], actor_prefix: str) -> Snapshot:
    """Rows of the indicators in `keys` (every period: other writers of other indicators do
    not disturb the count), `value.set` audit entries by actors named `actor_prefix...`,
    and the values of `keys`."""
    rows = 0
    audits = session.scalar(
        select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "value.set", AuditEntry.actor.startswith(actor_prefix)
        )
    ) or 0
    values: dict[Key, float | None] = {}
    ids = sorted({k[0] for k in keys})
    for i in range(0, len(ids), 5000):
        rows += session.scalar(
            select(func.count()).select_from(Value).where(Value.indicator_id.in_(ids[i : i + 5000]))
        ) or 0
        for indicator_id, period, value in session.execute(
            select(Value.indicator_id, Value.period, Value.value).where(Value.indicator_id.in_(ids[i : i + 5000]))
        ):
            if (indicator_id, period) in keys:
                values[(indicator_id, period)] = value
    return Snapshot(rows, audits, values)


def verify(before: Snapshot, after: Snapshot, attempts: list[Attempt]) -> Verdict:
    by_key: dict[Key, list[Attempt]] = defaultdict(list)
    for a in attempts:
        by_key[(a.indicator_id, a.period)].append(a)
    wrong: list[Key] = []
    created_min = created_max = 0
    for key, tries in by_key.items():
        tries.sort(key=lambda a: a.seq)
        acked = [i for i, a in enumerate(tries) if a.acknowledged]
        existed = key in before.values
        if acked:  # the last acknowledged value, or a later unanswered one
            allowed = {a.value for a in tries[acked[-1]:]}
            created_min += not existed
        else:  # only unanswered writes: any of them, or what was there before (None: nothing)
            allowed = {a.value for a in tries} | {before.values.get(key)}
        created_max += not existed
        if after.values.get(key) not in allowed:
            wrong.append(key)
    n_acked = sum(a.acknowledged for a in attempts)
    return Verdict(
        acknowledged=n_acked,
        unanswered=len(attempts) - n_acked,
        rows_before=before.rows,
        rows_after=after.rows,
        rows_expected=(before.rows + created_min, before.rows + created_max),
        audits_added=after.audits - before.audits,
        audits_expected=(n_acked, len(attempts)),
        wrong=sorted(wrong),
    )
