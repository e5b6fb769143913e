"""``rolegate pull zendesk``: custom roles, staff users, groups and memberships, every
page, written as the files ``rolegate import zendesk`` reads."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any

from checker.errors import GateError
from checker.pull.http import Client

# file -> (first page, the list's key); cursor pagination, 100 a page (the maximum).
ENDPOINTS = {
    "custom_roles.json": ("/api/v2/custom_roles", "custom_roles"),
    "users.json": ("/api/v2/users?role[]=agent&role[]=admin&page[size]=100", "users"),
    "groups.json": ("/api/v2/groups?page[size]=100", "groups"),
    "group_memberships.json": ("/api/v2/group_memberships?page[size]=100", "group_memberships"),
}
MAX_PAGES = 100_000


def client(subdomain: str, env: Mapping[str, str], *, base_url: str | None = None) -> Client:
    email, token = env.get("ZENDESK_EMAIL"), env.get("ZENDESK_API_TOKEN")
    if not email or not token:
        raise GateError(
            "set ZENDESK_EMAIL (an admin's e-mail) and ZENDESK_API_TOKEN (an API token) "
            "in the environment"
        )
    credentials = base64.b64encode(f"{email}/token:{token}".encode()).decode("ascii")
    return Client(
        base_url or f"https://{subdomain}.zendesk.com",
        f"Basic {credentials}",
        "zendesk",
        "check ZENDESK_EMAIL and ZENDESK_API_TOKEN; the user must be an admin",
    )


def pull(api: Client) -> dict[str, dict[str, Any]]:
    """file name -> the document to write."""
    return {name: {key: _all(api, path, key)} for name, (path, key) in ENDPOINTS.items()}


def _all(api: Client, url: str, key: str) -> list[Any]:
    items: list[Any] = []
    next_url: str | None = url
    for _ in range(MAX_PAGES):
        if next_url is None:
            return items
        page = api.get(next_url)
        found = page.get(key)
        if not isinstance(found, list):
            raise GateError(f"zendesk: {next_url}: expected a list under {key!r}")
        items += found
        next_url = _next(page, next_url)
    raise GateError(f"zendesk: {url}: more than {MAX_PAGES} pages")


def _next(page: dict[str, Any], url: str) -> str | None:
    meta, links = page.get("meta"), page.get("links")
    if isinstance(meta, dict):  # cursor pagination
        if not meta.get("has_more"):
            return None
        following = links.get("next") if isinstance(links, dict) else None
        if not isinstance(following, str) or not following:
            raise GateError(f"zendesk: {url}: has_more is set but links.next is missing")
        return following
    following = page.get("next_page")  # offset pagination
    return following if isinstance(following, str) and following else None
