# METADATA
# title: Contractor account without expiry, sponsor or contract
# description: |
#   A contractor's account has no `valid_until`, no internal `sponsor` or no `contract`,
#   or stays valid for longer than the OrgPolicy's contractor_max_access_days. Outsourced
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
	start := _start(account)
	days := ceil((model.date_ns(account.valid_until) - start.ns) / model.day_ns)
	maximum := model.thresholds.contractor_max_access_days
	days > maximum
	msg := sprintf("account %q: contractor access runs %d days (%s to %s), over the maximum of %d", [
		account.id, days, start.date, account.valid_until, maximum,
	])
}

_missing(account, key) if not account[key]

_missing(account, key) if account[key] == ""

# _start is when the account's validity is counted from: valid_from, else now.
_start(account) := {"ns": model.date_ns(account.valid_from), "date": account.valid_from} if {
	account.valid_from
} else := {"ns": model.now_ns, "date": substring(input.context.now, 0, 10)}
