"""Importing a Plan JSON: one transaction, re-import updates, units and catalogue."""

import copy
import json

import pytest
from sqlalchemy import func, select

from nq57.errors import UserError
from nq57.store.models.tracking import AuditEntry, Indicator, Plan, Task, Unit, Value
from nq57.track import plans, units, values


def count(session, model):
    return session.scalar(select(func.count()).select_from(model))


def test_import_stores_plan_indicators_tasks_budget(session, imported):
    plan = imported.plan
    assert imported.created
    assert plan.number == "15/KH-UBND" and plan.resolution == "57-NQ/TW"
    assert plan.references == ["57-NQ/TW", "71/NQ-CP", "12-KH/TU"]
    assert [i.code for i in plan.indicators] == ["1", "2", "1", "3"]
    assert plan.indicators[0].targets[0].value == 80
    assert plan.indicators[3].targets[0].op == "bool" and plan.indicators[3].targets[0].value == 1.0
    assert plan.tasks[0].due.isoformat() == "2026-03-31"
    assert plan.tasks[2].recurrence == "monthly"
    assert [b.amount for b in plan.budget_lines] == [250, 40]
    assert count(session, AuditEntry) >= 1


def test_unit_spellings_become_one_unit(session, imported, places):
    names = [u.name for u in units.internal_units(session, places["tan_an"])]
    # "Phòng VHXH", "Phòng Văn hóa – Xã hội", "Phòng Văn hoá - Xã hội" -> one unit, written out
    assert names.count("Phòng Văn hóa – Xã hội") == 1
    assert not any("VHXH" in n for n in names)
    pvhcc = [n for n in names if n.startswith("Trung tâm")]
    assert pvhcc == ["Trung tâm Phục vụ hành chính công"]
    plan = imported.plan
    assert plan.indicators[0].lead_unit_id == plan.tasks[0].lead_unit_id == plan.indicators[1].evaluator_unit_id
    # "Phòng VHXH; Trung tâm PVHCC": the first leads, the second supports
    assert plan.tasks[1].lead_unit.name == "Phòng Văn hóa – Xã hội"
    assert plan.tasks[1].support == ["Trung tâm PVHCC"]


def test_lower_is_better_direction_from_operator_and_catalogue(imported):
    by_name = {i.name: i for i in imported.plan.indicators}
    assert by_name["Tỷ lệ hồ sơ giải quyết trễ hạn"].direction == "lower"
    assert by_name["Tỷ lệ phủ sóng 5G khu dân cư"].direction == "higher"
    assert by_name["Tỷ lệ phủ sóng 5G khu dân cư"].catalogue.code == "5G"
    assert by_name["Tỷ lệ phủ sóng 5G khu dân cư"].mapping == "auto"


def test_reimport_updates_without_duplicating_and_keeps_values(session, imported, places, plan_json):
    indicator = imported.plan.indicators[0]
    values.set_value(session, indicator, "2026-03", value=50, actor="a")
    session.commit()
    changed = copy.deepcopy(plan_json)
    changed["indicators"][0]["targets"][0]["value"] = 85
    changed["indicators"].append(
        {"code": "4", "group": "Hạ tầng số", "name": "Số điểm wifi công cộng", "unit": "điểm",
         "targets": [{"year": 2026, "op": ">=", "value": 10, "text": "10"}], "lead": "Phòng VHXH"}
    )
    changed["tasks"] = changed["tasks"][:2]
    again = plans.import_plan(session, changed, places["tan_an"], "ke-hoach-tan-an.json")
    session.commit()
    assert not again.created and again.plan.id == imported.plan.id
    assert count(session, Plan) == 1
    assert count(session, Indicator) == 5 and count(session, Task) == 2
    same = session.get(Indicator, indicator.id)
    assert same.targets[0].value == 85
    assert session.scalar(select(Value.value).where(Value.indicator_id == indicator.id)) == 50


