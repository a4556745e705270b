"""Bounds on what a reader accepts, so a hostile or huge file fails fast with a message."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

MB = 1024 * 1024


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else default


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 100 * MB
    # .docx/.xlsx are ZIP files: their declared unpacked size and packing ratio are checked
    # before any XML is parsed (Python's zipfile never unpacks past the declared size).
    max_unzipped_bytes: int = 200 * MB
    max_zip_ratio: int = 200
    max_zip_entries: int = 10_000
    max_xml_part_bytes: int = 60 * MB  # one XML part (document.xml, a sheet): parsed in memory
    max_text_lines: int = 100_000  # a plan is a few thousand lines; each line is an object
    max_ocr_pages: int = 200
    max_pdf_pages: int = 2_000
    max_cells: int = 1_000_000
    max_image_pixels: int = 120_000_000  # an A0 sheet at 300 dpi is ~140 MP; A4 is ~9 MP
    ocr_timeout_s: int = 180  # per page
    convert_timeout_s: int = 180  # LibreOffice .doc -> .docx

    @classmethod
    def from_env(cls, **overrides: int | None) -> Limits:
        """Defaults, NQ57_OCR_MAX_PAGES / NQ57_MAX_FILE_MB from the environment, then overrides."""
        limits = cls(
            max_ocr_pages=_env_int("NQ57_OCR_MAX_PAGES", cls.max_ocr_pages),
            max_file_bytes=_env_int("NQ57_MAX_FILE_MB", cls.max_file_bytes // MB) * MB,
        )
        given = {k: v for k, v in overrides.items() if v is not None}
        return replace(limits, **given) if given else limits
