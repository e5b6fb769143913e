package rolegate.lib.model_test

import rego.v1

import data.rolegate.lib.model

_input := {
	"catalogs": [{"spec": {
		"classes": {"contact": {"sensitivity": 3, "category": "contact_point", "default_visibility": "masked"}},
		"resources": {"customer": {"fields": {"phone": "contact", "email": "contact"}}},
	}}],
	"job_functions": [{"spec": {"functions": {"support": {"needs": [
		{"resource": "customer", "actions": ["read"], "scope": "assigned", "fields": {"phone": "full"}},
	]}}}}],
	"org_policies": [{"spec": {"thresholds": {"max_idle_timeout_minutes": 5}}}],
}

test_unlisted_field_takes_its_class_default if {
	model.visibility({"resource": "customer", "fields": {"phone": "none"}}, "email") == "masked" with input as _input
}

test_wildcard_field_applies_to_unlisted_fields if {
	model.visibility({"resource": "customer", "fields": {"*": "full"}}, "email") == "full" with input as _input
}

test_needed_visibility_is_the_widest_need if {
	role := {"spec": {"functions": ["support", "unknown"]}}
	model.needed_visibility_rank(role, "customer", "phone") == 4 with input as _input
	model.needed_visibility_rank(role, "customer", "email") == 2 with input as _input
}

test_org_policy_overrides_one_threshold_and_keeps_the_defaults if {
	model.thresholds.max_idle_timeout_minutes == 5 with input as _input
	model.thresholds.min_audit_retention_days == 365 with input as _input
}

test_personal_fields_are_visible_fields_of_sensitivity_two_or_more if {
	model.personal_fields({"resource": "customer", "fields": {"phone": "none"}}) == {"email"} with input as _input
}

test_first_by_name_keeps_the_first_of_a_name_used_twice if {
	docs := [
		{"metadata": {"name": "b"}, "n": 1},
		{"metadata": {"name": "a"}, "n": 2},
		{"metadata": {"name": "b"}, "n": 3},
	]
	model.first_by_name(docs) == {"a": docs[1], "b": docs[0]}
	model.first_by_name([]) == {}
}

test_date_ns_counts_the_readable_dates if {
	model.date_ns("1970-01-02") == model.day_ns
	model.date_ns(model.first_date) < model.date_ns(model.last_date)
}

# Outside first_date..last_date the date helpers are undefined, never an error: on OPA a
# time builtin past the nanosecond clock (1677-09-21..2262-04-11) would make the calling
# rule undefined, and on the embedded engine stop the run.
test_date_ns_is_undefined_for_days_it_cannot_read if {
	every date in ["1899-12-31", "2200-01-01", "2263-01-01", "1677-01-01", "9999-12-31", "", 20261128, null] {
		not model.date_ns(date)
	}
}

test_now_ns_is_undefined_for_a_time_it_cannot_read if {
	not model.now_ns with input as {"context": {"now": "2300-01-01T00:00:00Z"}}
	model.now_ns == model.date_ns("2026-11-28") with input as {"context": {"now": "2026-11-28T00:00:00Z"}}
}

test_grouped_lists_each_keys_values if {
	model.grouped([["b", 2], ["a", 1], ["b", 1], ["c", 3], ["a", 0]]) == {"a": [0, 1], "b": [1, 2], "c": [3]}
	model.grouped([["only", "x"]]) == {"only": ["x"]}
	model.grouped([]) == {}
}
