# METADATA
# title: Views of the base
# description: |
#   The config repo at --base REF (input.base, the input's shape without context) seen
#   through the same libraries as the input: lib.access and lib.model evaluated with
#   input replaced by the base. Only rules live here, no functions (see lib.change).
package rolegate.lib.base

import rego.v1

import data.rolegate.lib.model

# present holds when the input has a base to compare with.
present if is_object(input.base)

_input := object.union(input.base, {"context": object.get(input, "context", {})})

roles := model.first_by_name(input.base.roles)

systems := model.first_by_name(input.base.systems)

# (On regorus a `with` value must be a local variable: a rule reference is undefined.)
capabilities := value if {
	base := _input
	value := data.rolegate.lib.access.capabilities with input as base
}

scope := value if {
	base := _input
	value := data.rolegate.lib.access.scope with input as base
}

visibility := value if {
	base := _input
	value := data.rolegate.lib.access.visibility with input as base
}

person_roles := value if {
	base := _input
	value := data.rolegate.lib.people.roles with input as base
}

accounts := value if {
	base := _input
	value := data.rolegate.lib.model.accounts with input as base
}

classes := value if {
	base := _input
	value := data.rolegate.lib.model.classes with input as base
}

resources := value if {
	base := _input
	value := data.rolegate.lib.model.resources with input as base
}
