"""`rolegate pull zendesk` against a local stand-in of the API (127.0.0.1 only): pages,
rate limits, refused credentials, server errors and malformed bodies."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from importers.helpers import sample

Cli = Callable[..., tuple[int, str, str]]
# One reply: (status, headers, body); a path's replies are served in turn, the last repeated.
Reply = tuple[int, dict[str, str], bytes]


class StandIn:
    def __init__(self) -> None:
        self.replies: dict[str, list[Reply]] = {}
        self.requests: list[tuple[str, str]] = []  # (path with query, Authorization)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def reply(self, path: str, *replies: Reply) -> None:
        self.replies[path] = list(replies)

    def json(self, path: str, document: object, status: int = 200, **headers: str) -> None:
        self.reply(path, (status, headers, json.dumps(document).encode()))

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                stand_in.requests.append((self.path, self.headers.get("Authorization", "")))
                queue = stand_in.replies.get(self.path, [(404, {}, b'{"error": "not found"}')])
                status, headers, body = queue.pop(0) if len(queue) > 1 else queue[0]
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        return Handler


USERS = "/api/v2/users?role[]=agent&role[]=admin&page[size]=100"
GROUPS = "/api/v2/groups?page[size]=100"
MEMBERSHIPS = "/api/v2/group_memberships?page[size]=100"
ROLES = "/api/v2/custom_roles"


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[StandIn]:
    monkeypatch.setenv("ZENDESK_EMAIL", "admin@lumafone.example")
    monkeypatch.setenv("ZENDESK_API_TOKEN", "secret-token")
    stand_in = StandIn()
    thread = threading.Thread(target=stand_in.server.serve_forever, daemon=True)
    thread.start()
    yield stand_in
    stand_in.server.shutdown()
    stand_in.server.server_close()
    thread.join()


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    slept: list[float] = []
    monkeypatch.setattr("checker.pull.http.time.sleep", slept.append)
    return slept


def _serve_sample(api: StandIn) -> None:
    """The sample export as the API pages it: users in two cursor pages, groups in two
    offset pages."""
    data = {
        n: json.loads((sample("zendesk") / f"{n}.json").read_text())
        for n in ("custom_roles", "users", "groups", "group_memberships")
    }
    users = data["users"]["users"]
    after = f"{api.url}/api/v2/users?page[after]=abc&page[size]=100"
    api.json(
        USERS,
        {
            "users": users[:8],
            "meta": {"has_more": True, "after_cursor": "abc"},
            "links": {"next": after},
        },
    )
    api.json(
        "/api/v2/users?page[after]=abc&page[size]=100",
        {"users": users[8:], "meta": {"has_more": False}, "links": {"next": None}},
    )
    groups = data["groups"]["groups"]
    api.json(GROUPS, {"groups": groups[:2], "next_page": f"{api.url}/api/v2/groups?page=2"})
    api.json("/api/v2/groups?page=2", {"groups": groups[2:], "next_page": None})
    api.json(
        MEMBERSHIPS,
        {
            "group_memberships": data["group_memberships"]["group_memberships"],
            "meta": {"has_more": False},
        },
    )
    api.json(ROLES, {"custom_roles": data["custom_roles"]["custom_roles"]})


def _pull(cli: Cli, api: StandIn, out: Path) -> tuple[int, str, str]:
    return cli("pull", "zendesk", "--base-url", api.url, "-o", str(out))


def test_pulls_every_page_and_imports(
    api: StandIn, cli: Cli, tmp_path: Path, waits: list[float]
) -> None:
    _serve_sample(api)
    code, _, err = _pull(cli, api, tmp_path / "export")
    assert (code, err) == (0, f"pulled 4 file(s) from zendesk into {tmp_path / 'export'}\n")
    users = json.loads((tmp_path / "export" / "users.json").read_text())["users"]
    assert len(users) == 14 and len({u["id"] for u in users}) == 14
    groups = json.loads((tmp_path / "export" / "groups.json").read_text())["groups"]
    assert len(groups) == len(json.loads((sample("zendesk") / "groups.json").read_text())["groups"])
    expected = "Basic " + base64.b64encode(b"admin@lumafone.example/token:secret-token").decode()
    assert {auth for _, auth in api.requests} == {expected}
    assert cli("import", "zendesk", str(tmp_path / "export"), "-o", str(tmp_path / "repo"))[0] == 0
    assert waits == []


@pytest.mark.parametrize(
    ("headers", "wait"), [({"Retry-After": "7"}, 7.0), ({"ratelimit-reset": "3"}, 3.0), ({}, 60.0)]
)
def test_waits_as_a_429_asks(
    api: StandIn, cli: Cli, tmp_path: Path, waits: list[float], headers: dict[str, str], wait: float
) -> None:
    _serve_sample(api)
    ok = api.replies[ROLES][0]
    api.reply(ROLES, (429, headers, b'{"error": "TooManyRequests"}'), ok)
    assert _pull(cli, api, tmp_path / "export")[0] == 0
    assert waits == [wait]


def test_a_wait_beyond_the_limit_is_an_error(
    api: StandIn, cli: Cli, tmp_path: Path, waits: list[float]
) -> None:
    _serve_sample(api)
    api.reply(ROLES, (429, {"Retry-After": "3600"}, b"{}"))
    code, _, err = _pull(cli, api, tmp_path / "export")
    assert code == 2 and "rate limited for 3600 s" in err
    assert not (tmp_path / "export").exists()


@pytest.mark.parametrize(
    ("status", "words"), [(401, "401 authentication failed"), (403, "403 access denied")]
)
def test_refused_credentials(
    api: StandIn, cli: Cli, tmp_path: Path, status: int, words: str
) -> None:
    _serve_sample(api)
    api.reply(USERS, (status, {}, b'{"error": "Couldn\'t authenticate you"}'))
    code, _, err = _pull(cli, api, tmp_path / "export")
    assert code == 2 and words in err and "ZENDESK_API_TOKEN" in err
    assert not (tmp_path / "export").exists()


def test_server_errors_are_retried_then_reported(
    api: StandIn, cli: Cli, tmp_path: Path, waits: list[float]
) -> None:
    _serve_sample(api)
    ok = api.replies[GROUPS][0]
    api.reply(GROUPS, (500, {}, b"oops"), (502, {}, b"oops"), ok)
    assert _pull(cli, api, tmp_path / "a")[0] == 0
    assert waits == [1.0, 2.0]
    api.reply(GROUPS, (503, {}, b"down"))
    code, _, err = _pull(cli, api, tmp_path / "b")
    assert code == 2 and "HTTP 503" in err


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"<html>maintenance</html>", "the response is not JSON"),
        (b"[1, 2]", "expected a JSON object"),
        (b'{"users": {}}', "expected a list under 'users'"),
    ],
)
def test_malformed_bodies(api: StandIn, cli: Cli, tmp_path: Path, body: bytes, words: str) -> None:
    _serve_sample(api)
    api.reply(USERS, (200, {}, body))
    code, _, err = _pull(cli, api, tmp_path / "export")
    assert code == 2 and words in err


def test_never_follows_a_link_to_another_host(api: StandIn, cli: Cli, tmp_path: Path) -> None:
    _serve_sample(api)
    api.json(
        USERS,
        {
            "users": [],
            "meta": {"has_more": True},
            "links": {"next": "http://198.51.100.7/api/v2/users"},
        },
    )
    code, _, err = _pull(cli, api, tmp_path / "export")
    assert code == 2 and "refusing to follow http://198.51.100.7/api/v2/users" in err


def test_needs_credentials(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZENDESK_API_TOKEN", raising=False)
    code, _, err = cli("pull", "zendesk", "--subdomain", "acme", "-o", str(tmp_path / "x"))
    assert code == 2 and "set ZENDESK_EMAIL" in err


def test_drift_pulls_first(api: StandIn, cli: Cli, tmp_path: Path) -> None:
    _serve_sample(api)
    repo = tmp_path / "repo"
    assert cli("import", "zendesk", str(sample("zendesk")), "-o", str(repo))[0] == 0
    code, out, err = cli("drift", "zendesk", "--pull", "--base-url", api.url, "--repo", str(repo))
    assert (code, err) == (0, "")
    assert out.endswith("0 findings; passed (fail-on high)\n")
    role = repo / "zendesk" / "roles" / "tier-1-agent.yaml"
    role.write_text(role.read_text().replace("actions: [read, update, comment]", "actions: [read]"))
    assert cli("drift", "zendesk", "--pull", "--base-url", api.url, "--repo", str(repo))[0] == 1
