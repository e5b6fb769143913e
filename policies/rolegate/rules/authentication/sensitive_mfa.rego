# METADATA
# title: Sensitive role without multi-factor authentication
# description: |
#   A sensitive role does not require MFA (`session.mfa` is not true). Sensitive means:
#   personal data at scope `team` or wider, any `reveal_on_demand` field, export,
#   bulk_read or download, an admin, access_admin or break_glass tier, held by
#   contractors (contractor workforce, or bound to a contractor account), or card data
#   visible. A phished or shared password is then all it takes to reach that data.
# custom:
#   id: AUTH-001
#   severity: high
#   subject: role
#   controls: [PCI-8.4.2, ISO27001-A.8.5, SOC2-CC6.1, LGPD-46]
#   remediation: |
#     Set `session.mfa: true` on the role (and enforce it in the identity provider).
package rolegate.rules.authentication.sensitive_mfa

import rego.v1

import data.rolegate.lib.access
import data.rolegate.lib.model
import data.rolegate.lib.privilege
import data.rolegate.lib.result

findings contains result.finding(role, path, result.role_subject(role), msg) if {
	some role in input.roles
	not role.spec.session.mfa == true
	reasons := [text | some check in _checks; text := _reason(role, check)]
	count(reasons) > 0
	path := privilege.closest_path(role, ["spec", "session", "mfa"])
	msg := sprintf("role %q: session.mfa is not true but the role is sensitive (%s)", [
		role.metadata.name, concat(", ", reasons),
	])
}

_checks := ["wide_personal", "reveal", "export", "tier", "contractor", "card"]

_scope_name := {rank: name | some name, rank in model.scope_rank}

_privileged_tiers := {"admin", "access_admin", "break_glass"}

_card_categories := {"card_data", "card_security_code"}

_reason(role, "wide_personal") := sprintf("personal data at scope %s", [_scope_name[widest]]) if {
	widest := max([model.scope_rank[grant.scope] |
		some grant in role.spec.grants
		model.scope_rank[grant.scope] >= model.scope_rank.team
		count(model.personal_fields(grant)) > 0
	])
}

_reason(role, "reveal") := "reveal_on_demand fields" if {
	some grant in role.spec.grants
	count(model.fields_at(grant, "reveal_on_demand")) > 0
}

_reason(role, "export") := sprintf("bulk extraction (%s)", [concat(", ", sort(exports))]) if {
	exports := privilege.exports(role)
	count(exports) > 0
}

_reason(role, "tier") := sprintf("tier %s", [role.spec.tier]) if role.spec.tier in _privileged_tiers

_reason(role, "contractor") := "held by contractors" if access.contractor_held(role)

_reason(role, "card") := "card data visible" if {
	some grant in role.spec.grants
	count(model.category_fields(grant, _card_categories)) > 0
}
