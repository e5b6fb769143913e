# METADATA
# title: Waivers
# description: |
#   When a Waiver is in force and which finding it covers. A waiver covers the findings
#   of its `rule` whose subject is its `target` (`role:<name>`, `account:<id>`,
#   `system:<name>`). It is in force from today (input.context.now) up to and including
#   its `expires` day, and only if that day is at most the OrgPolicy's max_waiver_days
#   away. rolegate.main moves covered findings to `waived`; the waiver rules report
#   waivers that have expired, run too long, cover nothing, or were approved by the
#   owner of the role they excuse.
package rolegate.lib.waivers

import rego.v1

import data.rolegate.lib.model

# today is the evaluation day, YYYY-MM-DD.
today := substring(input.context.now, 0, 10)

expired(waiver) if waiver.spec.expires < today

# The longest a waiver may run, in days.
max_days := model.thresholds.max_waiver_days

_today_ns := model.date_ns(today)

# days_left is the number of days from today to the waiver's last day; undefined when
# either day cannot be read (lib.model.date_ns). (Functions here use no import alias:
# see lib.change.)
days_left(waiver) := floor((data.rolegate.lib.model.date_ns(waiver.spec.expires) - _today_ns) / 86400000000000)

# within_max holds when the waiver's last day is at most max_days from today. A day that
# cannot be counted is not within it, so such a waiver is never in force.
within_max(waiver) if days_left(waiver) <= max_days

too_long(waiver) if {
	not expired(waiver)
	not within_max(waiver)
}

in_force contains waiver if {
	some waiver in input.waivers
	not expired(waiver)
	within_max(waiver)
}

# covering[[rule, target]] is the waiver in force for findings of `rule` on `target`:
# the first one by file and position when several are.
covering[match] := _first(match) if {
	some waiver in in_force
	match := [waiver.spec.rule, waiver.spec.target]
}

_first(match) := waiver if {
	candidates := [w | some w in in_force; [w.spec.rule, w.spec.target] == match]
	first := min({_position(w) | some w in candidates})
	some waiver in candidates
	_position(waiver) == first
}

_position(waiver) := [waiver.source.file, waiver.source.document]

# covers holds when the waiver names the rule and subject of the finding.
covers(waiver, finding) if {
	finding.rule == waiver.spec.rule
	finding.subject == waiver.spec.target
}

# summary is how a waived finding shows its waiver in the decision.
summary(waiver) := {
	"name": waiver.metadata.name,
	"file": waiver.source.file,
	"document": waiver.source.document,
	"reason": waiver.spec.reason,
	"ticket": waiver.spec.ticket,
	"approved_by": waiver.spec.approved_by,
	"expires": waiver.spec.expires,
}

# evaluated_findings are the stamped findings of every rule outside the `waivers` area.
# rolegate.main hands them in (`with data.rolegate.evaluated_findings`) when it runs the
# waiver rules; a waiver rule queried on its own sees none.
evaluated_findings := found if {
	found := data.rolegate.evaluated_findings
} else := []
