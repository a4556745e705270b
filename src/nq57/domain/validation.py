"""Checks on an entered value. Each check names its rule so messages can cite it.

Rules:
  percent_range      : a percentage outside 0..100                       (needs a comment)
  numerator_gt_denominator : numerator larger than denominator           (needs a comment)
  outlier            : with at least 3 earlier values, the new value is further from their
                       median than max(3 x 1.4826 x MAD, 20% of |median|, 1 unit)   (needs a comment)
  missing / both / denominator : no number, two kinds of number, denominator <= 0   (errors)
A rule that "needs a comment" is accepted when the entry carries a note explaining it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

OUTLIER_MIN_HISTORY = 3
OUTLIER_MAD_FACTOR = 3 * 1.4826
OUTLIER_RELATIVE = 0.2
OUTLIER_ABSOLUTE = 1.0


@dataclass(frozen=True)
class Problem:
    rule: str
    message: str
    needs_comment: bool  # False: always an error; True: accepted with a note

    def blocking(self, note: str | None) -> bool:
        return not self.needs_comment or not (note and note.strip())


def computed_value(value: float | None, numerator: float | None, denominator: float | None) -> float | None:
    """The number to store: the value itself, or numerator / denominator as a percentage."""
    if value is not None:
        return value
    if numerator is not None and denominator:
        return round(100.0 * numerator / denominator, 4)
    return None


def is_outlier(value: float, previous: Sequence[float]) -> bool:
    if len(previous) < OUTLIER_MIN_HISTORY:
        return False
    centre = median(previous)
    mad = median(abs(v - centre) for v in previous)
    threshold = max(OUTLIER_MAD_FACTOR * mad, OUTLIER_RELATIVE * abs(centre), OUTLIER_ABSOLUTE)
    return abs(value - centre) > threshold


def check(
    label: str,
    unit: str | None,
    value: float | None,
    numerator: float | None,
    denominator: float | None,
    previous: Sequence[float] = (),
) -> list[Problem]:
    """Every problem of one entry; `label` names the indicator in the messages."""
    problems: list[Problem] = []
    has_ratio = numerator is not None or denominator is not None
    if value is None and not has_ratio:
        return [Problem("missing", f"{label}: chưa nhập giá trị (hoặc tử số và mẫu số)", False)]
    if value is not None and has_ratio:
        return [Problem("both", f"{label}: chỉ nhập giá trị HOẶC tử số/mẫu số, không nhập cả hai", False)]
    if has_ratio:
        if numerator is None or denominator is None:
            return [Problem("denominator", f"{label}: cần nhập cả tử số và mẫu số", False)]
        if denominator <= 0:
            return [Problem("denominator", f"{label}: mẫu số phải lớn hơn 0 (đang là {denominator:g})", False)]
        if numerator < 0:
            problems.append(Problem("negative", f"{label}: tử số không được âm", False))
        if numerator > denominator:
            problems.append(
                Problem(
                    "numerator_gt_denominator",
                    f"{label}: tử số ({numerator:g}) lớn hơn mẫu số ({denominator:g}) — cần ghi chú giải thích",
                    True,
                )
            )
    number = computed_value(value, numerator, denominator)
    if number is None:
        return problems
    if unit and unit.strip() == "%" and not 0 <= number <= 100 and not has_ratio:
        problems.append(
            Problem("percent_range", f"{label}: tỷ lệ {number:g}% nằm ngoài khoảng 0–100% — cần ghi chú giải thích", True)
        )
    if is_outlier(number, previous):
        problems.append(
            Problem(
                "outlier",
                f"{label}: giá trị {number:g} khác xa các kỳ trước (trung vị {median(previous):g}) — cần ghi chú giải thích",
                True,
            )
        )
    return problems
