# METADATA
# title: Scope or visibility widened on a role
# description: |
#   Compared with the base (`--base REF`), a grant the role already had reaches a wider
#   scope, or shows a field at a wider visibility (none < compare < masked <
#   reveal_on_demand < full). Widening is how least privilege erodes one reasonable-
#   looking change at a time; each step is flagged for the reviewer, with the people it
#   reaches in `rolegate diff`.
# custom:
#   id: CHG-002
#   severity: medium
#   subject: role
#   controls: [LGPD-6-III, ISO27001-A.5.15, ISO27001-A.5.18, ISO27001-A.8.32, PCI-7.2.4]
#   remediation: |
#     Confirm that the job functions need the wider scope or visibility (and that a
#     change ticket approves it), or keep the base's level.
package rolegate.rules.change.widened_access

import rego.v1

import data.rolegate.lib.base
import data.rolegate.lib.change
import data.rolegate.lib.model
import data.rolegate.lib.result

findings contains result.finding(role, path, result.role_subject(role), msg) if {
	some role in input.roles
	name := role.metadata.name
	base.roles[name]
	some entry in change.role_gains(name)
	entry.kind == "scope"
	entry.from != ""
	path := ["spec", "grants", _scope_grant(role, entry), "scope"]
	msg := sprintf("role %q: scope on %s widened from %s to %s", [name, entry.resource, entry.from, entry.to])
}

findings contains result.finding(role, path, result.role_subject(role), msg) if {
	some role in input.roles
	name := role.metadata.name
	base.roles[name]
	before := change.role_before(name)
	some entry in change.role_gains(name)
	entry.kind == "field"
	before.visibility[entry.resource]
	i := _field_grant(role, entry)
	path := array.concat(["spec", "grants", i], model.field_path(role.spec.grants[i], entry.name))
	msg := sprintf("role %q: %s.%s widened from %s to %s", [name, entry.resource, entry.name, entry.from, entry.to])
}

# The first grant on the resource at the entry's new scope.
_scope_grant(role, entry) := min(grants) if {
	grants := {i |
		some i, grant in role.spec.grants
		grant.resource == entry.resource
		grant.scope == entry.to
	}
	count(grants) > 0
}

# The first grant on the resource that shows the field at the entry's new visibility.
_field_grant(role, entry) := min(grants) if {
	grants := {i |
		some i, grant in role.spec.grants
		grant.resource == entry.resource
		model.visibility(grant, entry.name) == entry.to
	}
	count(grants) > 0
}
