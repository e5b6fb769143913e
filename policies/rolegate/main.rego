# METADATA
# title: Decision
# description: |
#   The entry point, data.rolegate.main.decision. It runs every rule listed in
#   data.rolegate.rule_index (the rules' METADATA, handed in as data so that every
#   engine sees the same), stamps id, severity, title and controls on each finding,
#   applies the OrgPolicy's disabled_rules and severity_overrides, moves findings that a
#   Waiver in force covers to `waived`, marks findings whose fingerprint the base already
#   had (input.base_fingerprints, --new-only) as pre-existing, and counts, per rule, the
#   subjects checked, passed and failed. With input.base (--base) it also holds the
#   access diff of data.rolegate.diff, and with input.review the access review's view
#   (data.rolegate.review).
package rolegate.main

import rego.v1

import data.rolegate.diff
import data.rolegate.lib.fingerprint
import data.rolegate.lib.model
import data.rolegate.lib.result
import data.rolegate.lib.waivers
import data.rolegate.review
import data.rolegate.suggest

_index := data.rolegate.rule_index

_disabled := {id | some id in model.org.disabled_rules}

_severity(meta) := sev if {
	sev := model.org.severity_overrides[meta.id]
} else := meta.severity

# A finding's severity: the OrgPolicy's override, else the level its escalation names
# in the rule's METADATA, else the rule's default.
_finding_severity(meta, _) := model.org.severity_overrides[meta.id]

_finding_severity(meta, raw) := meta.escalations[raw.escalation] if {
	not model.org.severity_overrides[meta.id]
}

_finding_severity(meta, raw) := meta.severity if {
	not model.org.severity_overrides[meta.id]
	not _escalated(meta, raw)
}

# In a helper, so that a finding without `escalation` negates cleanly on every engine
# (OPA evaluates `raw.escalation` outside the `not` and would drop the finding).
_escalated(meta, raw) if meta.escalations[raw.escalation]

_stamp(meta, raw) := {
	"rule": meta.id,
	"severity": _finding_severity(meta, raw),
	"title": meta.title,
	"controls": meta.controls,
	"fingerprint": key,
	"pre_existing": key in _base_fingerprints,
} if {
	key := fingerprint.key(meta.id, raw)
}

_base_fingerprints := {key | some key in input.base_fingerprints}

# The stamp is applied last, so a rule cannot set its own id or severity.
_stamped(meta, raw) := object.remove(object.union(raw, _stamp(meta, raw)), ["escalation"])

# The waiver rules: the package area `waivers`. They see the other rules' findings.
_waiver_rule(meta) if meta.area == "waivers"

# rule_findings[id] is what each rule of the index found, before stamping (undefined for
# a package without `findings`). A rule whose findings data.rolegate.found already holds
# is not run again: on a large repo the embedded engine evaluates shares of the rules in
# parallel processes and hands their findings in there (checker/engines/shards.py).
rule_findings[meta.id] := found if {
	some meta in _index
	found := _findings_of(meta)
}

_findings_of(meta) := data.rolegate.found[meta.id]

# A rule that is not evaluated (a usage rule without input.usage) is not run either: it
# finds nothing, and working it out would cost as much as with usage logs.
_findings_of(meta) := set() if {
	not _handed_in(meta)
	_not_evaluated(meta)
}

_findings_of(meta) := data.rolegate.rules[meta.area][meta.name].findings if {
	not _handed_in(meta)
	not _not_evaluated(meta)
}

# In a helper, so that negating a reference into data that may not exist reads the same
# on every engine.
_handed_in(meta) if {
	_ = data.rolegate.found[meta.id]
}

# The findings of every rule except the waiver rules.
_evaluated contains _stamped(meta, raw) if {
	some meta in _index
	not meta.id in _disabled
	not _waiver_rule(meta)
	not _not_evaluated(meta)
	some raw in rule_findings[meta.id]
}

# The waiver packages, evaluated once over the other rules' findings. (On regorus a
# `with` value must be a local variable, and a `with` over a dynamic reference into
# data.rolegate.rules would re-evaluate every rule.)
_waiver_packages := packages if {
	evaluated := _evaluated
	packages := data.rolegate.rules.waivers with data.rolegate.evaluated_findings as evaluated
}

_waiver_findings contains _stamped(meta, raw) if {
	some meta in _index
	not meta.id in _disabled
	_waiver_rule(meta)
	some raw in _waiver_packages[meta.name].findings
}

_covered(finding) if waivers.covering[[finding.rule, finding.subject]]

# A finding a waiver in force covers is reported as waived, never dropped. Findings about
# waivers cannot themselves be waived.
waived contains {"finding": finding, "waiver": waivers.summary(waiver)} if {
	some finding in _evaluated
	waiver := waivers.covering[[finding.rule, finding.subject]]
}

findings contains finding if {
	some finding in _evaluated
	not _covered(finding)
}

findings contains finding if some finding in _waiver_findings

_subject_counts := {
	"role": count(input.roles),
	"account": count(model.accounts),
	"system": count(input.systems),
	"function": count(model.functions),
	"catalog": count(input.catalogs),
	"waiver": count(input.waivers),
}

# The usage rules (package area `usage`) judge input.usage, the summary of usage logs
# (--usage). Without it they are not evaluated, and the decision says so: a rule that
# had nothing to judge neither passed nor failed.
_usage_rule(meta) if meta.area == "usage"

_not_evaluated(meta) if {
	_usage_rule(meta)
	not input.usage
}

_status(meta) := "disabled" if {
	meta.id in _disabled
} else := "not_evaluated" if {
	_not_evaluated(meta)
} else := "evaluated"

_checked(meta, _) := 0 if {
	_not_evaluated(meta)
} else := checked if {
	checked := max([object.get(_subject_counts, meta.subject, 0), 0])
}

rules contains entry if {
	some meta in _index
	rule_findings[meta.id]
	own := [f | some f in findings; f.rule == meta.id]
	failed := count({f.subject | some f in own})
	checked := max([_checked(meta, failed), failed])
	entry := {
		"id": meta.id,
		"title": meta.title,
		"severity": _severity(meta),
		"status": _status(meta),
		"findings": count(own),
		"checked": checked,
		"failed": failed,
		"passed": checked - failed,
	}
}

# Rules in the index whose package defines no `findings` set: the gate cannot decide.
undefined_rules contains meta.id if {
	some meta in _index
	not rule_findings[meta.id]
}

# The subjects each kind of rule checks, for reports that list passing checks too.
_subjects := {
	"role": {result.role_subject(role) | some role in input.roles},
	"account": {result.account_subject(entry.account) | some entry in model.accounts},
	"system": {result.system_subject(system) | some system in input.systems},
	"function": {sprintf("function:%s", [id]) | some id, _ in model.functions},
	"catalog": {sprintf("catalog:%s", [catalog.metadata.name]) | some catalog in input.catalogs},
	"waiver": {result.waiver_subject(waiver) | some waiver in input.waivers},
}

decision := {
	"findings": findings,
	"waived": waived,
	"rules": rules,
	"undefined_rules": undefined_rules,
	"subjects": _subjects,
	"access_diff": diff.report,
	"access_review": review.report,
	"suggestions": _suggestions,
}

# With input.suggest (`rolegate suggest`), the right-sized roles; else nothing is worked out.
_suggestions := suggest.roles if input.suggest

_suggestions := {} if not input.suggest
