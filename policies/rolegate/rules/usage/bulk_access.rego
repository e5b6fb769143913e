# METADATA
# title: Bulk access to records in one hour
# description: |
#   Within the usage window, an account opened more distinct records in one hour than its
#   System's alerts.bulk_access_per_hour allows: the incident's pattern, an agent working
#   through customers one after another. The finding names the hour and the count.
# custom:
#   id: USE-004
#   severity: high
#   subject: account
#   controls: [LGPD-46, ISO27001-A.8.16, PCI-10.2.1, SOC2-CC7.2]
#   remediation: |
#     Investigate the hour named (who, which records, why) and, if it was not the job,
#     suspend the account; narrow the role's scope or add a reveal reason so that a
#     look-up is a decision, not a scroll.
package rolegate.rules.usage.bulk_access

import rego.v1

import data.rolegate.lib.model
import data.rolegate.lib.result
import data.rolegate.lib.usage

findings contains result.finding(doc, path, result.account_subject({"id": row.account}), msg) if {
	some row in input.usage.accounts
	limit := model.systems[row.system].spec.alerts.bulk_access_per_hour
	row.peak_records > limit
	time.parse_rfc3339_ns(row.peak_hour) >= usage.window_start_ns
	[doc, path] := _place(row)
	msg := sprintf("account %q: opened %d distinct records on %s in the hour from %s, over the system's bulk_access_per_hour of %d", [
		row.account, row.peak_records, row.system, row.peak_hour, limit,
	])
}

# At the account's binding; an account no binding declares, at its System.
_place(row) := [entry.doc, entry.path] if {
	entry := usage.entry_on(row.account, row.system)
} else := [model.systems[row.system], ["spec", "alerts", "bulk_access_per_hour"]]
