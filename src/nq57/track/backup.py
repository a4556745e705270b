"""Portable backup: every table as JSON lines in a gzip file, then the evidence files; restore
into an empty database reproduces every row exactly (same ids, same values) and puts the
evidence files back under the data folder."""

from __future__ import annotations

import base64
import gzip
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, Engine, LargeBinary, bindparam, func, insert, select, text, update

import nq57.store.models  # noqa: F401  (registers every table)
from nq57.config import data_dir
from nq57.errors import InputFileError, UserError
from nq57.store.base import Base
from nq57.store.db import current_revision
from nq57.store.models.tracking import Evidence

FORMAT = "nq57-backup/1"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value


def backup(engine: Engine, path: Path | str) -> dict[str, int]:
    path = Path(path)
    counts: dict[str, int] = {}
    path.parent.mkdir(parents=True, exist_ok=True)
    with engine.connect() as conn, gzip.open(path, "wt", encoding="utf-8") as out:
        out.write(json.dumps({"format": FORMAT, "revision": current_revision(engine)}) + "\n")
        for table in Base.metadata.sorted_tables:
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).mappings()
            n = 0
            for row in rows:
                out.write(json.dumps({"t": table.name, "r": {k: _plain(v) for k, v in row.items()}}, ensure_ascii=False) + "\n")
                n += 1
            counts[table.name] = n
        # Evidence files travel with the rows that point to them.
        files = 0
        for (stored,) in conn.execute(select(Evidence.stored_path).where(Evidence.stored_path.is_not(None))):
            source = data_dir() / stored
            if source.is_file():
                out.write(json.dumps({"f": stored, "b64": base64.b64encode(source.read_bytes()).decode()}) + "\n")
                files += 1
        counts["evidence files"] = files
    return counts


def _typed(table, row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in row.items():
        column = table.columns[key]
        if value is not None:
            if isinstance(column.type, DateTime):
                value = datetime.fromisoformat(value)
            elif isinstance(column.type, Date):
                value = date.fromisoformat(value)
            elif isinstance(column.type, LargeBinary):
                value = base64.b64decode(value)
        out[key] = value
    return out


def restore(engine: Engine, path: Path | str) -> dict[str, int]:
    path = Path(path)
    if not path.exists():
        raise InputFileError(str(path), "không tìm thấy tệp sao lưu")
    tables = {t.name: t for t in Base.metadata.sorted_tables}
    with engine.connect() as conn:
        for table in tables.values():
            if conn.execute(select(func.count()).select_from(table)).scalar():
                raise UserError(f"chỉ khôi phục được vào cơ sở dữ liệu trống (bảng '{table.name}' đã có dữ liệu)")
    counts: dict[str, int] = {}
    try:
        with gzip.open(path, "rt", encoding="utf-8") as src, engine.begin() as conn:
            header = json.loads(src.readline() or "{}")
            if header.get("format") != FORMAT:
                raise InputFileError(str(path), "không phải tệp sao lưu nq57")
            if header.get("revision") != current_revision(engine):
                raise InputFileError(
                    str(path),
                    f"tệp sao lưu ở phiên bản lược đồ {header.get('revision')}, cơ sở dữ liệu ở "
                    f"{current_revision(engine)}: hãy khôi phục bằng đúng phiên bản nq57 đã sao lưu",
                )
            batch: dict[str, list[dict]] = {}
            files: list[tuple[str, bytes]] = []
            for line in src:
                item = json.loads(line)
                if "f" in item:
                    files.append((item["f"], base64.b64decode(item["b64"])))
                    continue
                table = tables.get(item["t"])
                if table is None:
                    raise InputFileError(str(path), f"bảng '{item['t']}' không có trong phiên bản này")
                batch.setdefault(table.name, []).append(_typed(table, item["r"]))
            for name, table in tables.items():
                rows = batch.get(name, [])
                # References to the same table (a unit's parent, successor ...) are set after
                # every row exists, so the order of rows never breaks a foreign key.
                own = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
                if rows:
                    conn.execute(insert(table), [{**r, **dict.fromkeys(own)} for r in rows])
                    pk = next(iter(table.primary_key.columns))
                    for col in own:
                        links = [{"_id": r[pk.name], "_v": r[col]} for r in rows if r.get(col) is not None]
                        if links:
                            conn.execute(
                                update(table).where(pk == bindparam("_id")).values({col: bindparam("_v")}), links
                            )
                counts[name] = len(rows)
            root = data_dir().resolve()
            for relative, content in files:
                target = (root / relative).resolve()
                if root not in target.parents:
                    raise InputFileError(str(path), f"đường dẫn tệp minh chứng không hợp lệ: {relative}")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
            counts["evidence files"] = len(files)
            if conn.dialect.name == "postgresql":
                for name, table in tables.items():
                    pk = list(table.primary_key.columns)
                    if len(pk) == 1 and pk[0].autoincrement and counts[name]:
                        conn.execute(text(
                            f"SELECT setval(pg_get_serial_sequence('{name}', '{pk[0].name}'), "
                            f"(SELECT MAX({pk[0].name}) FROM {name}))"
                        ))
    except (OSError, json.JSONDecodeError, KeyError) as exc:
        raise InputFileError(str(path), f"tệp sao lưu hỏng: {exc}") from exc
    return counts
