"""GET JSON from an HTTP API, fail-closed: retries on 429 (waiting what Retry-After, else
ratelimit-reset, asks) and on 5xx, a clear error for 401/403 and for any body that is
not the JSON expected; credentials never follow a redirect or a link to another host."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from checker.errors import GateError

MAX_WAIT_SECONDS = 300.0


@dataclass
class Client:
    base_url: str  # scheme and host, e.g. https://acme.zendesk.com
    authorization: str  # the Authorization header's value
    what: str  # the platform, for messages
    fix_auth: str  # what to do on 401/403
    attempts: int = 5
    sleep: Callable[[float], None] | None = None  # default: time.sleep
    timeout: float = 60.0

    def get(self, url: str) -> dict[str, Any]:
        """The JSON object at ``url`` (absolute, on the base host, or a path)."""
        url = urllib.parse.urljoin(self.base_url, url)
        if _host(url) != _host(self.base_url):
            raise GateError(f"{self.what}: refusing to follow {url}: not on {self.base_url}")
        for attempt in range(1, self.attempts + 1):
            request = urllib.request.Request(url, headers={"Accept": "application/json"})
            request.add_unredirected_header("Authorization", self.authorization)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return _json(response.read(), url, self.what)
            except urllib.error.HTTPError as error:
                self._handle(error, url, attempt)
            except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
                if attempt == self.attempts:
                    raise GateError(f"{self.what}: {url}: cannot connect: {error}") from error
                self._wait(float(2 ** (attempt - 1)))
        raise GateError(f"{self.what}: {url}: still failing after {self.attempts} attempts")

    def _handle(self, error: urllib.error.HTTPError, url: str, attempt: int) -> None:
        code = error.code
        if code in (401, 403):
            word = "authentication failed" if code == 401 else "access denied"
            raise GateError(f"{self.what}: {url}: {code} {word}; {self.fix_auth}") from error
        if attempt == self.attempts or (code != 429 and code < 500):
            raise GateError(f"{self.what}: {url}: HTTP {code} {error.reason}") from error
        wait = _retry_after(error) if code == 429 else float(2 ** (attempt - 1))
        if wait > MAX_WAIT_SECONDS:
            raise GateError(
                f"{self.what}: {url}: rate limited for {wait:.0f} s; try again later"
            ) from error
        self._wait(wait)

    def _wait(self, seconds: float) -> None:
        (self.sleep or time.sleep)(seconds)


def _retry_after(error: urllib.error.HTTPError) -> float:
    """Seconds to wait: Retry-After (the API's documented header), else ratelimit-reset
    (which list endpoints and the access log send), else a minute."""
    for header in ("Retry-After", "ratelimit-reset"):
        value = error.headers.get(header) if error.headers else None
        if value is not None:
            try:
                return max(float(value), 0.0)
            except ValueError:
                continue
    return 60.0


def _json(body: bytes, url: str, what: str) -> dict[str, Any]:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise GateError(f"{what}: {url}: the response is not JSON ({error}); try again") from error
    if not isinstance(data, dict):
        raise GateError(f"{what}: {url}: expected a JSON object, got {type(data).__name__}")
    return data


def _host(url: str) -> tuple[str, str]:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme, parts.netloc
