"""Administrative units (34 provinces, ~3,300 communes since 1/7/2025) and the units inside
a commune (phòng, trung tâm, công an, trường ...).

Administrative units come from the `vietnam-provinces` registry. A merger or rename closes
the old rows (valid_to, replaced_by_id) and opens a new one; plans and values stay attached
to the unit as it was. Internal units are created when a plan names them and matched by
`nq57.domain.names.same_unit`; a reviewer can merge two that are the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz, process
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from nq57.domain.names import clean, preferred_name, same_unit
from nq57.store.models.tracking import Indicator, Task, Unit, UnitAlias
from nq57.text.vietnamese import fold
from nq57.track import audit
from nq57.track.errors import AmbiguousUnitError, UnknownUnitError

TWO_LEVEL_START = date(2025, 7, 1)
_LEVEL_WORDS = re.compile(r"^(thanh pho|tp\.?|tinh|phuong|xa|dac khu)\s+")
FUZZY_MIN = 88


@dataclass(frozen=True)
class LoadSummary:
    provinces: int
    communes: int
    added: int


def short_name(name: str) -> str:
    """"Phường Phước Bình" -> "Phước Bình"; "Thành phố Hải Phòng" -> "Hải Phòng"."""
    folded = fold(name)
    match = _LEVEL_WORDS.match(folded)
    if not match:
        return clean(name)
    words = len(match.group(0).split())
    return " ".join(clean(name).split()[words:])


def _fold_short(text: str) -> str:
    return re.sub(r"\s+", " ", _LEVEL_WORDS.sub("", fold(clean(text)))).strip()


def load_units(session: Session) -> LoadSummary:
    """Insert or update every province and commune from the registry package."""
    from vietnam_provinces import Province, Ward

    existing = {u.code: u for u in session.scalars(select(Unit).where(Unit.kind.in_(("province", "commune"))))}
    added = 0
    provinces: dict[int, Unit] = {}
    for p in Province.iter_all():
        code = f"P{int(p.code):02d}"
        unit = existing.get(code)
        if unit is None:
            unit = Unit(code=code, kind="province", valid_from=TWO_LEVEL_START)
            session.add(unit)
            added += 1
        unit.level = p.division_type.value
        unit.name = p.name if p.name.startswith("Thành phố") else f"Tỉnh {p.name}"
        unit.short_name = short_name(p.name)
        unit.folded = fold(unit.short_name)
        provinces[int(p.code)] = unit
    session.flush()
    wards = list(Ward.iter_all())
    for w in wards:
        code = f"W{int(w.code):05d}"
        unit = existing.get(code)
        if unit is None:
            unit = Unit(code=code, kind="commune", valid_from=TWO_LEVEL_START)
            session.add(unit)
            added += 1
        unit.level = w.division_type.value
        unit.name = w.name
        unit.short_name = short_name(w.name)
        unit.folded = fold(unit.short_name)
        unit.parent_id = provinces[int(w.province_code)].id
    session.flush()
    audit.record(session, "", "units.load", "unit", None, None, {"added": added, "communes": len(wards)})
    return LoadSummary(provinces=len(provinces), communes=len(wards), added=added)


def ensure_units(session: Session) -> None:
    """Load the registry the first time a command needs it."""
    if session.scalar(select(func.count()).select_from(Unit).where(Unit.kind == "commune")) == 0:
        load_units(session)


def _describe(unit: Unit) -> str:
    province = unit.parent.short_name if unit.parent is not None else ""
    return f"{unit.name} ({province})" if province else unit.name


def find_province(session: Session, text: str) -> Unit:
    ensure_units(session)
    key = _fold_short(text)
    rows = list(session.scalars(select(Unit).where(Unit.kind == "province", Unit.valid_to.is_(None))))
    exact = [u for u in rows if u.folded == key]
    if len(exact) == 1:
        return exact[0]
    best = process.extractOne(key, {u.id: u.folded for u in rows}, scorer=fuzz.ratio)
    if best and best[1] >= FUZZY_MIN:
        return next(u for u in rows if u.id == best[2])
    raise UnknownUnitError(f"không tìm thấy tỉnh/thành phố '{text}'")


def find_commune(session: Session, text: str, on: date | None = None) -> Unit:
    """"Phước Bình, Đồng Nai" (or "Phường Phước Bình, tỉnh Đồng Nai", or a unit code)."""
    ensure_units(session)
    text = clean(text or "")
    if not text:
        raise UnknownUnitError("chưa ghi tên xã/phường (ví dụ: --commune \"Phước Bình, Đồng Nai\")")
    by_code = session.scalar(select(Unit).where(Unit.code == text, Unit.kind == "commune"))
    if by_code is not None:
        return by_code
    commune_part, _, province_part = text.partition(",")
    level = _LEVEL_WORDS.match(fold(commune_part.strip()))
    level_word = level.group(1) if level else None
    key = _fold_short(commune_part)
    # Units in force on `on` (default today); a unit is always reachable by its code.
    on = on or date.today()
    query = select(Unit).where(
        Unit.kind == "commune",
        (Unit.valid_to.is_(None)) | (Unit.valid_to >= on),
        (Unit.valid_from.is_(None)) | (Unit.valid_from <= on),
    )
    province = None
    if province_part.strip():
        try:
            province = find_province(session, province_part)
        except UnknownUnitError:
            # A province name from before the 2025 mergers (or misspelt): the commune's own
            # name may still be unique in the country.
            try:
                return find_commune(session, commune_part, on)
            except (UnknownUnitError, AmbiguousUnitError):
                raise UnknownUnitError(f"không tìm thấy tỉnh/thành phố '{province_part.strip()}'") from None
    if province is not None:
        query = query.where(Unit.parent_id == province.id)
    candidates = list(session.scalars(query.where(Unit.folded == key)))
    if not candidates:
        pool = list(session.scalars(query))
        matches = process.extract(key, {u.id: u.folded for u in pool}, scorer=fuzz.ratio, limit=5)
        good = [m for m in matches if m[1] >= FUZZY_MIN]
        if good and (len(good) == 1 or good[0][1] - good[1][1] >= 5):
            good = good[:1]
        by_id = {u.id: u for u in pool}
        candidates = [by_id[m[2]] for m in good]
    if level_word and len(candidates) > 1:
        narrowed = [u for u in candidates if fold(u.level) == level_word]
        candidates = narrowed or candidates
    if len(candidates) == 1:
        return candidates[0]
    where = f" thuộc {province.short_name}" if province is not None else ""
    if not candidates:
        raise UnknownUnitError(f"không tìm thấy xã/phường '{commune_part.strip()}'{where}")
    raise AmbiguousUnitError(text, [_describe(u) for u in candidates])


def communes_of(session: Session, province: Unit) -> list[Unit]:
    return list(
        session.scalars(
            select(Unit).where(Unit.parent_id == province.id, Unit.kind == "commune", Unit.valid_to.is_(None)).order_by(Unit.name)
        )
    )


def province_of(session: Session, commune: Unit) -> Unit | None:
    return session.get(Unit, commune.parent_id) if commune.parent_id else None


def internal_units(session: Session, commune: Unit) -> list[Unit]:
    return list(
        session.scalars(
            select(Unit)
            .where(Unit.parent_id == commune.id, Unit.kind == "internal", Unit.merged_into_id.is_(None))
            .order_by(Unit.name)
        )
    )


class UnitResolver:
    """Finds or creates the internal units of one commune by name, reading them once.

    Keep one per import: every lookup after the first is in memory.
    """

    def __init__(self, session: Session, commune: Unit, actor: str = "") -> None:
        self.session, self.commune, self.actor = session, commune, actor
        self.units = internal_units(session, commune)
        ids = [u.id for u in self.units]
        self.aliases: dict[int, list[str]] = {u.id: [u.name] for u in self.units}
        if ids:
            for unit_id, alias in session.execute(select(UnitAlias.unit_id, UnitAlias.alias).where(UnitAlias.unit_id.in_(ids))):
                self.aliases[unit_id].append(alias)
        self.cache: dict[str, Unit | None] = {}

    def get(self, name: str | None, create: bool = True) -> Unit | None:
        if not name or not clean(name):
            return None
        name = clean(name)
        if name in self.cache and (self.cache[name] is not None or not create):
            return self.cache[name]
        found = self._match(name) or (self._create(name) if create else None)
        self.cache[name] = found
        return found

    def _match(self, name: str) -> Unit | None:
        for unit in self.units:
            aliases = self.aliases[unit.id]
            if any(same_unit(name, alias) for alias in aliases):
                if name not in aliases:
                    aliases.append(name)
                    self.session.add(UnitAlias(unit_id=unit.id, alias=name))
                    better = preferred_name(unit.name, name)
                    if better != unit.name:
                        unit.name = unit.short_name = better
                        unit.folded = fold(better)
                return unit
        return None

    def _create(self, name: str) -> Unit:
        session, commune = self.session, self.commune
        count = session.scalar(
            select(func.count()).select_from(Unit).where(Unit.parent_id == commune.id, Unit.kind == "internal")
        )
        unit = Unit(
            code=f"{commune.code}-U{count + 1}",
            kind="internal",
            level=_internal_level(name),
            name=name,
            short_name=name,
            folded=fold(name),
            parent_id=commune.id,
            valid_from=None,
        )
        session.add(unit)
        session.flush()
        session.add(UnitAlias(unit_id=unit.id, alias=name))
        audit.record(session, self.actor, "unit.create", "unit", unit.id, commune.id, {"name": name})
        self.units.append(unit)
        self.aliases[unit.id] = [name]
        return unit


def internal_unit(session: Session, commune: Unit, name: str | None, create: bool = True, actor: str = "") -> Unit | None:
    """The unit of `commune` called `name` (any spelling), created if needed."""
    return UnitResolver(session, commune, actor).get(name, create)


def _internal_level(name: str) -> str:
    folded = fold(name)
    for word in ("phong", "trung tam", "cong an", "tram y te", "truong", "ban", "van phong", "khu pho", "ap", "to dan pho"):
        if folded.startswith(word):
            return word
    return "khac"


def merge_units(session: Session, keep: Unit, drop: Unit, actor: str) -> None:
    """Reviewer's decision that two internal units are one: move everything to `keep`."""
    if keep.id == drop.id or keep.kind != "internal" or drop.kind != "internal" or keep.parent_id != drop.parent_id:
        raise UnknownUnitError("chỉ gộp được hai đơn vị khác nhau thuộc cùng một xã/phường")
    session.execute(update(Indicator).where(Indicator.lead_unit_id == drop.id).values(lead_unit_id=keep.id))
    session.execute(update(Indicator).where(Indicator.evaluator_unit_id == drop.id).values(evaluator_unit_id=keep.id))
    session.execute(update(Task).where(Task.lead_unit_id == drop.id).values(lead_unit_id=keep.id))
    for alias in session.scalars(select(UnitAlias.alias).where(UnitAlias.unit_id == drop.id)).all():
        if session.scalar(select(UnitAlias).where(UnitAlias.unit_id == keep.id, UnitAlias.alias == alias)) is None:
            session.add(UnitAlias(unit_id=keep.id, alias=alias))
    drop.merged_into_id = keep.id
    keep.reviewed = True
    session.flush()
    audit.record(session, actor, "unit.merge", "unit", keep.id, keep.parent_id, {"merged": drop.id, "name": drop.name})


