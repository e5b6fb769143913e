"""Push mode of the `opa-server` engine: make a running OPA hold exactly these policies.

Policy ids under ``rolegate/`` and the data document ``data.rolegate`` belong to
rolegate. OPA compiles each request with everything it already holds, so the server's
``rolegate/`` modules that differ from the active ones or are no longer active are
deleted, together with every module that refers to one of them, callers first; then
the active modules the server lacks are uploaded, what is called before its callers
(``policy/loadorder.py``). A module of the same id and text stays: checks with the same
rolegate and rules never disturb each other, and a changed rule costs a few requests.
A module outside ``rolegate/`` that declares a package inside ``data.rolegate`` (a
served bundle, or a policy put there by hand) would change the decision unseen, so
rolegate refuses to push beside it. Any refusal of the server stops the push; the
caller reports it (exit 2), and the next push starts again from what the server holds.
"""

from __future__ import annotations

from typing import Any

from checker.policy.bundle import ROOT, policy_paths
from checker.policy.loadorder import dependencies, load_order
from checker.policy.policyset import PolicySet

POLICY_PREFIX = f"{ROOT}/"


class ServerStateError(Exception):
    """What a server holds that rolegate must not push beside or cannot read."""


class StepFailed(Exception):
    """A request of the push the server refused; the cause is the client's error."""


def wanted_modules(policies: PolicySet) -> dict[str, str]:
    """The active policies by their policy id on the server."""
    return {POLICY_PREFIX + inside: rego.text for inside, rego in policy_paths(policies).items()}


def push(client: Any, policies: PolicySet) -> None:
    """Bring the server's rolegate policies and data to ``policies``."""
    wanted = wanted_modules(policies)
    listed = client.get_policies_info()
    _refuse_intruders(_packages(client.root_url, listed))
    held = {pid: _text(client, pid) for pid in listed if str(pid).startswith(POLICY_PREFIX)}
    stale = stale_modules(held, wanted)
    for pid in stale:
        _step(f"deleting the server's policy {pid!r}", client.delete_policy, pid)
    for pid in load_order(wanted):
        if pid not in held or pid in stale:
            client.update_policy_from_string(wanted[pid], pid, rego_compat=False)
    client.update_or_create_data(policies.data()[ROOT], ROOT)  # all of data.rolegate


def stale_modules(held: dict[str, str], wanted: dict[str, str]) -> list[str]:
    """The held modules to delete, callers first: each that is not wanted as it is, and
    every module that refers to one of those."""
    callers: dict[str, set[str]] = {pid: set() for pid in held}
    for pid, needs in dependencies(held).items():
        for need in needs:
            callers[need].add(pid)
    doomed = {pid for pid, text in held.items() if wanted.get(pid) != text}
    pending = list(doomed)
    while pending:
        for caller in callers[pending.pop()] - doomed:
            doomed.add(caller)
            pending.append(caller)
    return [pid for pid in reversed(load_order(held)) if pid in doomed]


def _step(doing: str, action: Any, *args: Any) -> None:
    try:
        action(*args)
    except Exception as error:  # the client's and requests' own exceptions
        raise StepFailed(doing) from error


def _packages(root_url: str, listed: dict[str, Any]) -> dict[str, str]:
    """Each policy id's package, from the listing's ``path`` (``<root>/data/a/b``)."""
    found = {}
    for pid, info in listed.items():
        path = str(info.get("path", "")) if isinstance(info, dict) else ""
        found[str(pid)] = path.removeprefix(f"{root_url}/data").strip("/").replace("/", ".")
    return found


def _refuse_intruders(packages: dict[str, str]) -> None:
    intruders = sorted(
        f"{pid!r} (package {package})"
        for pid, package in packages.items()
        if not pid.startswith(POLICY_PREFIX) and (package + ".").startswith(ROOT + ".")
    )
    if intruders:
        raise ServerStateError(
            f"the server holds {', '.join(intruders[:3])}"
            + (f" and {len(intruders) - 3} more" if len(intruders) > 3 else "")
            + f", inside data.{ROOT} but not pushed by rolegate; if the server serves "
            "`rolegate bundle` output, pass --opa-preloaded, else delete "
            + ("that policy" if len(intruders) == 1 else "those policies")
            + " from the server"
        )


def _text(client: Any, pid: str) -> str:
    answer = client.get_policy(pid)
    result = answer.get("result") if isinstance(answer, dict) else None
    text = result.get("raw") if isinstance(result, dict) else None
    if not isinstance(text, str):
        raise ServerStateError(f"the server's answer for policy {pid!r} has no module text")
    return text
