"""Budget lines: the sum is checked against the stated total ("Tổng nhu cầu kinh phí 8.073")."""

from __future__ import annotations

from nq57.extract.items import Found


def check_total(lines: list[Found], totals: list[Found]) -> list[str]:
    """A warning when the lines do not add up to the stated total (0.1% tolerance for rounding)."""
    stated = [t.item.amount for t in totals if t.item is not None and t.item.amount is not None]
    if not stated or not lines:
        return []
    total = max(stated)
    amounts = [f.item.amount for f in lines if f.item.amount is not None]
    s = sum(amounts)
    if abs(s - total) > max(0.001 * total, 1e-6):
        return [f"Tổng các khoản kinh phí ({s:g}) khác tổng ghi trong văn bản ({total:g})"]
    return []
