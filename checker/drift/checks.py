"""The drift checks: each difference between the repo and the platform is a finding of one
of these, so that every report format renders drift as it renders a check."""

from __future__ import annotations

from checker.findings import BuiltinCheck
from checker.policy.policyset import RuleMeta

_CONTROLS = ("ISO27001-A.5.18", "ISO27001-A.8.9", "SOC2-CC6.2", "LGPD-6-III")
_FIX = (
    "Change the platform back to what the repo declares, or, if the change was approved, "
    "import again (`rolegate import VENDOR EXPORT -o DIR`) and commit it through review."
)


def _check(ident: str, title: str, description: str) -> BuiltinCheck:
    return BuiltinCheck(ident, title, description, _FIX, controls=_CONTROLS, severity="high")


ROLE_ADDED = _check(
    "DRIFT-001",
    "Role on the platform that the repo does not declare",
    "The platform has a role (Zendesk custom role, Connect security profile, Salesforce "
    "profile or permission set, Genesys role) with no Role in the repo.",
)
ROLE_REMOVED = _check(
    "DRIFT-002",
    "Role in the repo that the platform does not have",
    "The repo declares a role of this platform's system that the platform no longer has.",
)
GRANT_CHANGED = _check(
    "DRIFT-003",
    "Grants differ between the repo and the platform",
    "A role's actions, scopes, field visibilities or unmapped permissions on the platform "
    "differ from its Role in the repo: access was added or removed by hand.",
)
ACCOUNT_ADDED = _check(
    "DRIFT-004",
    "Account on the platform that the repo does not declare",
    "A user record of the platform has no account in the repo's AccountBindings.",
)
ACCOUNT_REMOVED = _check(
    "DRIFT-005",
    "Account in the repo that the platform does not have",
    "The repo binds an account to this platform's roles that the platform has no user for.",
)
BINDING_CHANGED = _check(
    "DRIFT-006",
    "An account's roles differ between the repo and the platform",
    "A user holds roles on the platform that the repo does not bind to the account, or "
    "the other way round.",
)
CHECKS = (ROLE_ADDED, ROLE_REMOVED, GRANT_CHANGED, ACCOUNT_ADDED, ACCOUNT_REMOVED, BINDING_CHANGED)
_NAMES = {
    "DRIFT-001": "role_added",
    "DRIFT-002": "role_removed",
    "DRIFT-003": "grant_changed",
    "DRIFT-004": "account_added",
    "DRIFT-005": "account_removed",
    "DRIFT-006": "binding_changed",
}


def rule_meta() -> tuple[RuleMeta, ...]:
    """The checks as reporters describe rules (SARIF rules, JUnit test cases)."""
    return tuple(
        RuleMeta(
            id=c.id,
            title=c.title,
            description=c.description,
            severity=c.severity,
            subject="role" if c.id <= "DRIFT-003" else "account",
            controls=c.controls,
            remediation=c.remediation,
            escalations={},
            area="drift",
            name=_NAMES[c.id],
            file="checker/drift/checks.py",
            line=1,
        )
        for c in CHECKS
    )
