# METADATA
# title: Vendor permission not mapped
# description: |
#   A role imported from a platform (Zendesk, Amazon Connect, Salesforce, Genesys Cloud)
#   holds a permission that rolegate's mapping does not translate into grants. The
#   permission is real on the platform, but no rule can judge it, so the role may reach
#   more than its grants show: an import must never look cleaner than the platform is.
# custom:
#   id: IMP-001
#   severity: high
#   subject: role
#   controls: [LGPD-6-III, ISO27001-A.5.15, ISO27001-A.5.18, SOC2-CC6.3]
#   remediation: |
#     Map the permission in a mapping file (`permissions:` entry naming the grants it
#     gives, or `grants: []` when it reaches no customer data) and import again with
#     `rolegate import VENDOR EXPORT -o DIR --mapping FILE`; or remove the permission from
#     the role on the platform. docs/import.md describes the mapping.
package rolegate.rules.imports.unmapped_permission

import rego.v1

import data.rolegate.lib.result

# One finding per unmapped permission, at its entry in the role.
findings contains result.finding(role, ["spec", "unmapped", i], result.role_subject(role), msg) if {
	some role in input.roles
	some i, entry in object.get(role.spec, "unmapped", [])
	permission := _quoted(entry.permission)
	msg := sprintf(
		"role %q: %s permission %s is not mapped to rolegate grants; add it to a --mapping file (permissions: {%s: {grants: [...]}}) and import again",
		[role.metadata.name, entry.vendor, permission, permission],
	)
}

# The permission is vendor text: quoted here rather than with %q, which OPA and the
# embedded engine print differently for characters newer than Unicode 15.
_quoted(text) := sprintf(`"%s"`, [replace(replace(text, `\`, `\\`), `"`, `\"`)])
