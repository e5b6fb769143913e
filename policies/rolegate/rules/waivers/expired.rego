# METADATA
# title: Waiver expired or longer than allowed
# description: |
#   A Waiver whose `expires` day has passed, or whose `expires` day is further from today
#   than the OrgPolicy's max_waiver_days (90 by default) or cannot be counted from today
#   (a day outside 1900-01-01..2199-12-31). Such a waiver is not in force:
#   the finding it would cover fails again. An exception is accepted for a limited time
#   and then looked at again; one that has lapsed, or that was written to outlast the
#   review cycle, is an exception nobody is reviewing.
# custom:
#   id: WVR-001
#   severity: high
#   subject: waiver
#   controls: [ISO27001-A.5.15, ISO27001-A.5.36, SOC2-CC6.3]
#   remediation: |
#     Fix the finding the waiver covers and delete the waiver, or renew it: a new
#     approval and ticket, with `expires` no more than max_waiver_days from today.
package rolegate.rules.waivers.expired

import rego.v1

import data.rolegate.lib.result
import data.rolegate.lib.waivers

findings contains result.finding(waiver, ["spec", "expires"], result.waiver_subject(waiver), msg) if {
	some waiver in input.waivers
	waivers.expired(waiver)
	msg := sprintf("waiver %q: expired on %s, so %s on %s applies again", [
		waiver.metadata.name, waiver.spec.expires, waiver.spec.rule, waiver.spec.target,
	])
}

findings contains result.finding(waiver, ["spec", "expires"], result.waiver_subject(waiver), msg) if {
	some waiver in input.waivers
	waivers.too_long(waiver)
	msg := _too_long_message(waiver)
}

_too_long_message(waiver) := sprintf("waiver %q: expires %s, %d days from now, over the maximum of %d, so it is not in force", [
	waiver.metadata.name, waiver.spec.expires, days, waivers.max_days,
]) if {
	days := waivers.days_left(waiver)
} else := sprintf("waiver %q: expires %s, a day that cannot be counted from today, so it is not in force", [
	waiver.metadata.name, waiver.spec.expires,
])
