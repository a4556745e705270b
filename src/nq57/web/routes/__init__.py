"""Every router of the web app; each module owns one page family and its API mirror."""

from __future__ import annotations

import importlib

from fastapi import FastAPI

ROUTE_MODULES = ("auth", "dashboard", "plan", "entry", "approvals", "province", "documents", "reports", "audit", "excel", "workflow_api", "evidence",
                 "budget", "catalogue", "units", "reminders")


def register_routes(app: FastAPI) -> None:
    for name in ROUTE_MODULES:
        module = importlib.import_module(f"nq57.web.routes.{name}")
        app.include_router(module.router)
