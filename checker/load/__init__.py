"""Load: find a config repo's YAML files (or a git revision's) and read them into documents
with positions. A file that cannot be read is a finding, never an exception."""
