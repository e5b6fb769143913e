package rolegate.lib.grants_test

import rego.v1

import data.rolegate.lib.grants

_read := {"resource": "customer", "actions": ["read"], "scope": "team"}

_edit := {"resource": "customer", "actions": ["update"], "scope": "team"}

_input := {"roles": [
	{"metadata": {"name": "a"}, "spec": {"grants": [_read, _edit]}},
	{"metadata": {"name": "b"}, "spec": {"grants": [_edit]}},
	{"metadata": {"name": "c"}, "spec": {"grants": [_read]}},
]}

test_each_distinct_grant_lists_every_place_it_is_granted if {
	# (Looked up grant by grant: regorus compares an object literal keyed by rule
	# references unlike OPA.)
	places := grants.places with input as _input
	count(places) == 2
	places[_read] == [[0, 0], [2, 0]]
	places[_edit] == [[0, 1], [1, 0]]
}

test_no_roles_no_places if {
	grants.places == {} with input as {"roles": []}
}
