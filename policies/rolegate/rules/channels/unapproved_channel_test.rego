package rolegate.rules.channels.unapproved_channel_test

import rego.v1

import data.rolegate.rules.channels.unapproved_channel

_catalog := {"spec": {
	"classes": {"contact": {"sensitivity": 3, "category": "contact_point", "default_visibility": "masked"}},
	"resources": {"customer": {"fields": {"phone": "contact", "email": "contact"}}},
}}

_org := {"spec": {"approved_channels": ["phone", "email"]}}

_role(channels, fields) := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "tier1-agent"},
	"spec": {
		"channels": channels,
		"grants": [{"resource": "customer", "actions": ["read"], "scope": "assigned", "fields": fields}],
	},
}

_findings(role) := {f | some f in unapproved_channel.findings with input as {
	"catalogs": [_catalog],
	"org_policies": [_org],
	"roles": [role],
}}

test_unapproved_outbound_fires_at_the_item if {
	[f] := [x | some x in _findings(_role({"outbound": ["phone", "whatsapp"], "device": "managed"}, {"phone": "full"}))]
	f.message == `role "tier1-agent": outbound channel whatsapp is not approved (approved: phone, email)`
	f.path == ["spec", "channels", "outbound", 1]
	f.subject == "role:tier1-agent"
}

test_defaults_apply_without_org_policy if {
	role := _role({"outbound": ["whatsapp_business", "telegram"]}, {})
	fs := unapproved_channel.findings with input as {"catalogs": [_catalog], "roles": [role]}
	{f.path | some f in fs} == {["spec", "channels", "outbound", 1]}
}

test_byod_with_revealed_contact_fires_at_device if {
	[f] := [x | some x in _findings(_role({"outbound": ["phone"], "device": "byod"}, {"phone": "reveal_on_demand", "email": "masked"}))]
	f.message == `role "tier1-agent": device is byod but contact points are shown above masked (customer.phone)`
	f.path == ["spec", "channels", "device"]
}

test_byod_with_masked_contact_passes if {
	count(_findings(_role({"outbound": ["phone"], "device": "byod"}, {"phone": "masked"}))) == 0
}

test_approved_channels_on_managed_device_pass if {
	count(_findings(_role({"outbound": ["phone", "email"], "device": "managed"}, {"phone": "full"}))) == 0
}
