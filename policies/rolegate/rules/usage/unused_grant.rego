# METADATA
# title: Grant no holder used
# description: |
#   A role grants an action that none of the accounts holding the role used within the
#   usage window (OrgPolicy thresholds.usage_window_days, default 90 days back from now),
#   on a system whose usage logs can show that action. Access that is granted but never
#   used is access that only an attacker, a leaver or a curious agent will use: the need
#   on paper is not borne out by the work. Actions the logs cannot show are not judged.
# custom:
#   id: USE-001
#   severity: medium
#   subject: role
#   controls: [LGPD-6-III, ISO27001-A.5.18, PCI-7.2.4, SOC2-CC6.3]
#   remediation: |
#     Remove the unused actions from the grant (the whole grant when none was used), or
#     `rolegate suggest ROLE --usage LOGS` for the right-sized role as a pull request. If
#     the access is needed but rare (month-end, incidents), keep it with a Waiver that
#     says why.
package rolegate.rules.usage.unused_grant

import rego.v1

import data.rolegate.lib.result
import data.rolegate.lib.usage

findings contains result.finding(role, ["spec", "grants", i], result.role_subject(role), msg) if {
	input.usage # no usage logs: nothing to judge, and lib.usage is not worked out at all
	some role in input.roles
	name := role.metadata.name
	system := role.metadata.system
	system in usage.covered_systems
	count(usage.holders[name]) > 0
	some i, grant in role.spec.grants
	unused := [action |
		some action in grant.actions
		action != "*"
		usage.observed(system, grant.resource, action)
		not [system, grant.resource, action, name] in usage.used
	]
	count(unused) > 0
	msg := sprintf("role %q: no holder used %s on %s in %s in the %d days to %s%s: %s", [
		name, concat(", ", unused), grant.resource, system, usage.window_days, usage.today,
		_older(system, grant.resource, unused, name), _fix(grant, unused),
	])
}

_older(system, resource, unused, name) := sprintf(" (%s only before the window)", [concat(", ", older)]) if {
	older := [action | some action in unused; [system, resource, action, name] in usage.used_before]
	count(older) > 0
} else := ""

_fix(grant, unused) := "remove the grant" if {
	count(unused) == count(grant.actions)
} else := "remove these actions from the grant"
