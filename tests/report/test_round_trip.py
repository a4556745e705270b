"""The writer and the reader check each other: the .docx read back by the extractor gives
every indicator's value, target and status, and every task's lead, deadline and status, as the
report's data says."""

from __future__ import annotations

from dataclasses import replace

import pytest
from report_sample import best_match, read_back, sample_content

from nq57.report.content import ReportContent, Target
from nq57.report.docx import write_docx
from nq57.report.wording import TASK_STATUS_LABEL


def assert_same_results(content: ReportContent, results: list[dict]) -> None:
    for item in content.indicators:
        found = best_match(item.name, results)
        assert found is not None, (item.name, [r["name"] for r in results])
        assert found["status"] == item.status, (item.name, found)
        if content.header.data_as_of:
            assert found["as_of"] == content.header.data_as_of.isoformat()
        if item.value is not None:
            assert found["actual"] == pytest.approx(item.value), (item.name, found)
        if item.target is not None and item.target.value is not None:
            assert found["target"]["value"] == pytest.approx(item.target.value), (item.name, found)
            assert found["target"]["op"] == item.target.op, (item.name, found)


def _below_thousand_targets(content: ReportContent) -> ReportContent:
    """The sample without four-digit targets (see the xfail test below for those)."""
    content.indicators = [
        replace(i, target=Target(i.target.op, 800), value=950)
        if i.target and i.target.value and i.target.value >= 1000
        else i
        for i in content.indicators
    ]
    return content


@pytest.mark.parametrize("party", [False, True], ids=["ubnd", "party"])
def test_sample_report_reads_back(tmp_path, party):
    content = _below_thousand_targets(sample_content(party=party))
    assert_same_results(content, read_back(content, tmp_path))


def test_counted_rates_read_back_with_their_counts(tmp_path):
    content = sample_content()
    content.indicators = [replace(content.indicators[0], numerator=171, denominator=200)]
    found = best_match(content.indicators[0].name, read_back(content, tmp_path))
    assert found is not None
    assert (found["numerator"], found["denominator"], found["actual"]) == (171, 200, 85.5)


def test_four_digit_targets_read_back(tmp_path):
    content = sample_content()
    assert_same_results(content, read_back(content, tmp_path))


def test_task_table_reads_back_with_lead_deadline_and_status(tmp_path):
    content = sample_content(tasks=9)
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(write_docx(content))
    pipeline = pytest.importorskip("nq57.extract.pipeline")
    tasks = pipeline.extract_file(path).plan.model_dump(mode="json")["tasks"]
    by_name = {t["name"]: t for t in tasks}
    for task in content.tasks:
        found = by_name.get(task.name)
        assert found is not None, (task.name, list(by_name)[:3])
        assert found["lead"] == task.lead
        assert found["deadline"]["text"] == task.deadline_text
        assert found["status"] == TASK_STATUS_LABEL[task.status]
