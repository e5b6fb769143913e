# METADATA
# title: Assignment-bound access to addresses or location outlives the case
# description: |
#   A grant at scope `assigned` shows an address (a contact-point field whose name
#   contains "address") or location data (class category `location`), and its access
#   does not end within `thresholds.assigned_access_max_hours_after_close` hours of the
#   case or contact closing: `conditions.expires_after_close_hours` is missing or above
#   the limit. "Assigned" only protects customers if the assignment ends; otherwise an
#   agent keeps knowing where every past caller lives.
# custom:
#   id: LP-007
#   severity: medium
#   subject: role
#   controls: [LGPD-6-III, LGPD-46, ISO27001-A.5.15, ISO27001-A.5.18]
#   remediation: |
#     Set `conditions.expires_after_close_hours` on the grant, at most the OrgPolicy's
#     `thresholds.assigned_access_max_hours_after_close`.
package rolegate.rules.least_privilege.assigned_expiry

import rego.v1

import data.rolegate.lib.minimisation
import data.rolegate.lib.model
import data.rolegate.lib.result

findings contains result.finding(role, minimisation.condition_path(i, grant, "expires_after_close_hours"), result.role_subject(role), msg) if {
	some role in input.roles
	some i, grant in role.spec.grants
	shown := _assigned_place_fields[grant]
	not "expires_after_close_hours" in object.keys(object.get(grant, "conditions", {}))
	msg := sprintf("role %q: assigned grant on %s shows %s with no conditions.expires_after_close_hours", [
		role.metadata.name, grant.resource, concat(", ", sort(shown)),
	])
}

findings contains result.finding(role, ["spec", "grants", i, "conditions", "expires_after_close_hours"], result.role_subject(role), msg) if {
	some role in input.roles
	some i, grant in role.spec.grants
	shown := _assigned_place_fields[grant]
	hours := grant.conditions.expires_after_close_hours
	limit := model.thresholds.assigned_access_max_hours_after_close
	hours > limit
	msg := sprintf("role %q: assigned grant on %s shows %s for %d hours after close, above the limit of %d", [
		role.metadata.name, grant.resource, concat(", ", sort(shown)), hours, limit,
	])
}

# For each distinct assigned-scope grant, the fields it shows that tell where a customer
# is: addresses and location data (grants showing none are left out).
_assigned_place_fields := {grant: fields |
	some grant in model.distinct_grants
	grant.scope == "assigned"
	fields := {field |
		some field in model.visible_fields(grant)
		_is_place(model.field_class(grant.resource, field), field)
	}
	count(fields) > 0
}

_is_place(class, _) if class.category == "location"

_is_place(class, field) if {
	class.category == "contact_point"
	contains(field, "address")
}
