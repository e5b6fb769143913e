# METADATA
# title: Account with access but no activity
# description: |
#   An account is bound to roles on a system whose usage logs are given, but had no
#   activity on any of those systems within the usage window. Dormant accounts are how
#   shared and leavers' logins get abused: nobody notices their use. Break-glass accounts
#   (idle by design), accounts whose validity starts inside the window, and roles
#   granting nothing the system's logs can show are not judged.
# custom:
#   id: USE-002
#   severity: high
#   subject: account
#   controls: [ISO27001-A.5.18, PCI-8.2.6, LGPD-46, SOC2-CC6.2]
#   remediation: |
#     Disable the account (remove its roles, or set valid_until), and re-enable it on
#     request when its person needs it again.
package rolegate.rules.usage.dormant_account

import rego.v1

import data.rolegate.lib.model
import data.rolegate.lib.result
import data.rolegate.lib.usage

findings contains result.finding(entry.doc, entry.path, result.account_subject(account), msg) if {
	input.usage # no usage logs: nothing to judge, and lib.usage is not worked out at all
	some entry in model.accounts
	account := entry.account
	object.get(account, "type", "individual") != "break_glass"
	not _new(account)
	systems := {system |
		some name in object.get(account, "roles", [])
		role := usage.roles_by_name[name]
		system := role.metadata.system
		system in usage.covered_systems
		_observable(role)
	}
	count(systems) > 0
	every system in systems {
		not [account.id, system] in usage.active
	}
	msg := sprintf("account %q: holds roles on %s but had no activity there in the %d days to %s (%s): disable it", [
		account.id, concat(", ", sort(systems)), usage.window_days, usage.today, _last(account.id, systems),
	])
}

# _observable holds for a role granting something its system's logs can show: on a
# system whose logs show only some actions, an account holding none of them would look
# idle whatever it did.
_observable(role) if {
	some grant in role.spec.grants
	some action in grant.actions
	usage.observed(role.metadata.system, grant.resource, action)
}

# _new holds for an account whose validity starts inside the window.
_new(account) if model.date_ns(account.valid_from) > usage.window_start_ns

_last(id, systems) := sprintf("last active %s", [seen[count(seen) - 1]]) if {
	seen := sort([usage.last_seen[[id, system]] | some system in systems])
	count(seen) > 0
} else := "never in the logs"
