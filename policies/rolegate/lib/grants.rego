# METADATA
# title: Distinct grants
# description: |
#   Where each distinct grant of the repo's roles is granted. Roles cut from the same job
#   function for other teams or sites repeat the same grants (10,000 generated roles hold
#   about 96,000 grants but 120 distinct ones), so a rule that asks the same question of
#   every grant of every role asks it here once per distinct grant, then visits only the
#   roles holding a grant that answered yes.
package rolegate.lib.grants

import rego.v1

import data.rolegate.lib.model

# places[grant] lists where the grant is granted, as [position of the role in
# input.roles, position of the grant in the role's grants], in input order. Built from
# sorted (grant number, place) pairs (model.grouped): linear on both engines.
places := {_distinct[k]: found | some k, found in model.grouped(pairs)} if {
	pairs := [[_number[grant], [r, i]] |
		some r, role in input.roles
		some i, grant in role.spec.grants
	]
}

_distinct := [grant | some grant in model.distinct_grants]

_number := {grant: k | some k, grant in _distinct}