def test_failed_import_leaves_nothing(db_url, places, plan_json):
    from nq57.store.db import session_scope

    broken = copy.deepcopy(plan_json)
    broken["tasks"][1]["deadline"]["due"] = "30/06/2026"
    with pytest.raises(UserError, match="YYYY-MM-DD"), session_scope(db_url) as s:
        plans.import_plan(s, broken, s.get(Unit, places["tan_an"].id), "x.json")
    with session_scope(db_url) as s:
        assert count(s, Plan) == 0 and count(s, Indicator) == 0
        assert count(s, Unit) == 6  # no internal unit left behind


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.pop("document"), "document"),
        (lambda d: d["indicators"][0].update(name=""), "không có tên"),
        (lambda d: d["indicators"][0]["targets"][0].update(value="tám mươi"), "phải là số"),
        (lambda d: d["tasks"][0]["deadline"].update(recurrence="weekly"), "recurrence"),
        (lambda d: d.update(indicators={"a": 1}), "danh sách"),
    ],
)
def test_bad_plan_json_is_named(session, places, plan_json, mutate, message):
    mutate(plan_json)
    with pytest.raises(UserError, match=message):
        plans.import_plan(session, plan_json, places["tan_an"], "x.json")


def test_import_file_reads_json_and_finds_commune_from_locality(session, places, plan_json, tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan_json, ensure_ascii=False), encoding="utf-8")
    result = plans.import_file(session, path)
    assert result.plan.commune_id == places["tan_an"].id


def test_import_file_errors(session, places, tmp_path):
    with pytest.raises(UserError, match="không tìm thấy"):
        plans.import_file(session, tmp_path / "none.json", "Tân An, Lâm Hà")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(UserError, match="Plan JSON"):
        plans.import_file(session, bad, "Tân An, Lâm Hà")


def test_find_indicator_by_code_or_name(session, imported, places):
    commune = places["tan_an"]
    assert plans.find_indicator(session, commune, "2").name.startswith("Tỷ lệ hồ sơ thủ tục")
    assert plans.find_indicator(session, commune, "tre han").code == "1"  # diacritics optional
    with pytest.raises(UserError, match="nhiều chỉ tiêu"):
        plans.find_indicator(session, commune, "1")  # two groups both number an indicator "1"
    with pytest.raises(UserError, match="không có chỉ tiêu"):
        plans.find_indicator(session, commune, "9.9")


def test_gold_plans_import(session, places):
    """The hand-made answers of the seed documents import whole (real-world shapes)."""
    from pathlib import Path

    gold = Path("/work/shared/gold")
    if not gold.exists():
        pytest.skip("shared gold files not present")
    for f in sorted(gold.glob("*.json")):
        data = json.loads(f.read_text(encoding="utf-8"))
        result = plans.import_plan(session, data, places["cat_lai"], f.name)
        assert result.indicators == len(data["indicators"])
        assert result.tasks == len(data["tasks"])
        assert result.results == len(data["results"])


def test_report_figures_become_values_of_matching_indicators(session, imported, places, make_plan):
    report = {
        "document": {"kind": "report", "number": "88/BC-UBND", "title": "Báo cáo kết quả năm 2025",
                     "locality": {"name": "Tân An", "province": "Lâm Hà"},
                     "period": {"start": "2025-01-01", "end": "2025-12-31"}, "references": ["57-NQ/TW"]},
        "indicators": [], "tasks": [], "budget": [],
        "results": [
            {"name": "Tỷ lệ phủ sóng 5G trên địa bàn phường", "unit": "%", "actual": 72.5, "numerator": None,
             "denominator": None, "target": None, "status": None, "as_of": "2025-11-30"},
            {"name": "Số hồ sơ xử lý trực tuyến", "unit": "hồ sơ", "actual": 1200, "numerator": None,
             "denominator": None, "target": None, "status": None, "as_of": "2025-11-30"},
        ],
    }
    result = plans.import_plan(session, report, places["tan_an"], "bao-cao.json")
    assert result.values_from_reports == 1  # the count in "hồ sơ" does not feed a % indicator
    coverage = imported.plan.indicators[0]
    row = values.get_value(session, coverage, "2025-11")
    assert (row.value, row.state, row.note) == (72.5, "approved", "Theo báo cáo 88/BC-UBND")
    assert row.is_demo is False
    again = plans.import_plan(session, report, places["tan_an"], "bao-cao.json")
    assert again.values_from_reports == 0
    demo_plan = plans.import_plan(session, make_plan(number="7/KH-UBND"), places["hoa_binh_lam"], "demo-plan.json",
                                  is_demo=True)
    demo = plans.import_plan(session, report, places["hoa_binh_lam"], "demo.json", is_demo=True)
    assert demo.values_from_reports == 1
    assert values.get_value(session, demo_plan.plan.indicators[0], "2025-11").is_demo is True


