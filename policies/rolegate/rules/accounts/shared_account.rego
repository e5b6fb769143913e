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
	regex.match(_any_generic, account.id)
	matching := [pattern | some pattern in model.org.generic_account_patterns; regex.match(pattern, account.id)]
	count(matching) > 0
	msg := sprintf("account %q: id matches generic account pattern %s", [account.id, matching[0]])
}

# Every generic pattern as one alternation, so that an account id is matched once, not
# once per pattern (the engine compiles a pattern at each match); only an id it matches
# is tried pattern by pattern, for the message. Undefined when there is no pattern.
_any_generic := concat("|", [sprintf("(?:%s)", [pattern]) | some pattern in patterns]) if {
	patterns := model.org.generic_account_patterns
	count(patterns) > 0
}
