"""Authoring: everything that is not the gate itself. Golden cases, Rego unit tests and
coverage (`rolegate test`), rule docs (`rules`, `explain`), scaffolds (`new-rule`,
`init`) and the editor schemas (`schema`)."""
