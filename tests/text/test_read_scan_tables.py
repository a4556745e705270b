"""Ruled tables on scanned pages come out as tables, cell by cell."""

from __future__ import annotations

import pytest
from PIL import ImageDraw
from rapidfuzz import fuzz
from read_fixtures import PLAN_LINES, SCAN_TABLE, render_page, render_table_page

from nq57.text import Paragraph, read_document
from nq57.text.readers.scan_tables import Grid, _Line, find_grids


def _expected_rows() -> list[list[str]]:
    rows = [[cell.replace("|", " ") for cell in row] for row in SCAN_TABLE]
    rows[2][2] = rows[1][2]  # merged with the cell above: the same text
    return rows


def test_grid_lines_are_found_on_a_table_page():
    (grid,) = find_grids(render_table_page(PLAN_LINES[:3], SCAN_TABLE).convert("L"))
    assert len(grid.ys) == len(SCAN_TABLE) + 1
    assert len(grid.xs) == len(SCAN_TABLE[0]) + 1
    groups = grid.merged_groups()
    assert groups[(2, 2)] == groups[(1, 2)] == (1, 2)  # no rule between them
    assert groups[(2, 1)] == (2, 1)


def test_text_pages_frames_and_underlines_are_not_tables():
    assert find_grids(render_page(PLAN_LINES).convert("L")) == []
    page = render_page(PLAN_LINES, width=2480, height=3508)
    draw = ImageDraw.Draw(page)
    draw.rectangle([80, 80, 2400, 3420], outline=0, width=5)  # a frame round the page
    draw.line([(100, 260), (1500, 260)], fill=0, width=4)  # an underline
    assert find_grids(page.convert("L")) == []


def test_merged_groups_follow_missing_rules():
    # Two rows, two columns; the rule between the columns stops after the first row.
    grid = Grid(
        ys=[0, 100, 200],
        xs=[0, 100, 200],
        vertical=[_Line(0, 0, 200), _Line(100, 0, 100), _Line(200, 0, 200)],
        horizontal=[_Line(0, 0, 200), _Line(100, 0, 200), _Line(200, 0, 200)],
    )
    groups = grid.merged_groups()
    assert groups[(1, 1)] == groups[(1, 0)] == (1, 0)
    assert groups[(0, 1)] == (0, 1)


@pytest.mark.slow
def test_scanned_table_is_read_cell_by_cell(tmp_path):
    path = tmp_path / "bang.png"
    render_table_page(PLAN_LINES[:3], SCAN_TABLE).save(path)
    doc = read_document(path, repair=False)
    (table,) = doc.tables()
    expected = _expected_rows()
    assert len(table.rows) == len(expected) and all(len(r) == len(expected[0]) for r in table.rows)
    for got_row, want_row in zip(table.rows, expected, strict=True):
        for got, want in zip(got_row, want_row, strict=True):
            assert fuzz.ratio(got, want) >= 85, (got, want)
    before = [b.text for b in doc.blocks[: doc.blocks.index(table)] if isinstance(b, Paragraph) and b.text]
    assert fuzz.ratio("\n".join(before), "\n".join(PLAN_LINES[:3])) >= 95


@pytest.mark.parametrize("angle", [0.0, 1.5, -2.5])
def test_skew_of_a_scanned_page_is_measured(angle):
    from PIL import Image

    from nq57.text.readers.deskew import skew_angle

    page = render_table_page(PLAN_LINES[:3], SCAN_TABLE).rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255)
    assert abs(skew_angle(page.convert("L")) + angle) <= 0.25


@pytest.mark.slow
def test_slightly_skewed_scanned_table_is_still_a_table(tmp_path):
    from PIL import Image

    path = tmp_path / "lech.png"
    page = render_table_page(PLAN_LINES[:3], SCAN_TABLE)
    page.rotate(1.5, resample=Image.BICUBIC, expand=True, fillcolor=255).save(path)
    (table,) = read_document(path, repair=False).tables()
    assert [fuzz.ratio(a, b) >= 85 for a, b in zip(table.rows[3], _expected_rows()[3], strict=True)] == [True] * 4
