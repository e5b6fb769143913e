# METADATA
# title: People's access
# description: |
#   What a person can do through all of their accounts: the accounts that name them, the
#   roles bound to any of those accounts, and the capabilities those roles give together.
#   Person-level rules (separation of duties across roles, the access diff) read these.
#   Apart from lib.access because grouping every account by person is costly on a large
#   repo, and the embedded engine works out a whole package as soon as a rule reads one
#   of its rules through an import alias: role-level rules never pay for this one.
package rolegate.lib.people

import rego.v1

import data.rolegate.lib.model

# accounts[person] is every account entry (lib.model.accounts) of the person, in input
# order. Grouped from sorted (person, position) pairs: a partial rule with a variable key
# costs OPA time quadratic in the accounts, a comprehension per person that scans every
# account costs accounts x accounts.
accounts := {person: [model.accounts[i] | some i in positions] |
	some person, positions in model.grouped(pairs)
} if {
	pairs := [[entry.account.person, i] | some i, entry in model.accounts]
}

# roles[person] is every role bound to any account of the person.
roles := {person: {role | some entry in entries; some role in entry.account.roles} |
	some person, entries in accounts
}

# capabilities(person) is the union of the capabilities of the person's roles. (Full
# references here and below: on regorus 0.13 a function of a module whose rules another
# package has evaluated loses its import aliases, and reading lib.access through an alias
# would work out all of it.)
capabilities(person) := {cap |
	some role in data.rolegate.lib.people.roles[person]
	some cap in data.rolegate.lib.access.capabilities[role]
}

# several_roles_capabilities[person] is capabilities(person) for the people bound to more
# than one role: only they can hold, across roles, what none of their roles holds alone
# (the person-level separation-of-duties findings).
several_roles_capabilities := {person: {cap |
	some role in held
	some cap in data.rolegate.lib.access.capabilities[role]
} |
	some person, held in roles
	count(held) > 1
}
