# METADATA
# title: Usage evidence
# description: |
#   Views over input.usage, the summary of usage logs (docs/usage.md), that the USE rules
#   share: the window of recent use (OrgPolicy thresholds.usage_window_days back from
#   now), what each system's logs can show, and what the holders of each role used. Every
#   view is built in one pass over the summary's rows, so the rules stay linear in roles,
#   accounts and rows. Rows are per account, system, resource, action, field and
#   visibility, never per event.
package rolegate.lib.usage

import rego.v1

import data.rolegate.lib.model

window_days := model.thresholds.usage_window_days

window_start_ns := model.now_ns - (window_days * model.day_ns)

# today is the evaluation day, for messages ("in the 90 days to 2026-11-28").
today := substring(input.context.now, 0, 10)

# in_window holds for a row (or an account row) with use inside the window: its last use
# at or after the window's start, its first use not after now. (Functions here use full
# references, never import aliases: on regorus 0.13 a function called from another
# package loses its module's aliases.)
in_window(row) if {
	time.parse_rfc3339_ns(row.last_use) >= data.rolegate.lib.usage.window_start_ns
	time.parse_rfc3339_ns(row.first_use) <= data.rolegate.lib.model.now_ns
}

# before_window holds for a row whose every use is older than the window.
before_window(row) if time.parse_rfc3339_ns(row.last_use) < data.rolegate.lib.usage.window_start_ns

# covered_systems are the systems the logs hold events of.
covered_systems := {s.system | some s in input.usage.systems}

observed_kinds := {[s.system, kind] | some s in input.usage.systems; some kind in s.observed}

# observed(system, resource, action) holds when the system's logs can show that action
# on that resource: every action for a neutral log ("*"), else what its vendor's
# evidence table can show. What they cannot show is never called unused.
observed(system, _, _) if [system, "*"] in data.rolegate.lib.usage.observed_kinds

observed(system, resource, action) if {
	[system, sprintf("%s:%s", [resource, action])] in data.rolegate.lib.usage.observed_kinds
}

# log_of(system) is a document-like object naming the first log holding the system's
# events, for findings no YAML document can hold (an account no binding declares).
log_of(system) := {"source": {"file": [s | some s in input.usage.systems; s.system == system][0].sources[0], "document": 0}}

# accounts_by_id maps each account id to its first binding entry (lib.model.accounts).
accounts_by_id := {pair[0]: model.accounts[pair[1]] |
	some k, pair in _id_pairs
	_first_of_its_id(k)
}

_id_pairs := sort([[entry.account.id, i] | some i, entry in model.accounts])

_first_of_its_id(k) if k == 0

_first_of_its_id(k) if {
	k > 0
	_id_pairs[k - 1][0] != _id_pairs[k][0]
}

roles_by_name := model.first_by_name(input.roles)

# account_roles[id] are the role names an account is bound to, in every binding that
# names it (an imported repo binds the same login once per platform); undefined for an
# account no binding gives a role. (The views here are grouped from sorted pairs,
# lib.model grouped: linear on both engines.)
account_roles := {id: {role | some role in roles} | some id, roles in model.grouped(pairs)} if {
	pairs := [[entry.account.id, role] |
		some entry in model.accounts
		some role in object.get(entry.account, "roles", [])
	]
}

_indexes_by_id := {id: {i | some i in found} | some id, found in model.grouped(pairs)} if {
	pairs := [[entry.account.id, i] | some i, entry in model.accounts]
}

# entry_on(id, system) is the binding entry of the account that gives it a role on the
# system, else its first entry: where a finding about its use of the system belongs.
entry_on(id, system) := entry if {
	found := {j |
		some j in data.rolegate.lib.usage._indexes_by_id[id]
		_bound_on(data.rolegate.lib.model.accounts[j], system)
	}
	count(found) > 0
	entry := data.rolegate.lib.model.accounts[min(found)]
} else := data.rolegate.lib.usage.accounts_by_id[id]

_bound_on(entry, system) if {
	some name in object.get(entry.account, "roles", [])
	data.rolegate.lib.usage.roles_by_name[name].metadata.system == system
}

# holders[role] are the ids of the accounts bound to the role.
# (Grouped by role once: a set per role that scans every account costs roles x accounts.)
holders := {name: {id | some id in object.get(by_role, name, [])} | some name, _ in roles_by_name} if {
	by_role := model.grouped([[role, id] | some id, roles in account_roles; some role in roles])
}

# recent are the summary's rows with use inside the window, older those whose every use
# is older: each row's times are read once, here.
recent := [row | some row in input.usage.grants; in_window(row)]

older := [row | some row in input.usage.grants; before_window(row)]

# used is every [system, resource, action, role] some holder of the role used inside the
# window; used_before the same for use that is all older than the window.
used := {[row.system, row.resource, row.action, role] |
	some row in recent
	some role in account_roles[row.account]
}

used_before := {[row.system, row.resource, row.action, role] |
	some row in older
	some role in account_roles[row.account]
}

# granted is every [role, system, resource, action] a role grants ("*" for a wildcard),
# so that a row's use is checked against its account's roles by lookup.
granted := {[name, role.metadata.system, grant.resource, action] |
	some name, role in roles_by_name
	some grant in role.spec.grants
	some action in grant.actions
}

# field_uses is every [system, resource, field, role, visibility] a holder of the role
# used inside the window ("" when the log did not say how the field was shown).
field_uses := {[row.system, row.resource, row.field, role, row.visibility] |
	some row in recent
	row.field != ""
	some role in account_roles[row.account]
}

# active is every [account, system] with activity inside the window.
active := {[row.account, row.system] | some row in input.usage.accounts; in_window(row)}

# last_seen[[account, system]] is the account's last activity on the system, any time.
last_seen := {[row.account, row.system]: row.last_use | some row in input.usage.accounts}
