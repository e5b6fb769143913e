"""The `opa-server` engine: a running OPA, through opa-python-client.

Two modes. Push (default): make the server's policies under ``rolegate/`` the active
ones (uploaded as written: ``rego_compat=False``, never rewritten; see ``opa_push``) and
its ``data.rolegate`` the rule metadata, then query. Preloaded (``--opa-preloaded``): the
server already serves a rolegate bundle; its ``data.rolegate.bundle_revision`` must equal
this rolegate's, or the gate cannot decide. The input (customer-service access
configuration) and the token are never logged or printed.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from checker.engines import (
    EMPTY_INPUT,
    ENTRY_POINT,
    EngineInput,
    EngineSettings,
    call_timeout,
    decision_of,
)
from checker.engines.opa_cli import describe_error
from checker.engines.opa_push import StepFailed, push
from checker.errors import GateError
from checker.policy.bundle import ROOT, revision
from checker.policy.policyset import PolicySet

# A builtin error must fail the query (an HTTP error), not make its expression undefined,
# which a rule would read as "no finding".
STRICT = {"strict-builtin-errors": True}


def client_for(settings: EngineSettings) -> Any:
    """An OpaClient for ``settings.opa_url`` (http or https, host and port, no path)."""
    from opa_client import OpaClient

    url = urlsplit(settings.opa_url or "")
    if url.scheme not in ("http", "https") or not url.hostname or url.path not in ("", "/"):
        raise GateError(
            f"--opa-url {settings.opa_url!r} is not like http://host:8181 "
            "(scheme, host and port only)"
        )
    secure: bool | str = False
    if url.scheme == "https":
        secure = str(settings.opa_ca_file) if settings.opa_ca_file else True
    return OpaClient(
        host=url.hostname,
        port=url.port or (443 if secure else 80),
        ssl=secure,
        token=settings.opa_token,
        timeout=call_timeout(settings),
        retries=settings.retries,
    )


_ERRNO = re.compile(r"\[Errno -?\d+\] ([^'\")]+)")


def _describe(error: BaseException) -> str:
    """A one-line reason from the client's or requests' exceptions, never the input."""
    import requests

    if isinstance(error, StepFailed) and error.__cause__ is not None:
        return f"{error}: {_describe(error.__cause__)}"
    errors = getattr(error, "errors", None)
    if isinstance(errors, list) and errors:
        return "; ".join(describe_error(e) for e in errors)
    if isinstance(error, requests.Timeout) or "timed out" in str(error):
        return "timed out"
    if isinstance(error, requests.ConnectionError):
        reason = _ERRNO.search(str(error))
        return f"cannot connect ({reason.group(1).strip() if reason else 'no answer'})"
    if isinstance(error, ValueError):  # the answer was not JSON
        return "answer is not valid JSON"
    message = getattr(error, "message", None) or str(error) or type(error).__name__
    return " ".join(str(message).split())


class OpaServerEvaluator:
    def __init__(self, policies: PolicySet, settings: EngineSettings) -> None:
        self._url = settings.opa_url
        self._client = client_for(settings)
        if settings.opa_preloaded:
            self._call("reading the bundle revision", self._check_revision, revision(policies))
        else:
            self._call("uploading the policies", push, self._client, policies)
        self._eval(EMPTY_INPUT, failure="policy does not compile on the OPA server")

    def evaluate(self, engine_input: EngineInput) -> dict[str, Any]:
        return self._eval(engine_input.document(), failure="OPA server evaluation failed")

    def _call(self, doing: str, action: Any, *args: Any) -> Any:
        try:
            return action(*args)
        except GateError:
            raise
        except Exception as error:  # the client raises requests' and its own exceptions
            raise GateError(f"OPA server {self._url}: {doing}: {_describe(error)}") from error

    def _check_revision(self, expected: str) -> None:
        try:
            served = self._client.get_data(f"{ROOT}/bundle_revision").get("result")
        except Exception as error:
            served = f"none ({_describe(error)})"
        if served != expected:
            raise GateError(
                f"OPA server {self._url} serves bundle revision {served}, but this "
                f"rolegate's is {expected}; load `rolegate bundle` output there, "
                "or drop --opa-preloaded to push the policies"
            )

    def _eval(self, input_document: dict[str, Any], *, failure: str) -> dict[str, Any]:
        package, rule = ENTRY_POINT.removeprefix("data.").rsplit(".", 1)
        answer = self._call(failure, self._client.query_rule, input_document, package, rule, STRICT)
        if not isinstance(answer, dict):
            raise GateError(f"OPA server {self._url}: {failure}: answer is not a JSON object")
        return decision_of(answer.get("result"), source=f"OPA server {self._url}")


def load(policies: PolicySet, settings: EngineSettings) -> OpaServerEvaluator:
    if not settings.opa_url:
        raise GateError("--engine opa-server needs --opa-url (or ROLEGATE_OPA_URL)")
    return OpaServerEvaluator(policies, settings)
