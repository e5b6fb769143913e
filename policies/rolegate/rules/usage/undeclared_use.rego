# METADATA
# title: Use the model does not grant
# description: |
#   Within the usage window, an account used an action (or saw a field at a visibility)
#   that none of its roles on that system grants, or used a system while no binding
#   declares the account at all. The logs show access the YAML does not declare: the
#   declared model is not what the platform enforces, so every other rule judged a
#   fiction. Drift between declaration and reality.
# custom:
#   id: USE-005
#   severity: critical
#   subject: account
#   controls: [ISO27001-A.5.18, ISO27001-A.8.2, PCI-7.2.5, SOC2-CC6.1, LGPD-6-X]
#   remediation: |
#     Find out how the account got that access on the platform (rolegate drift compares
#     an export with the repo) and either remove it there or declare it in a role, with
#     the job function that needs it, for review.
package rolegate.rules.usage.undeclared_use

import rego.v1

import data.rolegate.lib.model
import data.rolegate.lib.result
import data.rolegate.lib.usage

findings contains result.finding(entry.doc, entry.path, result.account_subject({"id": row.account}), msg) if {
	input.usage # no usage logs: nothing to judge, and lib.usage is not worked out at all
	some row in usage.recent
	usage.accounts_by_id[row.account]
	not _granted(row)
	entry := usage.entry_on(row.account, row.system)
	msg := sprintf("account %q: used %s %s on %s (%d events, last %s) but none of its roles (%s) grants it", [
		row.account, row.action, _what(row), row.system, row.events, row.last_use,
		_roles(row.account),
	])
}

findings contains result.finding(usage.log_of(system), [], result.account_subject({"id": account}), msg) if {
	some row in input.usage.accounts
	not usage.accounts_by_id[row.account]
	usage.in_window(row)
	account := row.account
	system := row.system
	_ := model.systems[system]
	msg := sprintf("account %q: used %s (%d events, last %s) but no AccountBindings declares it: a shared login, a leaver or an account made outside the repo", [
		account, system, row.events, row.last_use,
	])
}

findings contains result.finding(usage.log_of(system), [], result.account_subject({"id": account}), msg) if {
	some row in input.usage.accounts
	not model.systems[row.system]
	usage.in_window(row)
	account := row.account
	system := row.system
	msg := sprintf("account %q: used system %q (%d events, last %s), which no System document declares", [
		account, system, row.events, row.last_use,
	])
}

# A row is granted when one of the account's roles on its system grants the action on
# the resource (looked up, not scanned) and, for a field the log says how it showed,
# shows it at least that far.
_granted(row) if {
	row.visibility == ""
	some name in usage.account_roles[row.account]
	_grants_action(name, row)
}

_granted(row) if {
	row.field == ""
	some name in usage.account_roles[row.account]
	_grants_action(name, row)
}

_granted(row) if {
	row.field != ""
	row.visibility != ""
	some name in usage.account_roles[row.account]
	_grants_action(name, row)
	some grant in usage.roles_by_name[name].spec.grants
	grant.resource == row.resource
	_has_action(grant, row.action)
	_shows(grant, row)
}

_has_action(grant, action) if action in grant.actions

_has_action(grant, _) if "*" in grant.actions

_grants_action(name, row) if [name, row.system, row.resource, row.action] in usage.granted

_grants_action(name, row) if [name, row.system, row.resource, "*"] in usage.granted

_shows(grant, row) if {
	model.visibility_rank[model.visibility(grant, row.field)] >= model.visibility_rank[row.visibility]
}

_what(row) := sprintf("on %s.%s (%s)", [row.resource, row.field, row.visibility]) if {
	row.field != ""
	row.visibility != ""
} else := sprintf("on %s.%s", [row.resource, row.field]) if {
	row.field != ""
} else := sprintf("on %s", [row.resource])

_roles(id) := concat(", ", sort(usage.account_roles[id])) if {
	count(usage.account_roles[id]) > 0
} else := "none"
