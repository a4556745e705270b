from datetime import date

import pytest
from sqlalchemy import func, select

from nq57.store.models.tracking import Indicator, Unit
from nq57.track import units
from nq57.track.errors import AmbiguousUnitError, UnknownUnitError


def test_load_units_from_registry_gives_34_provinces_and_all_communes(session):
    summary = units.load_units(session)
    assert summary.provinces == 34
    assert 3000 < summary.communes < 3500
    again = units.load_units(session)
    assert again.added == 0
    assert session.scalar(select(func.count()).select_from(Unit)) == 34 + summary.communes
    commune = units.find_commune(session, "Phước Bình, Đồng Nai")
    assert commune.name == "Phường Phước Bình" and commune.parent.short_name == "Đồng Nai"
    assert units.find_commune(session, "phuong phuoc binh, tinh dong nai").id == commune.id
    with pytest.raises(AmbiguousUnitError, match="Hải Phòng"):
        units.find_commune(session, "Đông Hải")


def test_lookup_by_name_province_level_and_fuzzy(session, places):
    assert units.find_commune(session, "Tân An").id == places["tan_an"].id
    assert units.find_commune(session, "Hòa Bình, Biển Xanh").id == places["hoa_binh_bien"].id
    assert units.find_commune(session, "Xã Hòa Bình").id == places["hoa_binh_lam"].id
    assert units.find_commune(session, "Tan An, Lam Ha").id == places["tan_an"].id
    assert units.find_commune(session, "Cát Lai, Biển Xanh").id == places["cat_lai"].id  # typo
    with pytest.raises(AmbiguousUnitError) as err:
        units.find_commune(session, "Hòa Bình")
    assert len(err.value.candidates) == 2
    with pytest.raises(UnknownUnitError, match="Lâm Hà"):
        units.find_commune(session, "Cát Lái, Lâm Hà")
    with pytest.raises(UnknownUnitError, match="tỉnh"):
        units.find_commune(session, "Không Tên, Không Có")


def test_acronym_of_a_known_unit_reuses_it(session, places):
    commune = places["tan_an"]
    full = units.internal_unit(session, commune, "Phòng Kinh tế")
    assert units.internal_unit(session, commune, "Phòng KT").id == full.id
    assert units.internal_unit(session, commune, "Phòng Nội vụ").id != full.id


def test_merge_internal_units_moves_indicators_and_tasks(session, imported, places):
    commune = places["tan_an"]
    keep = units.internal_unit(session, commune, "Phòng Kinh tế")
    drop = units.internal_unit(session, commune, "Phòng Kinh tế - Tài chính")
    assert keep.id != drop.id
    ind, task = imported.plan.indicators[0], imported.plan.tasks[0]
    ind.lead_unit_id = drop.id
    task.lead_unit_id = drop.id
    session.flush()
    units.merge_units(session, keep, drop, "reviewer")
    session.expire_all()
    assert session.get(Indicator, ind.id).lead_unit_id == keep.id
    assert imported.plan.tasks[0].lead_unit_id == keep.id
    assert drop.id not in [u.id for u in units.internal_units(session, commune)]
    # the merged spelling now finds the surviving unit
    assert units.internal_unit(session, commune, "Phòng Kinh tế - Tài chính", create=False).id == keep.id
    with pytest.raises(UnknownUnitError):
        units.merge_units(session, keep, keep, "reviewer")


def test_merger_keeps_history_on_old_units(session, places):
    old = [places["cat_lai"], places["hoa_binh_bien"]]
    new = units.replace_commune(session, old, "Phường Cát Lái Mới", places["bien"], date(2027, 1, 1))
    assert all(u.valid_to == date(2026, 12, 31) and u.replaced_by_id == new.id for u in old)
    after = date(2027, 2, 1)
    assert units.find_commune(session, "Cát Lái Mới", on=after).id == new.id
    with pytest.raises(UnknownUnitError):
        units.find_commune(session, "Xã Cát Lái, Biển Xanh", on=after)
    # Looking up as the units were on a date before the merger finds the old ones, not the new one.
    assert units.find_commune(session, "Cát Lái, Biển Xanh", on=date(2026, 6, 1)).id == places["cat_lai"].id
    with pytest.raises(UnknownUnitError):
        units.find_commune(session, "Cát Lái Mới", on=date(2026, 6, 1))
    assert units.find_commune(session, new.code).id == new.id  # by code, always


def test_old_or_misspelt_province_falls_back_to_a_unique_commune_name(session, places):
    assert units.find_commune(session, "Tân An, tỉnh Sông Bé").id == places["tan_an"].id
    with pytest.raises(UnknownUnitError, match="Sông Bé"):
        units.find_commune(session, "Hòa Bình, tỉnh Sông Bé")  # two Hòa Bình: the province was needed
