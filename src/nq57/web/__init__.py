"""nq57.web: the web application (FastAPI + Jinja2, Vietnamese, works offline on an intranet).

- `app.create_app(database_url=None)`: the application; `nq57 serve` runs it under uvicorn.
- Pages (server-rendered, no build step): /dashboard (commune IOC view), /plan, /entry (values,
  progress, evidence; /entry/excel round-trip), /documents (upload → review → import),
  /approvals, /province, /reports, /audit, /account (API token).
- JSON API under /api, in the OpenAPI document (/openapi.json, Swagger UI at /docs), with a
  per-user token (`Authorization: Bearer …`).
- Rights are checked on the server for every page and API call (`scope.py`); sessions are
  server-side (`accounts.py`), every state change carries a CSRF token (`deps.csrf_guard`).
- Business rules live in nq57.track / nq57.domain (and nq57.scale for cross-commune reads);
  this package only calls them and shapes their results for pages (`views.py`).
- Front-end libraries come from npm (package.json) and are copied into static/vendor by
  `python -m nq57.web.assets` at install time; nothing is loaded from another site.
"""
