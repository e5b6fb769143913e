# METADATA
# title: Special data shown without a job function that needs it
# description: |
#   A grant shows special data (call-detail records, location, sensitive personal data:
#   class categories `call_detail`, `location`, `sensitive`, or any other sensitivity-4
#   class except card data, which DATA-003 covers) at more than `none`, although none of
#   the role's job functions needs that field. Who a customer calls, where their phone
#   is and their health or beliefs are the data whose leak does the most harm.
# custom:
#   id: DATA-006
#   severity: critical
#   subject: role
#   controls: [LGPD-6-III, LGPD-46, ISO27001-A.8.11, ISO27001-A.5.15]
#   remediation: |
#     Set the field to `none`, or add the job function whose documented purpose needs it.
package rolegate.rules.data_minimisation.special_visibility

import rego.v1

import data.rolegate.lib.minimisation
import data.rolegate.lib.model
import data.rolegate.lib.result

_special_categories := {"call_detail", "location", "sensitive"}

_card_categories := {"card_data", "card_security_code"}

findings contains result.finding(role, minimisation.grant_field_path(i, grant, field), result.role_subject(role), msg) if {
	some role in input.roles
	some i, grant in role.spec.grants
	some field in _special_fields[grant]
	model.needed_visibility_rank(role, grant.resource, field) == 0
	msg := sprintf("role %q: grant on %s.%s shows special data (%s) but its functions (%s) need none", [
		role.metadata.name, grant.resource, field, model.visibility(grant, field),
		minimisation.function_list(role),
	])
}

# The special fields each distinct grant shows (grants without any are left out).
_special_fields := {grant: fields |
	some grant in model.distinct_grants
	fields := {field |
		some field in model.visible_fields(grant)
		_special(model.field_class(grant.resource, field))
	}
	count(fields) > 0
}

_special(class) if class.category in _special_categories

_special(class) if {
	minimisation.special_sensitivity(class)
	not class.category in _card_categories
}
