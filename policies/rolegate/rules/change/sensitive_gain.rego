# METADATA
# title: Sensitive access gained without a new change ticket
# description: |
#   Compared with the base (`--base REF`), a role gains sensitive access — a field of
#   sensitivity 3 or more shown masked or wider, an export or administrative action
#   (export, bulk_read, download, grant_role, edit_role, delete_audit, edit_audit,
#   impersonate, configure, create_api_token, *), a widened scope, or a new grant reaching
#   a whole division or every customer — while its change_ticket is missing or still the
#   base's. Each widening of access must be traceable to the approval that allowed it.
#   Roles that are new since the base are left to the rest of the library (GOV-001
#   requires their ticket).
# custom:
#   id: CHG-001
#   severity: high
#   subject: role
#   controls: [ISO27001-A.8.32, ISO27001-A.5.15, SOC2-CC8.1, PCI-7.2.4, LGPD-6-X]
#   remediation: |
#     Record the ticket that approved this change in metadata.change_ticket, or drop
#     the new access from the change.
package rolegate.rules.change.sensitive_gain

import rego.v1

import data.rolegate.lib.base
import data.rolegate.lib.change
import data.rolegate.lib.privilege
import data.rolegate.lib.result

findings contains result.finding(role, path, result.role_subject(role), msg) if {
	some role in input.roles
	previous := base.roles[role.metadata.name]
	gains := sort([change.describe(entry) | some entry in change.role_gains(role.metadata.name); change.sensitive(entry)])
	count(gains) > 0
	not _new_ticket(role, previous)
	path := privilege.closest_path(role, ["metadata", "change_ticket"])
	msg := sprintf("role %q: gains %s %s", [role.metadata.name, concat(", ", gains), _ticket_problem(role)])
}

_new_ticket(role, previous) if {
	role.metadata.change_ticket
	role.metadata.change_ticket != object.get(previous.metadata, "change_ticket", "")
}

_ticket_problem(role) := sprintf("under the base's change_ticket %s", [role.metadata.change_ticket]) if {
	role.metadata.change_ticket
} else := "with no change_ticket"