def replace_commune(session: Session, old: list[Unit], name: str, province: Unit, on: date, actor: str = "") -> Unit:
    """A merger or rename from `on`: the old units close the day before and point to the new one."""
    level_match = _LEVEL_WORDS.match(fold(name))
    level = {"phuong": "phường", "xa": "xã", "dac khu": "đặc khu"}.get(level_match.group(1), "") if level_match else ""
    count = session.scalar(select(func.count()).select_from(Unit).where(Unit.kind == "commune", Unit.code.like("N%")))
    new = Unit(
        code=f"N{count + 1:05d}",
        kind="commune",
        level=level,
        name=clean(name),
        short_name=short_name(name),
        folded=fold(short_name(name)),
        parent_id=province.id,
        valid_from=on,
    )
    session.add(new)
    session.flush()
    for unit in old:
        unit.valid_to = date.fromordinal(on.toordinal() - 1)
        unit.replaced_by_id = new.id
    audit.record(session, actor, "unit.replace", "unit", new.id, new.id, {"old": [u.id for u in old], "on": on})
    return new


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def set_email(session: Session, unit: Unit, email: str | None, actor: str = "") -> None:
    """The address reminders go to (None clears it)."""
    from nq57.track.errors import ValidationFailed

    email = (email or "").strip() or None
    if email is not None and not _EMAIL.match(email):
        raise ValidationFailed([f"địa chỉ thư '{email}' không hợp lệ"])
    unit.email = email
    audit.record(session, actor, "unit.email", "unit", unit.id, unit.parent_id, {"email": email})


