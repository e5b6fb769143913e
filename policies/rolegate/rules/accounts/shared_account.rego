# METADATA
# title: Shared or generic account
# description: |
#   A binding is of type `shared`, or a person's account has a generic id (such as
#   `atendente01` or `team-sp`) that matches one of the OrgPolicy's
#   generic_account_patterns. Reads under a shared login cannot be traced to the person
#   who made them, so access is neither individual nor traceable. A pattern the engine
#   cannot compile is reported at its line (it would check no account).
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
	regex.match(_prefilter, account.id)
	matching := [pattern.written | some pattern in _usable; regex.match(pattern.regex, account.id)]
	count(matching) > 0
	msg := sprintf("account %q: id matches generic account pattern %s", [account.id, matching[0]])
}

# A pattern of the OrgPolicy this engine cannot compile checks no account id: it is
# reported at its line instead of passing in silence. (rolegate's validator lets through
# only patterns both engines read alike, checker/validate/regexes.py; this is for an input
# built by other means.)
findings contains result.finding(policy, ["spec", "generic_account_patterns", i], subject, msg) if {
	policy := input.org_policies[0]
	some i, written in object.get(policy.spec, "generic_account_patterns", [])
	not regex.is_valid(_evaluated(written))
	subject := sprintf("org_policy:%s", [policy.metadata.name])
	msg := sprintf("generic account pattern %s cannot be compiled by this engine, so no account id is checked against it", [written])
}

# Each generic account pattern as written (for messages) and as the engine evaluates it.
# rolegate hands in the OrgPolicy's patterns in their portable spelling (`regexes`: \d, \w
# and \s as ASCII classes, docs/input.md); the built-in defaults are written that way.
_patterns := [{"written": written, "regex": _evaluated(written)} | some written in model.org.generic_account_patterns]

_evaluated(written) := object.get(_regexes, written, written)

_regexes := regexes if {
	regexes := input.org_policies[0].regexes
} else := {}

# Only patterns the engine compiles are matched, so that one bad pattern cannot switch off
# the others.
_usable := [pattern | some pattern in _patterns; regex.is_valid(pattern.regex)]

# An account id is matched first against every usable pattern as one alternation, so that
# it is matched once, not once per pattern (the engine compiles a pattern at each match);
# only an id it matches is tried pattern by pattern, for the message. Should the
# alternation not compile where each pattern does (the engines differ on what patterns may
# share, such as a group name), the empty pattern lets every id through to be tried.
_prefilter := _any_generic if {
	regex.is_valid(_any_generic)
} else := ""

_any_generic := concat("|", [sprintf("(?:%s)", [pattern.regex]) | some pattern in _usable]) if {
	count(_usable) > 0
}
