"""The access review: what a command asks data.rolegate.review for, and its answer read back."""
