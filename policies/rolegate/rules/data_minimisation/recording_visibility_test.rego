package rolegate.rules.data_minimisation.recording_visibility_test

import rego.v1

import data.rolegate.rules.data_minimisation.recording_visibility

_catalog := {"spec": {
	"classes": {
		"personal": {"sensitivity": 2, "category": "personal", "default_visibility": "masked"},
		"recording": {"sensitivity": 3, "category": "recording", "default_visibility": "none"},
		"transcript": {"sensitivity": 3, "category": "transcript", "default_visibility": "none"},
	},
	"resources": {"interaction": {"fields": {"notes": "personal", "recording": "recording", "transcript": "transcript"}}},
}}

_functions := {"spec": {"functions": {
	"inbound_support": {"tier": "frontline", "needs": [
		{"resource": "interaction", "actions": ["read"], "scope": "assigned", "fields": {"notes": "full"}},
	]},
	"qa_review": {"tier": "qa", "needs": [
		{"resource": "interaction", "actions": ["read", "listen"], "scope": "team", "fields": {"recording": "full"}},
	]},
}}}

_role(functions, fields) := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "tier1-agent"},
	"spec": {"tier": "frontline", "functions": functions, "grants": [
		{"resource": "interaction", "actions": ["read"], "scope": "assigned", "fields": fields},
	]},
}

_findings(role) := {f | some f in recording_visibility.findings with input as {
	"catalogs": [_catalog], "job_functions": [_functions], "roles": [role],
}}

test_recording_without_need_fires if {
	[f] := [x | some x in _findings(_role(["inbound_support"], {"notes": "full", "recording": "full"}))]
	f.message == `role "tier1-agent": grant on interaction.recording is full but its functions (inbound_support) need none`
	f.path == ["spec", "grants", 0, "fields", "recording"]
	f.subject == "role:tier1-agent"
}

test_masked_transcript_fires if {
	{f.path | some f in _findings(_role(["inbound_support"], {"transcript": "masked"}))} == {["spec", "grants", 0, "fields", "transcript"]}
}

test_hidden_recording_passes if {
	count(_findings(_role(["inbound_support"], {"notes": "full", "recording": "none"}))) == 0
}

test_recording_a_function_needs_passes if {
	count(_findings(_role(["qa_review"], {"recording": "reveal_on_demand"}))) == 0
}
