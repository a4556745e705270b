"""Official reports (.docx in the state layout, .xlsx, .pdf) built from the tracked data."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from nq57.store.models.tracking import Unit

__all__ = ["build_report", "report_filename"]


def build_report(
    session: Session,
    commune: Unit | str,
    period: str,
    fmt: str,
    party: bool = False,
    as_of: date | None = None,
) -> bytes:
    """The report of `commune` ("Phước Bình, Đồng Nai" or a Unit) for `period` as file bytes.

    `fmt` is docx, xlsx or pdf; `party` gives the Đảng ủy version; `as_of` dates the report
    and fixes the statuses (default: today). Raises UserError for unknown commune, period or format.
    """
    from nq57.report.from_track import build_content
    from nq57.report.render import render

    if isinstance(commune, str):
        from nq57.track.units import find_commune

        commune = find_commune(session, commune)
    return render(build_content(session, commune, period, party=party, as_of=as_of), fmt)


def report_filename(commune_name: str, period: str, fmt: str, party: bool = False) -> str:
    """A download name without diacritics or spaces: "bao-cao-phuoc-binh-2026-Q1.docx"."""
    from nq57.text.vietnamese import fold

    slug = "-".join(fold(commune_name).replace(",", " ").split())
    prefix = "bao-cao-dang-uy" if party else "bao-cao"
    return f"{prefix}-{slug}-{period}.{fmt.lower()}"
