# METADATA
# title: Recording retention outside the allowed range
# description: |
#   A System that declares call or chat recordings keeps them for fewer days than the
#   OrgPolicy's recording_retention_days.min, for more days than its max, or does not say
#   how long. Too short and a complaint about an agent cannot be investigated; too long
#   and years of customers' voices stay exposed for no purpose.
# custom:
#   id: TR-004
#   severity: medium
#   subject: system
#   controls: [LGPD-6-III, LGPD-37, ISO27001-A.8.10, ISO27001-A.5.33]
#   remediation: |
#     Set recordings.retention_days within the OrgPolicy's recording_retention_days
#     (90 to 1825 days by default), in line with the record of processing.
package rolegate.rules.traceability.recording_retention

import rego.v1

import data.rolegate.lib.model
import data.rolegate.lib.result

findings contains result.finding(system, ["spec", "recordings", "retention_days"], result.system_subject(system), msg) if {
	some system in input.systems
	days := system.spec.recordings.retention_days
	some gap in _gaps(days)
	msg := sprintf("system %q: recordings.retention_days is %d, %s", [system.metadata.name, days, gap])
}

findings contains result.finding(system, ["spec", "recordings"], result.system_subject(system), msg) if {
	some system in input.systems
	recordings := system.spec.recordings
	not "retention_days" in object.keys(recordings)
	msg := sprintf("system %q: recordings are kept but retention_days is not set (allowed %d to %d days)", [
		system.metadata.name, _range.min, _range.max,
	])
}

_range := model.thresholds.recording_retention_days

_gaps(days) := {gap |
	days < _range.min
	gap := sprintf("below the minimum of %d", [_range.min])
} | {gap |
	days > _range.max
	gap := sprintf("above the maximum of %d", [_range.max])
}
