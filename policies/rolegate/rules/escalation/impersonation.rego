# METADATA
# title: Impersonation without a time limit, a stated reason or a read trail
# description: |
#   A grant allows `impersonate` (acting as a customer or another user) without a
#   `conditions.max_session_minutes`, without `conditions.require_reason: true`, or on a
#   role or system that does not log read events. Impersonation shows everything the
#   impersonated party sees and acts in their name; unbounded and unexplained, it is
#   untraceable access to anyone.
# custom:
#   id: ESC-003
#   severity: high
#   subject: role
#   controls: [LGPD-6-X, LGPD-37, ISO27001-A.8.2, ISO27001-A.8.15, PCI-10.2.1, SOC2-CC6.1]
#   remediation: |
#     Give the grant `conditions.max_session_minutes` and `conditions.require_reason: true`,
#     and turn on `audit.read_events` in the role and in its System.
package rolegate.rules.escalation.impersonation

import rego.v1

import data.rolegate.lib.model
import data.rolegate.lib.result

findings contains result.finding(role, ["spec", "grants", i, "actions", j], result.role_subject(role), msg) if {
	some role in input.roles
	some i, grant in role.spec.grants
	some j, action in grant.actions
	action == "impersonate"
	gaps := [gap | some check in _checks; not _meets(role, grant, check); gap := _gap(role, check)]
	count(gaps) > 0
	msg := sprintf("role %q: impersonate on %s without %s", [role.metadata.name, grant.resource, concat(", ", gaps)])
}

_checks := ["max_session_minutes", "require_reason", "role_read_audit", "system_read_audit"]

_gap(_, "max_session_minutes") := "conditions.max_session_minutes"

_gap(_, "require_reason") := "conditions.require_reason"

_gap(_, "role_read_audit") := "audit.read_events in the role"

_gap(role, "system_read_audit") := sprintf("read events logged by system %q", [object.get(role.metadata, "system", "")])

_meets(_, grant, "max_session_minutes") if grant.conditions.max_session_minutes

_meets(_, grant, "require_reason") if grant.conditions.require_reason == true

_meets(role, _, "role_read_audit") if role.spec.audit.read_events == true

_meets(role, _, "system_read_audit") if model.role_system(role).spec.audit.read_events == true
