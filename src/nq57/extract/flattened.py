"""OCR-flattened tables (stub)."""
from __future__ import annotations

from nq57.extract.items import Context, Found
from nq57.extract.lines import Line


def read_flattened(lines: list[Line], ctx: Context) -> dict[str, list[Found]]:
    return {"indicators": [], "tasks": [], "budget": [], "totals": []}
