"""Targets in running text (stub, filled below)."""
from __future__ import annotations

from nq57.extract.items import Context, Found
from nq57.extract.lines import Line


def read_prose_indicators(lines: list[Line], ctx: Context, has_table: bool) -> list[Found]:
    return []


def read_outlook_indicators(lines: list[Line], ctx: Context) -> list[Found]:
    return []
