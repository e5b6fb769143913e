# METADATA
# title: Finding fingerprints
# description: |
#   A finding's identity across commits, so that `--new-only` can tell a finding the base
#   already had from a new one, and SARIF viewers can follow it from run to run. The key
#   is the rule, the subject, the kind and name of the document the finding is in, the
#   path inside that document with each list position replaced by what the item is (a
#   grant's resource, an account's id, a listed value), and the message with its numbers
#   blanked. Line numbers, file names and list positions are left out, so inserting
#   lines, moving a document to another file or reordering a list keeps the key, and a
#   day passing (ages in messages) does not change it either.
package rolegate.lib.fingerprint

import rego.v1

_kinds := ["catalogs", "job_functions", "roles", "systems", "bindings", "org_policies", "waivers"]

# documents[[file, index]] is the input document a finding points at. (One object built
# by a comprehension: OPA cannot index a partial rule whose key is computed in its body,
# and rescans every document for each finding.)
documents := {[doc.source.file, doc.source.document]: doc |
	some kind in _kinds
	some doc in input[kind]
}

# key is the fingerprint of a finding of rule `rule`: one line per part. (Not
# json.marshal: OPA escapes "<", ">" and "&" in it and regorus does not.)
key(rule, finding) := concat("\n", [
	rule,
	finding.subject,
	_text(_document_id(finding)),
	_text(_semantic_path(finding)),
	regex.replace(finding.message, `[0-9]+`, "#"),
])

_text(parts) := concat("/", [sprintf("%v", [part]) | some part in parts])

_document_id(finding) := [doc.kind, doc.metadata.name] if {
	doc := documents[[finding.file, finding.document]]
} else := [finding.file]

_semantic_path(finding) := [_segment(doc, finding.path, i) | some i, _ in finding.path] if {
	doc := documents[[finding.file, finding.document]]
} else := finding.path

# A list position becomes the identity of the item it points at.
_segment(doc, path, i) := _identity(object.get(doc, array.slice(path, 0, i + 1), null), path[i]) if {
	is_number(path[i])
} else := path[i]

_identity(item, index) := sprintf("id=%s", [item.id]) if {
	is_string(item.id)
} else := sprintf("resource=%s", [item.resource]) if {
	is_string(item.resource)
} else := sprintf("name=%s", [item.metadata.name]) if {
	is_string(item.metadata.name)
} else := sprintf("value=%v", [item]) if {
	not is_object(item)
	not is_array(item)
} else := index