def test_reimport_with_repeated_rows_keeps_every_row_in_place(session, places, make_plan):
    plan = make_plan()
    plan["tasks"].append(dict(plan["tasks"][0]))  # the same row twice, as damaged tables do
    first = plans.import_plan(session, plan, places["tan_an"], "x.json")
    ids = [t.id for t in first.plan.tasks]
    again = plans.import_plan(session, plan, places["tan_an"], "x.json")
    assert [t.id for t in again.plan.tasks] == ids


def test_a_reports_task_statuses_become_progress(session, places, make_plan):
    from datetime import date

    from nq57.track.status import commune_status

    report = make_plan(number="40/BC-UBND")
    report["document"].update(kind="report", period={"start": "2026-01-01", "end": "2026-06-30"})
    report["tasks"][0]["status"] = "Hoàn thành"
    report["tasks"][0]["deadline"]["due"] = "2026-06-30"
    report["tasks"][1]["status"] = "Đang thực hiện"
    report["tasks"][2]["status"] = "Tạm dừng"  # unknown wording: nothing recorded
    plans.import_plan(session, report, places["tan_an"], "bc.json")
    st = commune_status(session, places["tan_an"], "2026-6M", as_of=date(2026, 6, 30))
    by_code = {t.code: t for t in st.tasks}
    assert by_code["1"].status == "done"  # done by the end of the report's period, its deadline
    assert by_code["2"].status == "in_progress"
    assert by_code["3"].status == "not_started"


def test_locality_level_picks_between_a_xa_and_a_phuong(session, places, make_plan, tmp_path):
    plan = make_plan()
    plan["document"]["locality"] = {"name": "Hòa Bình", "level": "phường", "province": None}
    path = tmp_path / "p.json"
    path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    assert plans.import_file(session, path).plan.commune_id == places["hoa_binh_bien"].id
    plan["document"]["locality"] = {"name": "Không Có", "level": "xã", "province": "Lâm Hà"}
    path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(UserError, match="--commune"):
        plans.import_file(session, path)


def test_a_document_that_is_no_plan_is_refused(session, places, tmp_path):
    letter = tmp_path / "giay-moi.txt"
    letter.write_text(
        "ỦY BAN NHÂN DÂN PHƯỜNG TÂN AN\nGIẤY MỜI\nKính mời đồng chí dự cuộc họp giao ban "
        "lúc 8 giờ ngày 5 tháng 3 năm 2026 tại hội trường UBND phường.\n",
        encoding="utf-8",
    )
    with pytest.raises(UserError):
        plans.import_file(session, letter, "Tân An, Lâm Hà")
    empty = tmp_path / "rong.json"
    empty.write_text(json.dumps({"document": {"kind": "plan"}, "indicators": [], "tasks": []}), encoding="utf-8")
    with pytest.raises(UserError, match="không phải kế hoạch"):
        plans.import_file(session, empty, "Tân An, Lâm Hà")
    assert session.scalar(select(func.count()).select_from(Plan)) == 0
