# METADATA
# title: Contact-point change and line or login takeover held together
# description: |
#   One role, or one person through all of their accounts, can both change a customer's
#   contact points (`update` on a resource with contact_point fields) and perform
#   `sim_swap`, `port_out` or `reset_credentials`. That pair is the account-takeover
#   path: redirect the customer's phone or e-mail, then move the line or reset the
#   login, with no second person involved.
# custom:
#   id: SOD-002
#   severity: high
#   subject: role
#   controls: [ISO27001-A.5.3, ISO27001-A.5.15, ISO27001-A.8.2, SOC2-CC6.1, SOC2-CC6.3]
#   remediation: |
#     Keep contact-point changes and SIM swap, port-out or credential reset in different
#     roles held by different people, or require a second person's approval on one side.
package rolegate.rules.separation_of_duties.contact_takeover

import rego.v1

import data.rolegate.lib.access
import data.rolegate.lib.model
import data.rolegate.lib.people
import data.rolegate.lib.privilege
import data.rolegate.lib.result

_takeover_actions := {"sim_swap", "port_out", "reset_credentials"}

# Capabilities that change a contact point: update on a resource with a contact_point field.
_contact_changes := {sprintf("%s:update", [resource]) |
	some resource, definition in model.resources
	some class in definition.fields
	model.classes[class].category == "contact_point"
}

_takeovers(caps) := {cap | some cap in caps; split(cap, ":")[1] in _takeover_actions}

findings contains result.finding(role, privilege.capability_path(role, sort(takeovers)[0]), result.role_subject(role), msg) if {
	some role in input.roles
	caps := access.role_capabilities(role)
	changes := caps & _contact_changes
	count(changes) > 0
	takeovers := _takeovers(caps)
	count(takeovers) > 0
	msg := sprintf("role %q: can both change contact points (%s) and run %s", [
		role.metadata.name, concat(", ", sort(changes)), concat(", ", sort(takeovers)),
	])
}

findings contains result.finding(entry.doc, array.concat(entry.path, ["roles"]), result.account_subject(entry.account), msg) if {
	some person, caps in people.several_roles_capabilities
	changes := caps & _contact_changes
	count(changes) > 0
	takeovers := _takeovers(caps)
	count(takeovers) > 0
	not privilege.one_role_holds(person, changes, takeovers)
	entry := privilege.person_account(person)
	msg := sprintf("account %q: person %s can change contact points (%s, %s) and run %s (%s)", [
		entry.account.id, person,
		concat(", ", sort(changes)), privilege.roles_phrase(privilege.roles_with(person, changes)),
		concat(", ", sort(takeovers)), privilege.roles_phrase(privilege.roles_with(person, takeovers)),
	])
}
