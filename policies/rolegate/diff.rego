# METADATA
# title: Access diff
# description: |
#   data.rolegate.diff.report: what changed in who can see what between input.base (the
#   config repo at --base REF) and the input. Per role, and per person across all their
#   accounts and roles: each capability, scope or field visibility gained or lost, marked
#   with its sensitivity (0-4) and whether it is sensitive (lib.change), and for a role,
#   how many of the people holding it the change reaches. Empty without input.base.
package rolegate.diff

import rego.v1

import data.rolegate.lib.access
import data.rolegate.lib.base
import data.rolegate.lib.change
import data.rolegate.lib.people

report := {"roles": role_changes, "people": person_changes}

# (Only with a base: without one there is nothing to compare, and working out everyone's
# access here would double the cost of every run.)
_role_names := names if {
	base.present
	names := {name | some name, _ in access.roles_by_name} | {name | some name, _ in base.roles}
}

_status(name) := "added" if {
	not base.roles[name]
} else := "removed" if {
	not access.roles_by_name[name]
} else := "changed"

role_changes contains {
	"role": name,
	"status": _status(name),
	"people": count(_holders(name)),
	"gained": {_role_entry(name, "gained", entry) | some entry in gained},
	"lost": {_role_entry(name, "lost", entry) | some entry in lost},
} if {
	base.present
	some name in _role_names
	gained := change.role_gains(name)
	lost := change.role_losses(name)
	count(gained) + count(lost) > 0
}

# _holders are the people bound to the role, now or at the base.
_holders(name) := {person |
	some person, held in people.roles
	name in held
} | {person |
	some person, held in base.person_roles
	name in held
}

_persons := persons if {
	base.present
	persons := {person | some person, _ in people.roles} | {person | some person, _ in base.person_roles}
}

person_changes contains {
	"person": person,
	"accounts": _accounts(person),
	"gained": {_marked(entry, entry) | some entry in gained},
	"lost": {_marked(entry, change.reversed(entry)) | some entry in lost},
} if {
	base.present
	some person in _persons
	gained := change.person_gains(person)
	lost := change.person_losses(person)
	count(gained) + count(lost) > 0
}

_accounts(person) := {entry.account.id |
	some entry in people.accounts[person]
} | {entry.account.id |
	some entry in base.accounts
	entry.account.person == person
}

# _marked adds the sensitivity of an entry; whether it is sensitive is judged on the
# entry as a gain (a loss is judged as the gain it undoes).
_marked(entry, as_gain) := object.union(entry, {
	"sensitivity": change.sensitivity(entry),
	"sensitive": _sensitive(as_gain),
})

_sensitive(entry) := true if {
	change.sensitive(entry)
} else := false

# _changes[person] are the changes of a person's access, as [direction, kind, resource, name].
_changes[person] := {[direction, entry.kind, entry.resource, entry.name] |
	some direction, entries in {"gained": change.person_gains(person), "lost": change.person_losses(person)}
	some entry in entries
} if {
	base.present
	some person in _persons
}

_role_entry(name, direction, entry) := object.union(_marked(entry, _as_gain(direction, entry)), {"people": count({person |
	some person in _holders(name)
	[direction, entry.kind, entry.resource, entry.name] in _changes[person]
})})

_as_gain("gained", entry) := entry

_as_gain("lost", entry) := change.reversed(entry)
