# METADATA
# title: Account not tied to a person
# description: |
#   An account has no `person` (the HR or identity-provider key of the one person who uses
#   it, or, for a service account, who answers for it). This applies to every type of
#   account: an access nobody is recorded against cannot be reviewed, revoked when its
#   holder leaves, or traced back to anybody.
# custom:
#   id: ACC-002
#   severity: high
#   subject: account
#   controls: [PCI-8.2.2, ISO27001-A.5.16, LGPD-6-X, SOC2-CC6.2]
#   remediation: |
#     Set `person` to the HR or identity-provider key of the account's one user; for a
#     service account, to the person accountable for it.
package rolegate.rules.accounts.account_person

import rego.v1

import data.rolegate.lib.model
import data.rolegate.lib.result

findings contains result.finding(entry.doc, entry.path, result.account_subject(account), msg) if {
	some entry in model.accounts
	account := entry.account
	not account.person
	msg := sprintf("account %q: %s account has no person (identity key)", [account.id, account.type])
}
