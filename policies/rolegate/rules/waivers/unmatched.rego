# METADATA
# title: Waiver that covers no finding
# description: |
#   A Waiver whose rule and target match no finding: the problem was fixed, the role or
#   account was renamed, or the rule id or target is misspelt, or it names a waiver
#   rule (findings about waivers cannot be waived). A stale waiver is not harmless: it
#   silently covers the same problem if it comes back.
# custom:
#   id: WVR-002
#   severity: low
#   subject: waiver
#   controls: [ISO27001-A.5.36, SOC2-CC6.3]
#   remediation: |
#     Delete the waiver, or correct its rule id and target (`role:<name>`,
#     `account:<id>` or `system:<name>`) to the finding it is meant to cover.
package rolegate.rules.waivers.unmatched

import rego.v1

import data.rolegate.lib.result
import data.rolegate.lib.waivers

findings contains result.finding(waiver, ["spec", "target"], result.waiver_subject(waiver), msg) if {
	some waiver in input.waivers
	not _matches_a_finding(waiver)
	msg := sprintf("waiver %q: no %s finding on %s to cover%s", [
		waiver.metadata.name, waiver.spec.rule, waiver.spec.target, _note(waiver),
	])
}

_matches_a_finding(waiver) if {
	some finding in waivers.evaluated_findings
	waivers.covers(waiver, finding)
}

_rule_ids := {meta.id | some meta in data.rolegate.rule_index}

_about_waivers := {meta.id | some meta in data.rolegate.rule_index; meta.area == "waivers"}

_note(waiver) := sprintf(" (%s is not a rule)", [waiver.spec.rule]) if {
	not waiver.spec.rule in _rule_ids
} else := " (findings about waivers cannot be waived)" if {
	waiver.spec.rule in _about_waivers
} else := ""
