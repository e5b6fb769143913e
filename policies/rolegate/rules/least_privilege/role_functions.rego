# METADATA
# title: Role without a job function, or naming an unknown one
# description: |
#   The role names no job function, or names one that no JobFunctions declares. Without
#   a function there is no stated purpose and no measure of what the role needs, so none
#   of its grants can be shown to be necessary. (An unknown id is also a reference error;
#   this rule reports it too so that the gate holds on every engine.)
# custom:
#   id: LP-004
#   severity: high
#   subject: role
#   controls: [LGPD-6-III, LGPD-37, ISO27001-A.5.15, ISO27001-A.5.18, SOC2-CC6.3]
#   remediation: |
#     List in `spec.functions` the job functions the role serves, each declared in a
#     JobFunctions document with its purpose and needs.
package rolegate.rules.least_privilege.role_functions

import rego.v1

import data.rolegate.lib.model
import data.rolegate.lib.result

findings contains result.finding(role, _functions_path(role), result.role_subject(role), msg) if {
	some role in input.roles
	count(object.get(role.spec, "functions", [])) == 0
	msg := sprintf("role %q: names no job function, so no grant of it is justified", [role.metadata.name])
}

findings contains result.finding(role, ["spec", "functions", i], result.role_subject(role), msg) if {
	some role in input.roles
	some i, id in object.get(role.spec, "functions", [])
	not model.functions[id]
	msg := sprintf("role %q: function %q is not declared in any JobFunctions", [role.metadata.name, id])
}

_functions_path(role) := ["spec", "functions"] if "functions" in object.keys(role.spec) else := ["spec"]
