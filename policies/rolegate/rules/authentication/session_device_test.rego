package rolegate.rules.authentication.session_device_test

import rego.v1

import data.rolegate.rules.authentication.session_device

_catalog := {"spec": {
	"classes": {
		"personal": {"sensitivity": 2, "category": "personal", "default_visibility": "masked"},
		"ref": {"sensitivity": 1, "category": "internal", "default_visibility": "full"},
	},
	"resources": {
		"customer": {"fields": {"name": "personal"}},
		"queue": {"fields": {"name": "ref"}},
	},
}}

_role(workforce, grant, spec) := object.union({
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "tier1-agent"},
	"spec": {"tier": "frontline", "workforce": workforce, "grants": [grant]},
}, {"spec": spec})

_read_customer := {"resource": "customer", "actions": ["read"], "scope": "assigned", "fields": {"name": "full"}}

_read_queue := {"resource": "queue", "actions": ["read", "export"], "scope": "team"}

_managed := {"channels": {"device": "managed"}}

_findings(role) := {f | some f in session_device.findings with input as {
	"catalogs": [_catalog],
	"roles": [role],
	"org_policies": [{"spec": {"thresholds": {"max_idle_timeout_minutes": 15}}}],
}}

test_long_idle_timeout_fires if {
	role := _role("employee", _read_customer, object.union(_managed, {"session": {"mfa": true, "idle_timeout_minutes": 30}}))
	[f] := [x | some x in _findings(role)]
	f.message == `role "tier1-agent": idle timeout of 30 minutes on a role that reads personal data, over the maximum of 15`
	f.path == ["spec", "session", "idle_timeout_minutes"]
	f.subject == "role:tier1-agent"
}

test_missing_idle_timeout_fires_at_session if {
	role := _role("employee", _read_customer, object.union(_managed, {"session": {"mfa": true}}))
	[f] := [x | some x in _findings(role)]
	f.message == `role "tier1-agent": no idle timeout (sessions never lock) on a role that reads personal data; the maximum is 15 minutes`
	f.path == ["spec", "session"]
}

test_contractor_on_byod_fires if {
	role := _role("contractor", _read_customer, {"session": {"idle_timeout_minutes": 10}, "channels": {"device": "byod"}})
	[f] := [x | some x in _findings(role)]
	f.message == `role "tier1-agent": contractor-held role works on unmanaged devices (byod)`
	f.path == ["spec", "channels", "device"]
}

test_export_on_byod_fires if {
	role := _role("employee", _read_queue, {"channels": {"device": "byod"}})
	{f.message | some f in _findings(role)} == {`role "tier1-agent": export-capable (export) role works on unmanaged devices (byod)`}
}

test_timeout_at_the_maximum_on_managed_devices_passes if {
	role := _role("contractor", _read_customer, object.union(_managed, {"session": {"idle_timeout_minutes": 15}}))
	count(_findings(role)) == 0
}

test_employee_without_export_on_byod_and_no_personal_data_passes if {
	role := _role("employee", {"resource": "queue", "actions": ["read"], "scope": "team"}, {"channels": {"device": "byod"}})
	count(_findings(role)) == 0
}

test_long_idle_timeout_without_personal_data_passes if {
	role := _role("employee", {"resource": "queue", "actions": ["read"], "scope": "team"}, object.union(_managed, {"session": {"mfa": true, "idle_timeout_minutes": 30}}))
	count(_findings(role)) == 0
}
