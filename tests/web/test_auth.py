"""Login, sessions, CSRF, throttling and API tokens, through HTTP as a browser would."""

from __future__ import annotations

from sqlalchemy import select
from web_helpers import PASSWORD, TestClient, csrf_of, login

from nq57.store.db import session_scope
from nq57.store.models.accounts import User, WebSession
from nq57.web.security import MAX_FAILURES


def test_pages_need_login(client):
    response = client.get("/account", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")


def test_login_sets_httponly_samesite_cookie_and_password_is_hashed(client, make_user, web_url):
    make_user("lan", "commune_viewer", commune_id=1)
    response = login(client, "lan")
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert "nq57_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Secure" not in cookie  # plain http in the test
    with session_scope(web_url) as s:
        user = s.scalar(select(User).where(User.username == "lan"))
        assert user.password_hash.startswith("$argon2")
        assert PASSWORD not in user.password_hash
        token = response.cookies.get("nq57_session") or client.cookies.get("nq57_session")
        assert token and s.scalar(select(WebSession.token_hash)) != token  # only a digest is stored
    assert client.get("/account").status_code == 200


def test_secure_cookie_over_https(app, make_user):
    make_user("hoa", "commune_viewer", commune_id=1)
    with TestClient(app, base_url="https://testserver") as secure_client:
        response = login(secure_client, "hoa")
    assert "Secure" in response.headers["set-cookie"]


def test_wrong_password_is_refused_with_message(client, make_user):
    make_user("lan", "commune_viewer", commune_id=1)
    response = login(client, "lan", "sai-mat-khau")
    assert response.status_code == 401
    assert "không đúng" in response.text
    assert 'value="lan"' in response.text  # what the user typed is kept


def test_throttling_after_repeated_failures_even_with_right_password(client, make_user):
    make_user("lan", "commune_viewer", commune_id=1)
    for _ in range(MAX_FAILURES):
        assert login(client, "lan", "sai-mat-khau").status_code == 401
    response = login(client, "lan")
    assert response.status_code == 429
    assert "quá nhiều lần" in response.text


def test_login_without_csrf_token_is_rejected(client, make_user):
    make_user("lan", "commune_viewer", commune_id=1)
    client.get("/login")
    response = client.post("/login", data={"username": "lan", "password": PASSWORD}, follow_redirects=False)
    assert response.status_code == 403


def test_state_change_without_session_csrf_is_rejected(client, make_user):
    make_user("lan", "commune_viewer", commune_id=1)
    login(client, "lan")
    assert client.post("/account/token", data={}).status_code == 403
    assert client.post("/account/token", data={"csrf_token": "forged"}).status_code == 403
    page = client.get("/account")
    ok = client.post("/account/token", data={"csrf_token": csrf_of(page.text)})
    assert ok.status_code == 200 and 'id="api-token"' in ok.text


def test_logout_ends_the_session(client, make_user):
    make_user("lan", "commune_viewer", commune_id=1)
    login(client, "lan")
    page = client.get("/account")
    client.post("/logout", data={"csrf_token": csrf_of(page.text)})
    assert client.get("/account", follow_redirects=False).status_code == 303


def test_next_parameter_never_leaves_the_site(client, make_user):
    make_user("lan", "commune_viewer", commune_id=1)
    page = client.get("/login")
    response = client.post(
        "/login",
        data={"username": "lan", "password": PASSWORD, "csrf_token": csrf_of(page.text), "next": "//evil.example/x"},
        follow_redirects=False,
    )
    assert "evil" not in response.headers["location"]


def test_an_expired_session_is_refused(client, make_user, web_url):
    from datetime import timedelta

    from sqlalchemy import update

    from nq57.store.models.accounts import utcnow

    make_user("lan", "commune_viewer", commune_id=1)
    login(client, "lan")
    assert client.get("/account").status_code == 200
    with session_scope(web_url) as s:
        s.execute(update(WebSession).values(expires_at=utcnow() - timedelta(minutes=1)))
    assert client.get("/account", follow_redirects=False).status_code == 303


def test_api_token_is_shown_once_and_replaced(client, make_user):
    make_user("lan", "commune_viewer", commune_id=1)
    login(client, "lan")
    first = client.post("/account/token", data={"csrf_token": csrf_of(client.get("/account").text)})
    token = first.text.split('id="api-token">', 1)[1].split("<", 1)[0]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/me", headers=headers).json()["username"] == "lan"
    assert token not in client.get("/account").text  # never shown again
    client.post("/account/token", data={"csrf_token": csrf_of(client.get("/account").text)})
    assert client.get("/api/me", headers=headers).status_code == 401  # the old token no longer works
