# METADATA
# title: Decision
# description: |
#   The entry point, data.rolegate.main.decision. It runs every rule listed in
#   data.rolegate.rule_index (the rules' METADATA, handed in as data so that every
#   engine sees the same), stamps id, severity, title and controls on each finding,
#   applies the OrgPolicy's disabled_rules and severity_overrides, and counts, per rule,
#   the subjects checked, passed and failed.
package rolegate.main

import rego.v1

import data.rolegate.lib.model

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
}

# The stamp is applied last, so a rule cannot set its own id or severity.
findings contains object.remove(object.union(raw, _stamp(meta, raw)), ["escalation"]) if {
	some meta in _index
	not meta.id in _disabled
	some raw in data.rolegate.rules[meta.area][meta.name].findings
}

_subject_counts := {
	"role": count(input.roles),
	"account": count(model.accounts),
	"system": count(input.systems),
	"function": count(model.functions),
	"catalog": count(input.catalogs),
	"waiver": count(input.waivers),
}

_status(meta) := "disabled" if meta.id in _disabled else := "evaluated"

rules contains entry if {
	some meta in _index
	data.rolegate.rules[meta.area][meta.name].findings
	own := [f | some f in findings; f.rule == meta.id]
	failed := count({f.subject | some f in own})
	checked := max([object.get(_subject_counts, meta.subject, 0), failed])
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
	not data.rolegate.rules[meta.area][meta.name].findings
}

decision := {
	"findings": findings,
	"waived": set(),
	"rules": rules,
	"undefined_rules": undefined_rules,
}
