# METADATA
# title: Audit, MFA, session or retention weakened
# description: |
#   Compared with the base (`--base REF`), a role stops logging reads
#   (audit.read_events), turns multi-factor authentication off, lengthens or drops its
#   idle timeout, or a System stops logging reads or changes or shortens its audit
#   retention. These controls are what make access traceable after the fact; a change
#   that weakens them removes the evidence the next investigation will need.
# custom:
#   id: CHG-003
#   severity: high
#   subject: role
#   controls: [LGPD-46, ISO27001-A.8.15, ISO27001-A.8.5, PCI-10.2.1, PCI-8.4.2, SOC2-CC7.2]
#   remediation: |
#     Keep the base's setting. If the weaker setting is really intended, get it approved
#     as a change to the security controls and record that approval in a Waiver.
package rolegate.rules.change.weakened_controls

import rego.v1

import data.rolegate.lib.base
import data.rolegate.lib.privilege
import data.rolegate.lib.result

_switches := [
	{"path": ["spec", "audit", "read_events"], "what": "audit.read_events"},
	{"path": ["spec", "session", "mfa"], "what": "session.mfa"},
]

findings contains result.finding(role, privilege.closest_path(role, switch.path), result.role_subject(role), msg) if {
	some role in input.roles
	previous := base.roles[role.metadata.name]
	some switch in _switches
	object.get(previous, switch.path, false) == true
	object.get(role, switch.path, false) != true
	msg := sprintf("role %q: %s was true at the base and is now %s", [role.metadata.name, switch.what, _shown(object.get(role, switch.path, null))])
}

_timeout := ["spec", "session", "idle_timeout_minutes"]

findings contains result.finding(role, privilege.closest_path(role, _timeout), result.role_subject(role), msg) if {
	some role in input.roles
	previous := base.roles[role.metadata.name]
	before := object.get(previous, _timeout, null)
	is_number(before)
	after := object.get(role, _timeout, null)
	_longer(before, after)
	msg := sprintf("role %q: idle timeout raised from %d minutes to %s", [role.metadata.name, before, _minutes(after)])
}

_system_switches := [
	{"path": ["spec", "audit", "read_events"], "what": "audit.read_events"},
	{"path": ["spec", "audit", "change_events"], "what": "audit.change_events"},
]

findings contains result.finding(system, privilege.closest_path(system, switch.path), result.system_subject(system), msg) if {
	some system in input.systems
	previous := base.systems[system.metadata.name]
	some switch in _system_switches
	object.get(previous, switch.path, false) == true
	object.get(system, switch.path, false) != true
	msg := sprintf("system %q: %s was true at the base and is now %s", [system.metadata.name, switch.what, _shown(object.get(system, switch.path, null))])
}

_retention := ["spec", "audit", "retention_days"]

findings contains result.finding(system, privilege.closest_path(system, _retention), result.system_subject(system), msg) if {
	some system in input.systems
	previous := base.systems[system.metadata.name]
	before := object.get(previous, _retention, null)
	is_number(before)
	after := object.get(system, _retention, 0)
	after < before
	msg := sprintf("system %q: audit.retention_days lowered from %d to %d", [system.metadata.name, before, after])
}

_longer(_, null) := true

_longer(before, after) if after > before

_minutes(null) := "none (sessions never lock)"

_minutes(after) := sprintf("%d", [after]) if after != null

_shown(null) := "unset"

_shown(value) := sprintf("%v", [value]) if value != null
