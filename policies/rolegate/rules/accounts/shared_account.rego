# METADATA
# title: Shared or generic account
# description: |
#   A binding is of type `shared`, or a person's account has a generic id (such as
#   `atendente01` or `team-sp`) that matches one of the OrgPolicy's
#   generic_account_patterns. Reads under a shared login cannot be traced to the person
#   who made them, so access is neither individual nor traceable.
# custom:
#   id: ACC-001
#   severity: high
#   subject: account
#   controls: [PCI-8.2.2, ISO27001-A.5.16, LGPD-6-X]
#   remediation: |
#     Give every person an individual account named after them (keyed to their HR id),
#     and bind machines to accounts of type `service`.
package rolegate.rules.accounts.shared_account

import rego.v1

import data.rolegate.lib.model
import data.rolegate.lib.result

findings contains result.finding(entry.doc, array.concat(entry.path, ["type"]), result.account_subject(account), msg) if {
	some entry in model.accounts
	account := entry.account
	account.type == "shared"
	msg := sprintf("account %q: type is shared", [account.id])
}

findings contains result.finding(entry.doc, array.concat(entry.path, ["id"]), result.account_subject(account), msg) if {
	some entry in model.accounts
	account := entry.account
	object.get(account, "type", "") != "service"
	matching := [pattern | some pattern in model.org.generic_account_patterns; regex.match(pattern, account.id)]
	count(matching) > 0
	msg := sprintf("account %q: id matches generic account pattern %s", [account.id, matching[0]])
}
