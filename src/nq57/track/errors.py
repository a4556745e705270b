"""Errors of the tracking services, worded for the user (the CLI prints them on one line)."""

from __future__ import annotations

from collections.abc import Sequence

from nq57.errors import UserError


class NotFound(UserError):
    """Something named by the user does not exist."""


class UnknownUnitError(NotFound):
    pass


class AmbiguousUnitError(UserError):
    def __init__(self, text: str, candidates: Sequence[str]) -> None:
        self.candidates = list(candidates)
        shown = "; ".join(self.candidates[:8])
        super().__init__(f"'{text}' khớp với nhiều đơn vị: {shown}. Hãy ghi rõ thêm (ví dụ: 'Tên xã, Tên tỉnh').")


class AmbiguousReference(UserError):
    def __init__(self, what: str, ref: str, candidates: Sequence[str]) -> None:
        self.candidates = list(candidates)
        shown = "; ".join(self.candidates[:8])
        super().__init__(f"'{ref}' khớp với nhiều {what}: {shown}. Hãy ghi rõ hơn.")


class ValidationFailed(UserError):
    """One or more problems with entered data; `problems` lists them all."""

    def __init__(self, problems: Sequence[object]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(getattr(p, "message", str(p)) for p in self.problems))


class ValueLocked(UserError):
    pass


class ConflictError(UserError):
    """Someone else changed the record since it was read: never overwrite silently."""


class WorkflowError(UserError):
    """An action not allowed in the record's current state."""
