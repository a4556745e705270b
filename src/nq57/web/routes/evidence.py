"""Evidence files: downloaded only by users who may see the value's or the task's commune."""

from __future__ import annotations

import mimetypes

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import FileResponse, RedirectResponse
from sqlalchemy.orm import Session

from nq57.config import data_dir
from nq57.store.models.tracking import Evidence, TaskProgress, Unit, Value
from nq57.web import scope
from nq57.web.deps import IdPath, Viewer, get_db, viewer

router = APIRouter()


@router.get("/evidence/{evidence_id}", include_in_schema=False)
def download(evidence_id: IdPath, who: Viewer = Depends(viewer), db: Session = Depends(get_db)):
    item = db.get(Evidence, evidence_id)
    owner = (db.get(Value, item.value_id) if item.value_id else db.get(TaskProgress, item.progress_id)) if item else None
    if item is None or owner is None:
        raise HTTPException(404, "Không tìm thấy minh chứng.")
    scope.check_commune(who.user, db.get(Unit, owner.commune_id))
    if item.stored_path is None:
        if item.link and item.link.startswith(("http://", "https://")):
            return RedirectResponse(item.link, status_code=303)
        raise HTTPException(404, "Minh chứng không có tệp.")
    root = data_dir().resolve()
    path = (root / item.stored_path).resolve()
    if root not in path.parents or not path.is_file():  # never serve outside the data folder
        raise HTTPException(404, "Tệp minh chứng không còn trên máy chủ.")
    media = mimetypes.guess_type(item.filename)[0] or "application/octet-stream"
    return FileResponse(path, media_type=media, filename=item.filename)
