# METADATA
# title: Contractor account without expiry, sponsor or contract
# description: |
#   A contractor's account has no `valid_until`, no internal `sponsor` or no `contract`,
#   or stays valid for longer than the OrgPolicy's contractor_max_access_days (or for a
#   time that cannot be counted in days). Outsourced
#   agents come and go with the contract; access that outlives it is access nobody
#   answers for.
# custom:
#   id: TP-001
#   severity: high
#   subject: account
#   controls: [ISO27001-A.5.19, ISO27001-A.5.20, PCI-8.2.2, PCI-8.2.6, LGPD-39]
#   remediation: |
#     Give the contractor's account a sponsor, the contract it is granted under and a
#     valid_until within the maximum; renew it from the contract, not by default.
package rolegate.rules.third_party.contractor_expiry

import rego.v1

import data.rolegate.lib.model
import data.rolegate.lib.result

findings contains result.finding(entry.doc, entry.path, result.account_subject(account), msg) if {
	some entry in model.accounts
	account := entry.account
	account.workforce == "contractor"
	some key in ["valid_until", "sponsor", "contract"]
	_missing(account, key)
	msg := sprintf("account %q: contractor has no %s", [account.id, key])
}

findings contains result.finding(entry.doc, array.concat(entry.path, ["valid_until"]), result.account_subject(account), msg) if {
	some entry in model.accounts
	account := entry.account
	account.workforce == "contractor"
	account.valid_until
	not _within_maximum(account)
	msg := _too_long_message(account)
}

_missing(account, key) if not account[key]

_missing(account, key) if account[key] == ""

# _within_maximum holds when the account's access runs at most the maximum. Days that
# cannot be counted are within no maximum, so the account is reported, never passed.
_within_maximum(account) if _days(account) <= model.thresholds.contractor_max_access_days

# _days is how many days the access runs, from its start to valid_until (both days at
# midnight, so the count is exact: from today, it is the days still to run).
_days(account) := ceil((model.date_ns(account.valid_until) - model.date_ns(_start(account))) / model.day_ns)

# _start is the day the account's validity is counted from: valid_from, else today.
_start(account) := account.valid_from if {
	account.valid_from
} else := substring(input.context.now, 0, 10)

_too_long_message(account) := sprintf("account %q: contractor access runs %d days (%s to %s), over the maximum of %d", [
	account.id, days, _start(account), account.valid_until, model.thresholds.contractor_max_access_days,
]) if {
	days := _days(account)
} else := sprintf("account %q: contractor access from %s to %s cannot be counted in days, so it is not shown to stay within the maximum of %d", [
	account.id, _start(account), account.valid_until, model.thresholds.contractor_max_access_days,
])
