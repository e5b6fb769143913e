# METADATA
# title: Reveal-on-demand without its safeguards
# description: |
#   A grant shows a field `reveal_on_demand` but lacks one of the safeguards that make a
#   reveal individual and traceable: `conditions.require_reason: true` (the agent states
#   why), `conditions.max_reveals_per_hour` (a cap that stops trawling), and read audit
#   (`audit.read_events: true` in the role and in its System). One finding per missing
#   safeguard per grant. Without them, "on demand" is "full" with an extra click.
# custom:
#   id: DATA-004
#   severity: high
#   subject: role
#   controls: [LGPD-6-III, LGPD-37, LGPD-46, ISO27001-A.8.15, PCI-10.2.1, SOC2-CC6.1]
#   remediation: |
#     Add `require_reason: true` and `max_reveals_per_hour` to the grant's `conditions`,
#     and log read events in the role and its System.
package rolegate.rules.data_minimisation.reveal_safeguards

import rego.v1

import data.rolegate.lib.minimisation
import data.rolegate.lib.model
import data.rolegate.lib.result

findings contains result.finding(role, minimisation.condition_path(i, grant, "require_reason"), result.role_subject(role), msg) if {
	some role in input.roles
	some i, grant in role.spec.grants
	revealed := _revealed[grant]
	object.get(grant, ["conditions", "require_reason"], false) != true
	msg := sprintf("role %q: grant on %s reveals %s on demand without conditions.require_reason", [
		role.metadata.name, grant.resource, concat(", ", sort(revealed)),
	])
}

findings contains result.finding(role, minimisation.condition_path(i, grant, "max_reveals_per_hour"), result.role_subject(role), msg) if {
	some role in input.roles
	some i, grant in role.spec.grants
	revealed := _revealed[grant]
	not "max_reveals_per_hour" in object.keys(object.get(grant, "conditions", {}))
	msg := sprintf("role %q: grant on %s reveals %s on demand without conditions.max_reveals_per_hour", [
		role.metadata.name, grant.resource, concat(", ", sort(revealed)),
	])
}

findings contains result.finding(role, ["spec", "grants", i], result.role_subject(role), msg) if {
	some role in input.roles
	some i, grant in role.spec.grants
	revealed := _revealed[grant]
	not _reads_logged(role)
	msg := sprintf("role %q: grant on %s reveals %s on demand but reveals are not logged (%s)", [
		role.metadata.name, grant.resource, concat(", ", sort(revealed)), _audit_gap(role),
	])
}

# The fields each distinct grant reveals on demand (grants revealing none are left out).
_revealed := {grant: fields |
	some grant in model.distinct_grants
	fields := model.fields_at(grant, "reveal_on_demand")
	count(fields) > 0
}

_role_logs_reads(role) if role.spec.audit.read_events == true

_reads_logged(role) if {
	_role_logs_reads(role)
	model.role_system(role).spec.audit.read_events == true
}

_audit_gap(role) := "the role does not set audit.read_events: true" if {
	not _role_logs_reads(role)
} else := sprintf("system %q does not log read events", [role.metadata.system]) if {
	model.role_system(role)
} else := sprintf("system %q is not declared", [role.metadata.system])
