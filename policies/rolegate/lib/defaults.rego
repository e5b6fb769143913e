# METADATA
# title: Built-in OrgPolicy defaults
# description: Thresholds and lists that apply where the repo's OrgPolicy says nothing.
package rolegate.lib.defaults

import rego.v1

org_policy := {
	"approved_channels": ["phone", "email", "sms", "in_app_chat", "whatsapp_business"],
	"generic_account_patterns": [
		`^(shared|generic|common|team|group|temp|tmp|test|guest|training)([-_.].*)?$`,
		`^(agent|agente|operator|operador|attendant|atendente|user|usuario|support|suporte|callcenter|cc)[-_.]?[0-9]*$`,
	],
	"thresholds": {
		"min_audit_retention_days": 365,
		"max_review_interval_days": {
			"standard": 180,
			"privileged": 90,
			"contractor": 90,
			"break_glass": 30,
		},
		"max_idle_timeout_minutes": 15,
		"contractor_max_access_days": 180,
		"break_glass_max_minutes": 240,
		"max_waiver_days": 90,
		# Usage logs within this many days of now count as use (the USE rules, --usage).
		"usage_window_days": 90,
		"assigned_access_max_hours_after_close": 72,
		"recording_retention_days": {"min": 90, "max": 1825},
	},
	# Organisation-wide separation-of-duties pairs, added to the JobFunctions' (SOD-003).
	"sod_conflicts": [],
	"severity_overrides": {},
	"disabled_rules": [],
}
