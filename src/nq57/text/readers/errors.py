"""Turning a parser's failure on a bad file into a one-line `InputFileError`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from nq57.errors import InputFileError, UserError


@contextmanager
def reader_errors(name: str, what: str) -> Iterator[None]:
    """Any failure inside a third-party parser means the file is damaged: say so in one line.

    The parsers (python-docx, openpyxl, pdfminer, Pillow) raise many unrelated exception
    types on malformed input, so everything but our own user errors is caught here.
    """
    try:
        yield
    except UserError:
        raise
    except MemoryError:
        raise InputFileError(name, f"{what} quá lớn, không đủ bộ nhớ để đọc") from None
    except RecursionError:
        raise InputFileError(name, f"{what} có cấu trúc lồng nhau quá sâu (tệp hỏng?)") from None
    except Exception as exc:  # noqa: BLE001 - see docstring
        detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise InputFileError(name, f"{what} bị hỏng hoặc không đúng định dạng ({detail})") from None
