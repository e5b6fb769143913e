# METADATA
# title: Frontline role can enumerate customers
# description: |
#   A frontline role may list, partially search or bulk-read a resource that holds
#   personal data. A frontline agent finds the customer in front of them by an exact key
#   (a number, a CPF, a case id); browsing lists or searching on fragments of a name is
#   how an agent picks targets among customers who never contacted them.
# custom:
#   id: LP-006
#   severity: high
#   subject: role
#   controls: [LGPD-6-III, ISO27001-A.5.15, ISO27001-A.8.3, PCI-7.2.1]
#   remediation: |
#     Remove `list`, `search_partial` and `bulk_read` from frontline grants on personal
#     data; look customers up with `search_exact` on the contact or case in hand.
package rolegate.rules.least_privilege.frontline_enumeration

import rego.v1

import data.rolegate.lib.grants
import data.rolegate.lib.minimisation
import data.rolegate.lib.result

# Actions that return customers the agent did not name exactly.
_enumerating := {"list", "search_partial", "bulk_read"}

findings contains result.finding(role, ["spec", "grants", i, "actions", j], result.role_subject(role), msg) if {
	some grant, places in grants.places
	some j, action in grant.actions
	action in _enumerating
	minimisation.holds_personal(grant.resource)
	some [r, i] in places
	role := input.roles[r]
	role.spec.tier == "frontline"
	msg := sprintf("role %q: frontline grant on %s allows %s, which enumerates customers' personal data", [
		role.metadata.name, grant.resource, action,
	])
}
