"""`python -m nq57.extract FILE` prints the Plan JSON of one file;
`python -m nq57.extract --out DIR FILE...` writes DIR/<name>.json for each (bench/extract.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from nq57.errors import UserError
from nq57.extract.pipeline import extract_file


def main(argv: list[str]) -> int:
    out_dir = None
    if argv[:1] == ["--out"] and len(argv) >= 3:
        out_dir, argv = Path(argv[1]), argv[2:]
    if not argv or (out_dir is None and len(argv) != 1):
        print("usage: python -m nq57.extract FILE | --out DIR FILE...", file=sys.stderr)
        return 2
    for name in argv:
        try:
            result = extract_file(name)
        except UserError as exc:
            print(f"Lỗi: {exc}", file=sys.stderr)
            return 2
        text = json.dumps(result.to_json(), ensure_ascii=False, indent=1)
        if out_dir is None:
            print(text)
        else:
            (out_dir / (Path(name).name.split("_")[0].split(".")[0] + ".json")).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
