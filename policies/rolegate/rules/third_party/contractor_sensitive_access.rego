# METADATA
# title: Contractor with wide, bulk, identity or administrative access
# description: |
#   A role for contractor staff, or a contractor's account bound to an employee role, can
#   reach personal data at scope `division` or `all`, export it (`export`, `bulk_read`,
#   `download`), see national ids, card data or identity secrets in full, hear or read
#   unredacted recordings or transcripts, or administer roles (`grant_role`, `edit_role`).
#   Outsourced staff answer to another company; these powers turn one contractor's
#   account into a way to take or hand out the operator's whole customer base.
# custom:
#   id: TP-002
#   severity: critical
#   subject: role
#   controls: [LGPD-6-III, LGPD-39, ISO27001-A.5.19, ISO27001-A.5.20, ISO27001-A.5.15, PCI-7.2.1]
#   remediation: |
#     Narrow the contractor role (scope assigned, no export, sensitive identifiers masked
#     or compared, recordings hidden, no role administration); bind contractors only to
#     roles made for contractors, and keep these powers with operator employees.
package rolegate.rules.third_party.contractor_sensitive_access

import rego.v1

import data.rolegate.lib.access
import data.rolegate.lib.model
import data.rolegate.lib.result
import data.rolegate.lib.traceability

findings contains result.finding(role, power.path, result.role_subject(role), msg) if {
	some role in input.roles
	role.spec.workforce == "contractor"
	some power in _powers(role)
	msg := sprintf("role %q: contractor role %s", [role.metadata.name, power.text])
}

findings contains result.finding(entry.doc, array.concat(entry.path, ["roles", k]), result.account_subject(account), msg) if {
	some entry in model.accounts
	account := entry.account
	account.workforce == "contractor"
	some k, name in account.roles
	role := access.roles_by_name[name]
	role.spec.workforce != "contractor"
	texts := {power.text | some power in _powers(role)}
	count(texts) > 0
	msg := sprintf("account %q: contractor is bound to %s role %q, which %s", [
		account.id, role.spec.workforce, name, concat("; ", sort(texts)),
	])
}

# Categories a contractor must not see in full.
_full_categories := {"national_id", "card_data", "card_security_code", "identity_secret", "recording", "transcript"}

# _powers are the role's contractor-sensitive powers: where each is granted and what it is.
_powers(role) := (_broad(role) | _exports(role)) | (_full_fields(role) | _role_admin(role))

_broad(role) := {{"path": ["spec", "grants", i, "scope"], "text": text} |
	some i, grant in role.spec.grants
	model.scope_rank[grant.scope] >= model.scope_rank.division
	traceability.has_personal(grant)
	text := sprintf("reaches %s at scope %s with personal fields visible", [grant.resource, grant.scope])
}

_exports(role) := {{"path": ["spec", "grants", i, "actions", j], "text": text} |
	some i, grant in role.spec.grants
	some j in traceability.personal_export_indexes(grant)
	text := sprintf("can %s %s", [grant.actions[j], grant.resource])
}

_full_fields(role) := {{"path": array.concat(["spec", "grants", i], model.field_path(grant, field)), "text": text} |
	some i, grant in role.spec.grants
	some field in model.category_fields(grant, _full_categories)
	model.visibility(grant, field) == "full"
	category := model.field_class(grant.resource, field).category
	text := sprintf("shows %s.%s (%s) in full", [grant.resource, field, category])
}

_role_admin(role) := {{"path": ["spec", "grants", i, "actions", j], "text": text} |
	some i, grant in role.spec.grants
	some j, action in grant.actions
	action in model.role_admin_actions
	text := sprintf("can %s on %s", [action, grant.resource])
}
