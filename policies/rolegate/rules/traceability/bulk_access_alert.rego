# METADATA
# title: Broad personal-data access on a system without a bulk-access alert
# description: |
#   A role reads personal data at scope `division` or `all`, reveals personal fields on
#   demand, or exports personal data, on a System with no bulk-access alert (an
#   `alerts.bulk_access_per_hour` threshold and somebody to `notify`), or on a System
#   that is not declared. A read log shows misuse after the fact; an alert on an unusual
#   number of look-ups is what stops one agent from working through the customer base.
# custom:
#   id: TR-005
#   severity: medium
#   subject: role
#   controls: [ISO27001-A.8.16, PCI-10.2.1, LGPD-46, SOC2-CC6.1]
#   remediation: |
#     Declare spec.alerts in the role's System: bulk_access_per_hour (records one user
#     may open per hour) and at least one recipient in notify.
package rolegate.rules.traceability.bulk_access_alert

import rego.v1

import data.rolegate.lib.model
import data.rolegate.lib.result
import data.rolegate.lib.traceability

findings contains result.finding(role, ["spec", "grants", i], result.role_subject(role), msg) if {
	some role in input.roles
	gap := _alert_gap(role)
	some i, grant in role.spec.grants
	exposure := _exposure(grant)
	count(exposure) > 0
	msg := sprintf("role %q: grant on %s gives broad personal-data access (%s) but system %q %s", [
		role.metadata.name, grant.resource, concat("; ", exposure), role.metadata.system, gap,
	])
}

# _alert_gap says what is missing from the role's System; undefined when it alerts.
_alert_gap(role) := "is not declared" if {
	not model.role_system(role)
} else := "has no bulk access alert (alerts.bulk_access_per_hour)" if {
	not model.role_system(role).spec.alerts.bulk_access_per_hour
} else := "has a bulk access alert that notifies nobody" if {
	count(object.get(model.role_system(role).spec.alerts, "notify", [])) == 0
}

_exposure(grant) := array.concat(array.concat(_broad(grant), _reveals(grant)), _exports(grant))

_broad(grant) := [sprintf("reads at scope %s", [grant.scope])] if {
	traceability.broad_personal_read(grant)
} else := []

_reveals(grant) := [sprintf("reveal_on_demand on %s", [concat(", ", sort(fields))])] if {
	fields := traceability.revealed_fields(grant)
	count(fields) > 0
} else := []

_exports(grant) := [concat(", ", sort(actions))] if {
	actions := {grant.actions[j] | some j in traceability.personal_export_indexes(grant)}
	count(actions) > 0
} else := []