@dataclass(frozen=True)
class LikelyDuplicate:
    first: Unit
    second: Unit
    score: float  # 100 when the names are one by the normalisation rules


def likely_duplicates(session: Session, commune: Unit, threshold: float = 80) -> list[LikelyDuplicate]:
    """Pairs of a commune's internal units whose names probably mean one unit, best first.

    Two units are proposed when any spellings of theirs are the same unit by
    `same_unit` (score 100) or close by token-sort similarity of the folded names."""
    found = internal_units(session, commune)
    names: dict[int, list[str]] = {u.id: [u.name] for u in found}
    ids = list(names)
    if ids:
        for unit_id, alias in session.execute(select(UnitAlias.unit_id, UnitAlias.alias).where(UnitAlias.unit_id.in_(ids))):
            names[unit_id].append(alias)
    pairs: list[LikelyDuplicate] = []
    for i, first in enumerate(found):
        for second in found[i + 1:]:
            best = 0.0
            for a in names[first.id]:
                for b in names[second.id]:
                    best = max(best, 100.0 if same_unit(a, b) else fuzz.token_sort_ratio(fold(a), fold(b)))
            if best >= threshold:
                pairs.append(LikelyDuplicate(first, second, round(best, 1)))
    return sorted(pairs, key=lambda p: (-p.score, p.first.name, p.second.name))
