"""The giải trình loop (a leader asks, the responsible unit answers, both kept) and
deadline extension requests (a unit asks, the leader grants or refuses)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from nq57.store.models.tracking import Explanation, ExtensionRequest, Indicator, Task, Unit, utcnow
from nq57.track import audit
from nq57.track.errors import ValidationFailed, WorkflowError


def _required(text: str | None, what: str) -> str:
    if not text or not text.strip():
        raise ValidationFailed([f"cần ghi {what}"])
    return text.strip()


def request_explanation(
    session: Session,
    *,
    indicator: Indicator | None = None,
    task: Task | None = None,
    period: str | None = None,
    question: str,
    actor: str,
    due: date | None = None,
) -> Explanation:
    if (indicator is None) == (task is None):
        raise ValidationFailed(["yêu cầu giải trình phải về đúng một chỉ tiêu hoặc một nhiệm vụ"])
    commune_id = (indicator or task).plan.commune_id
    row = Explanation(
        commune_id=commune_id,
        indicator_id=indicator.id if indicator else None,
        task_id=task.id if task else None,
        period=period,
        question=_required(question, "nội dung yêu cầu giải trình"),
        asked_by=actor,
        due=due,
    )
    session.add(row)
    session.flush()
    audit.record(session, actor, "explanation.request", "explanation", row.id, commune_id,
                 {"indicator": row.indicator_id, "task": row.task_id, "question": row.question})
    return row


def answer_explanation(session: Session, explanation: Explanation, answer: str, actor: str) -> Explanation:
    if explanation.answer is not None:
        raise WorkflowError("yêu cầu giải trình này đã được trả lời")
    explanation.answer = _required(answer, "nội dung giải trình")
    explanation.answered_by = actor
    explanation.answered_at = utcnow()
    session.flush()
    audit.record(session, actor, "explanation.answer", "explanation", explanation.id, explanation.commune_id,
                 {"answer": explanation.answer})
    return explanation


def pending_explanations(session: Session, commune: Unit) -> list[Explanation]:
    return list(
        session.scalars(
            select(Explanation)
            .where(Explanation.commune_id == commune.id, Explanation.answer.is_(None))
            .order_by(Explanation.asked_at)
        )
    )


def explanations_of(session: Session, commune: Unit) -> list[Explanation]:
    return list(session.scalars(select(Explanation).where(Explanation.commune_id == commune.id).order_by(Explanation.asked_at)))


def request_extension(session: Session, task: Task, new_due: date, reason: str, actor: str) -> ExtensionRequest:
    current = task.extended_due or task.due
    if current is not None and new_due <= current:
        raise ValidationFailed([f"hạn mới ({new_due:%d/%m/%Y}) phải sau hạn hiện tại ({current:%d/%m/%Y})"])
    row = ExtensionRequest(task_id=task.id, requested_due=new_due, reason=_required(reason, "lý do gia hạn"), requested_by=actor)
    session.add(row)
    session.flush()
    audit.record(session, actor, "extension.request", "extension", row.id, task.plan.commune_id,
                 {"task": task.id, "requested_due": new_due, "reason": row.reason})
    return row


def decide_extension(session: Session, request: ExtensionRequest, grant: bool, actor: str, note: str | None = None) -> ExtensionRequest:
    if request.decision != "pending":
        raise WorkflowError("đề nghị gia hạn này đã được xử lý")
    task = session.get(Task, request.task_id)
    request.decision = "granted" if grant else "refused"
    request.decided_by = actor
    request.decided_at = utcnow()
    request.decision_note = note
    if grant:
        task.extended_due = request.requested_due
    session.flush()
    audit.record(session, actor, f"extension.{request.decision}", "extension", request.id, task.plan.commune_id,
                 {"task": task.id, "due": request.requested_due, "note": note})
    return request


def pending_extensions(session: Session, commune: Unit) -> list[ExtensionRequest]:
    from nq57.store.models.tracking import Plan

    return list(
        session.scalars(
            select(ExtensionRequest)
            .join(Task)
            .join(Plan)
            .where(Plan.commune_id == commune.id, ExtensionRequest.decision == "pending")
            .order_by(ExtensionRequest.requested_at)
        )
    )
