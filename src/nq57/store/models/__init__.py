"""All tables. Each area keeps its tables in its own module; importing this package registers them all."""

from nq57.store.base import Base

__all__ = ["Base"]
