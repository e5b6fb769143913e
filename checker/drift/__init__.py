"""``rolegate drift``: the declared repo compared with what a platform really grants."""
