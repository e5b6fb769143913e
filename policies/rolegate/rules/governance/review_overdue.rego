# METADATA
# title: Role access review missing or overdue
# description: |
#   A role has no `last_review`, or its last review is older than its review interval (or
#   cannot be counted in days from today):
#   the role's own review_interval_days, capped by the OrgPolicy's
#   max_review_interval_days for the strictest kind that applies (break_glass for
#   break-glass roles; privileged for admin and access_admin roles and roles that can
#   grant or edit roles; contractor for contractor roles and roles bound to contractor
#   accounts; standard otherwise). Access nobody has looked at in a long time drifts away
#   from what the job needs. High when the role is sensitive (personal data at scope team
#   or wider, reveal on demand, export, an admin or break-glass tier, or contractors).
# custom:
#   id: GOV-002
#   severity: medium
#   escalations:
#     sensitive: high
#   subject: role
#   controls: [ISO27001-A.5.18, PCI-7.2.4, SOC2-CC6.2, LGPD-6-X]
#   remediation: |
#     Review who holds the role and what it grants, then record the date in
#     metadata.last_review; keep review_interval_days at or below the policy's maximum.
package rolegate.rules.governance.review_overdue

import rego.v1

import data.rolegate.lib.access
import data.rolegate.lib.grants
import data.rolegate.lib.model
import data.rolegate.lib.result
import data.rolegate.lib.traceability

findings contains _finding(role, ["metadata"], msg) if {
	some role in input.roles
	not role.metadata.last_review
	interval := _interval(role)
	msg := sprintf("role %q: metadata has no last_review (reviews are due every %d days, %s)", [
		role.metadata.name, interval.days, interval.basis,
	])
}

findings contains _finding(role, ["metadata", "last_review"], msg) if {
	some role in input.roles
	last := role.metadata.last_review
	# Most roles stop here, before their interval is worked out.
	not _reviewed_within(last, _shortest_interval(role))
	interval := _interval(role)
	not _reviewed_within(last, interval.days)
	msg := _overdue_message(role, last, interval)
}

# _reviewed_within holds when the review on `last` is at most `days` days old. A day that
# cannot be counted is within no interval, so the role is reported, never passed.
_reviewed_within(last, days) if _age(last) <= days

_age(last) := floor((model.now_ns - model.date_ns(last)) / model.day_ns)

_overdue_message(role, last, interval) := sprintf("role %q: last_review %s is %d days old, over the %d-day review interval (%s)", [
	role.metadata.name, last, age, interval.days, interval.basis,
]) if {
	age := _age(last)
} else := sprintf("role %q: last_review %s cannot be counted in days from today, so the %d-day review interval (%s) is not shown to hold", [
	role.metadata.name, last, interval.days, interval.basis,
])

_finding(role, path, msg) := result.escalated(role, path, result.role_subject(role), msg, "sensitive") if {
	_sensitive(role)
} else := result.finding(role, path, result.role_subject(role), msg)

# _interval is the days allowed between reviews and where the number comes from.
_interval(role) := {"days": own, "basis": "the role's review_interval_days"} if {
	own := role.metadata.review_interval_days
	own < _policy_interval(role).days
} else := _policy_interval(role)

# _shortest_interval is no longer than the role's interval, whatever kind of role it is.
_shortest_interval(role) := min({days |
	some days in array.concat(
		[d | some _, d in model.thresholds.max_review_interval_days],
		[d | d := role.metadata.review_interval_days],
	)
})

_policy_interval(role) := {"days": days, "basis": sprintf("%s maximum", [kind])} if {
	caps := {k: model.thresholds.max_review_interval_days[k] | some k in _kinds(role)}
	days := min({d | some d in caps})
	kind := sort({k | some k, d in caps; d == days})[0]
}

_kinds(role) := kinds if {
	special := {k | some k in ["break_glass", "privileged", "contractor"]; _is(k, role)}
	kinds := _or_standard(special)
}

_or_standard(kinds) := kinds if count(kinds) > 0 else := {"standard"}

_is("break_glass", role) if role.spec.tier == "break_glass"

_is("privileged", role) if role.spec.tier in {"admin", "access_admin"}

_is("privileged", role) if {
	some grant in role.spec.grants
	grant in _admin_grants
}

_is("contractor", role) if access.contractor_held(role)

_sensitive(role) if role.spec.tier in {"admin", "access_admin", "break_glass"}

_sensitive(role) if _is("contractor", role)

_sensitive(role) if {
	some grant in role.spec.grants
	grant in _sensitive_grants
}

# The distinct grants (lib.grants) that administer roles, and those that make a role
# sensitive: each judged once, however many roles hold it.
_admin_grants := {grant |
	some grant, _ in grants.places
	some action in grant.actions
	action in model.role_admin_actions
}

_sensitive_grants := {grant | some grant, _ in grants.places; _sensitive_grant(grant)}

_sensitive_grant(grant) if {
	model.scope_rank[grant.scope] >= model.scope_rank.team
	traceability.has_personal(grant)
}

_sensitive_grant(grant) if count(traceability.revealed_fields(grant)) > 0

_sensitive_grant(grant) if count(traceability.personal_export_indexes(grant)) > 0
