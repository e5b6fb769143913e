# METADATA
# title: Personal-data exposure
# description: |
#   Views shared by the export, traceability, governance and third-party rules: which
#   grants take personal data out in bulk, reach it across a division or more, or reveal
#   it on demand, and which actions tamper with the audit trail or administer roles.
package rolegate.lib.traceability

import rego.v1

import data.rolegate.lib.model

# has_personal holds when the grant shows at least one personal field.
has_personal(grant) if count(model.personal_fields(grant)) > 0

# personal_export_indexes are the indexes, in grant.actions, of the export actions of a
# grant that shows personal fields (empty when it shows none). The actions are looked at
# first: few grants export, and every grant's fields cost more to look at.
personal_export_indexes(grant) := {j |
	some j, action in grant.actions
	action in model.export_actions
	has_personal(grant)
}

# broad_personal_read holds when the grant reads personal fields at scope division or all.
broad_personal_read(grant) if {
	model.reads(grant)
	model.scope_rank[grant.scope] >= model.scope_rank.division
	has_personal(grant)
}

# revealed_fields are the personal fields a grant shows at reveal_on_demand.
revealed_fields(grant) := model.personal_fields(grant) & model.fields_at(grant, "reveal_on_demand")
