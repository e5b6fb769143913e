# METADATA
# title: Grant reaches data with no class in the DataCatalog
# description: |
#   A grant reaches a field whose class no DataCatalog declares, or a resource whose
#   catalog entry lists no fields. Unclassified data has no sensitivity and no default
#   visibility, so no other rule can tell what the grant shows: the role's access cannot
#   be shown to be minimal. A field the grant sets to `none` is not reached.
# custom:
#   id: DATA-007
#   severity: medium
#   subject: role
#   controls: [LGPD-37, LGPD-46, ISO27001-A.8.11, ISO27001-A.5.15]
#   remediation: |
#     Declare the missing class (sensitivity, category, default visibility) in the
#     DataCatalog, or list the resource's fields with their classes.
#   escalations:
#     exposed: high
package rolegate.rules.data_minimisation.unclassified_data

import rego.v1

import data.rolegate.lib.grants
import data.rolegate.lib.minimisation
import data.rolegate.lib.model
import data.rolegate.lib.result

findings contains _finding(role, minimisation.grant_field_path(i, grant, field), msg) if {
	some grant, places in grants.places
	some field, class_name in _unclassified[grant.resource]
	_reaches(grant, field)
	some [r, i] in places
	role := input.roles[r]
	msg := sprintf("role %q: grant on %s reaches field %s, whose class %q no DataCatalog declares", [
		role.metadata.name, grant.resource, field, class_name,
	])
}

findings contains _finding(role, ["spec", "grants", i, "resource"], msg) if {
	some grant, places in grants.places
	grant.resource in _fieldless
	some [r, i] in places
	role := input.roles[r]
	msg := sprintf("role %q: grant on %s reaches a resource with no classified fields in the DataCatalog", [
		role.metadata.name, grant.resource,
	])
}

# _unclassified[resource] maps the resource's fields whose class no DataCatalog declares
# to that class: worked out once per resource rather than for every grant on it.
_unclassified := {resource: {field: class_name |
	some field, class_name in object.get(declared, "fields", {})
	not model.classes[class_name]
} |
	some resource, declared in model.resources
}

# _fieldless are the declared resources whose `fields` is empty.
_fieldless contains resource if {
	some resource, declared in model.resources
	count(object.get(declared, "fields", {"": ""})) == 0
}

# A grant reaches a field unless it sets the field (or "*") to none.
_reaches(grant, field) if not _listed(grant, field)

_reaches(grant, field) if _listed(grant, field) != "none"

_listed(grant, field) := grant.fields[field] if {
	_ = grant.fields[field]
} else := grant.fields["*"] if {
	_ = grant.fields["*"]
}

# High for roles most exposed to misuse: frontline agents and contractors' staff.
_finding(role, path, msg) := result.escalated(role, path, result.role_subject(role), msg, "exposed") if {
	_exposed(role)
} else := result.finding(role, path, result.role_subject(role), msg)

_exposed(role) if role.spec.tier == "frontline"

_exposed(role) if role.spec.workforce == "contractor"
