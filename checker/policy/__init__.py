"""Policy: the Rego rule packs (built-in and custom), their METADATA and lint, the guard
against Rego the engines do not share, and OPA bundles of the active policies."""
