"""The canonical indicator catalogue and the automatic mapping of plan indicators to it.

Mapping rule: names are folded (no diacritics, lower case), common abbreviations expanded
(TTHC, DVC, DVCTT ...). Each catalogue entry has key phrases; an entry's score is the share
of a phrase's words found in the indicator's name (best phrase, 0..100), ties broken by the
longer phrase (more specific). The best entry is mapped automatically when its score is
>= AUTO and no other entry reaches the same score with an equally long phrase; an entry
scoring >= REVIEW is proposed for review; below that the indicator stays unmapped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from nq57.errors import InputFileError
from nq57.store.models.tracking import CatalogueIndicator, Indicator, Plan, Unit
from nq57.text.vietnamese import fold
from nq57.track import audit
from nq57.track.errors import NotFound

DEFAULT_CATALOGUE = Path(__file__).parent / "data" / "catalogue.json"
AUTO = 100.0
REVIEW = 75.0
ABBREVIATIONS = {
    "tthc": "thu tuc hanh chinh",
    "dvctt": "dich vu cong truc tuyen",
    "dvc": "dich vu cong",
    "cchc": "cai cach hanh chinh",
    "cbcc": "can bo cong chuc",
    "cbccvc": "can bo cong chuc vien chuc",
    "cds": "chuyen doi so",
    "khcn": "khoa hoc cong nghe",
    "dmst": "doi moi sang tao",
    "ks": "ky so",
}


@dataclass(frozen=True)
class Match:
    code: str | None
    score: float
    confident: bool


def _read(path: Path) -> list[dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputFileError(str(path), "không tìm thấy tệp") from exc
    except json.JSONDecodeError as exc:
        raise InputFileError(str(path), f"không phải JSON hợp lệ (dòng {exc.lineno}): {exc.msg}") from exc
    rows = data.get("indicators") if isinstance(data, dict) else data
    if not isinstance(rows, list):
        raise InputFileError(str(path), "cần một danh sách 'indicators'")
    for i, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or not row.get("code") or not row.get("name"):
            raise InputFileError(str(path), f"chỉ tiêu thứ {i} thiếu 'code' hoặc 'name'")
        if row.get("direction", "higher") not in ("higher", "lower"):
            raise InputFileError(str(path), f"chỉ tiêu {row['code']}: 'direction' phải là higher hoặc lower")
    return rows


def load_catalogue(session: Session, path: Path | None = None, owner: Unit | None = None) -> int:
    """Insert or update catalogue entries from a JSON file (default: the national set)."""
    rows = _read(path or DEFAULT_CATALOGUE)
    existing = {c.code: c for c in session.scalars(select(CatalogueIndicator))}
    for row in rows:
        entry = existing.get(row["code"])
        if entry is None:
            entry = CatalogueIndicator(code=row["code"])
            session.add(entry)
        entry.name = row["name"]
        entry.unit = row.get("unit", "%")
        entry.direction = row.get("direction", "higher")
        entry.kind = row.get("kind", "chiến lược")
        entry.aliases = list(row.get("aliases", []))
        entry.owner_id = owner.id if owner is not None else None
    session.flush()
    audit.record(session, "", "catalogue.load", "catalogue", None, None, {"count": len(rows), "file": str(path or "")})
    return len(rows)


def ensure_catalogue(session: Session) -> None:
    if session.scalar(select(CatalogueIndicator.id).limit(1)) is None:
        load_catalogue(session)


@lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    tokens = re.findall(r"[a-z0-9]+", fold(text))
    return tuple(" ".join(ABBREVIATIONS.get(t, t) for t in tokens).split())


def score_entry(name: str, entry: CatalogueIndicator) -> tuple[float, int]:
    """(share of the best key phrase's words present in `name`, that phrase's length)."""
    present = set(words(name))
    best = (0.0, 0)
    for phrase in [entry.name, *(entry.aliases or [])]:
        phrase_words = words(phrase)
        if phrase_words:
            share = 100.0 * sum(w in present for w in phrase_words) / len(phrase_words)
            best = max(best, (round(share, 1), len(phrase_words)))
    return best


def best_match(name: str, entries: list[CatalogueIndicator]) -> Match:
    scored = sorted(((score_entry(name, e), e.code) for e in entries), reverse=True)
    if not scored or scored[0][0][0] < REVIEW:
        return Match(None, scored[0][0][0] if scored else 0.0, False)
    top, top_code = scored[0]
    tie = any(s == top for s, c in scored[1:] if c != top_code)
    return Match(top_code, top[0], top[0] >= AUTO and not tie)


def map_plan(session: Session, plan: Plan) -> list[Indicator]:
    """Map a plan's indicators (keeping manual choices); return those left for review."""
    ensure_catalogue(session)
    entries = list(session.scalars(select(CatalogueIndicator)))
    by_code = {e.code: e for e in entries}
    review: list[Indicator] = []
    for indicator in plan.indicators:
        if indicator.mapping == "manual":
            continue
        match = best_match(indicator.name, entries)
        indicator.mapping_score = match.score
        # Set the relationship, not the id: a loaded relationship would go stale.
        if match.code and match.confident:
            indicator.catalogue = by_code[match.code]
            indicator.mapping = "auto"
            indicator.direction = indicator.catalogue.direction
        elif match.code:
            indicator.catalogue = by_code[match.code]
            indicator.mapping = "review"
            review.append(indicator)
        else:
            indicator.catalogue = None
            indicator.mapping = "none"
            review.append(indicator)
    for result in plan.results:
        match = best_match(result.name, entries)
        result.catalogue_id = by_code[match.code].id if match.code and match.confident else None
    return review


def review_list(session: Session, commune: Unit | None = None) -> list[Indicator]:
    query = select(Indicator).join(Plan).where(Indicator.mapping.in_(("review", "none")))
    if commune is not None:
        query = query.where(Plan.commune_id == commune.id)
    return list(session.scalars(query.order_by(Indicator.plan_id, Indicator.seq)))


def set_mapping(session: Session, indicator: Indicator, code: str | None, actor: str) -> None:
    """A reviewer's decision (None: the indicator has no catalogue counterpart)."""
    entry = None
    if code is not None:
        entry = session.scalar(select(CatalogueIndicator).where(CatalogueIndicator.code == code))
        if entry is None:
            raise NotFound(f"danh mục không có chỉ tiêu mã '{code}'")
    indicator.catalogue = entry
    indicator.mapping = "manual"
    if entry is not None:
        indicator.direction = entry.direction
    audit.record(session, actor, "indicator.map", "indicator", indicator.id, indicator.plan.commune_id, {"code": code})
