"""All tables. Each area keeps its tables in its own module; importing this package registers them all."""

import importlib

from nq57.store.base import Base
from nq57.store.models import tracking  # noqa: F401

# The web's account tables live in their own module; register them when present.
try:
    importlib.import_module("nq57.store.models.accounts")
except ModuleNotFoundError as exc:  # pragma: no cover - only before the web area lands
    if exc.name != "nq57.store.models.accounts":
        raise

__all__ = ["Base"]
