# METADATA
# title: Field shown in full whose full value was never needed
# description: |
#   A grant shows a field `full`, yet within the usage window its holders only ever saw it
#   masked or revealed on demand. The full value was never needed for the work, so showing
#   it by default only exposes it (the incident's agents copied full phone numbers).
#   Judged only where the logs say how the field was shown.
# custom:
#   id: USE-003
#   severity: medium
#   subject: role
#   controls: [LGPD-6-III, ISO27001-A.8.11, PCI-3.4.1]
#   remediation: |
#     Lower the field's visibility to the widest one its holders used (reveal_on_demand
#     or masked); `rolegate suggest ROLE --usage LOGS` writes it.
package rolegate.rules.usage.full_never_needed

import rego.v1

import data.rolegate.lib.model
import data.rolegate.lib.result
import data.rolegate.lib.usage

_lower := ["compare", "masked", "reveal_on_demand"]

findings contains result.finding(role, ["spec", "grants", i, "fields", field], result.role_subject(role), msg) if {
	input.usage # no usage logs: nothing to judge, and lib.usage is not worked out at all
	some role in input.roles
	name := role.metadata.name
	system := role.metadata.system
	some i, grant in role.spec.grants
	some field, shown in object.get(grant, "fields", {})
	shown == "full"
	seen := [v | some v in _lower; [system, grant.resource, field, name, v] in usage.field_uses]
	count(seen) > 0
	not [system, grant.resource, field, name, "full"] in usage.field_uses
	not [system, grant.resource, field, name, ""] in usage.field_uses
	widest := model.visibility_name[max([model.visibility_rank[v] | some v in seen])]
	msg := sprintf("role %q: %s.%s is shown full but its holders only used it %s in the %d days to %s: lower it to %s", [
		name, grant.resource, field, concat(" or ", seen), usage.window_days, usage.today, widest,
	])
}
