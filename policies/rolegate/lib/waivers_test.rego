package rolegate.lib.waivers_test

import rego.v1

import data.rolegate.lib.waivers

_waiver(name, expires, file) := {
	"metadata": {"name": name},
	"spec": {"rule": "LP-001", "target": "role:agent", "expires": expires},
	"source": {"file": file, "document": 0},
}

_input(list) := {"context": {"now": "2026-11-28T10:00:00Z"}, "waivers": list}

test_in_force_up_to_and_including_its_last_day if {
	last_day := _waiver("today", "2026-11-28", "a.yaml")
	gone := _waiver("yesterday", "2026-11-27", "a.yaml")
	repo := _input([last_day, gone])
	waivers.in_force == {last_day} with input as repo
	waivers.days_left(last_day) == 0 with input as repo
	waivers.expired(gone) with input as repo
}

test_too_long_beyond_the_default_maximum if {
	at_limit := _waiver("ninety", "2027-02-26", "a.yaml")
	beyond := _waiver("ninety-one", "2027-02-27", "a.yaml")
	repo := _input([at_limit, beyond])
	waivers.days_left(at_limit) == 90 with input as repo
	not waivers.too_long(at_limit) with input as repo
	waivers.too_long(beyond) with input as repo
	waivers.in_force == {at_limit} with input as repo
}

test_the_first_waiver_by_file_covers if {
	later := _waiver("later", "2026-12-31", "b.yaml")
	first := _waiver("first", "2026-12-31", "a.yaml")
	repo := _input([later, first])
	waivers.covering[["LP-001", "role:agent"]] == first with input as repo
	waivers.covers(first, {"rule": "LP-001", "subject": "role:agent"})
	not waivers.covers(first, {"rule": "LP-002", "subject": "role:agent"})
}

test_a_waiver_whose_expiry_cannot_be_counted_is_never_in_force if {
	forever := _waiver("forever", "9999-12-31", "a.yaml")
	repo := _input([forever])
	not waivers.days_left(forever) with input as repo
	not waivers.within_max(forever) with input as repo
	waivers.too_long(forever) with input as repo
	count(waivers.in_force) == 0 with input as repo
}

test_an_expired_waiver_is_not_also_too_long if {
	gone := _waiver("long-gone", "1600-01-01", "a.yaml")
	repo := _input([gone])
	waivers.expired(gone) with input as repo
	not waivers.too_long(gone) with input as repo
}
