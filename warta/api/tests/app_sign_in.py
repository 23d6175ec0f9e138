"""Helpers for the API's tests: readers signed in as the app signs them in (allauth headless, app
client), and requests carrying their session token."""

import json
from typing import Any

from django.test import Client

from warta.accounts.models import User

SIGN_IN = "/_allauth/app/v1/auth/login"
SESSION = "/_allauth/app/v1/auth/session"
PASSWORD = "a-long-test-passphrase-17"  # made for the tests


def with_password(user: User) -> User:
    user.set_password(PASSWORD)
    user.save()
    return user


def app_sign_in(user: User, client: Client | None = None) -> str:
    """Sign ``user`` in with the app client; their session token."""
    response = (client or Client()).post(
        SIGN_IN,
        json.dumps({"username": user.get_username(), "password": PASSWORD}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    document = json.loads(response.content)
    assert document["meta"]["is_authenticated"] is True
    return document["meta"]["session_token"]


def token_headers(token: str) -> dict[str, str]:
    return {"X-Session-Token": token}


def api_post(client: Client, path: str, data: Any, **headers: str) -> Any:
    return client.post("/api/v1" + path, json.dumps(data), content_type="application/json",
                       headers=headers)  # fmt: skip


def api_delete(client: Client, path: str, **headers: str) -> Any:
    return client.delete("/api/v1" + path, headers=headers)
