# METADATA
# title: Finding constructor
# description: |
#   The one shape every rule emits. A rule gives the document, the path inside it,
#   the subject and the message; rolegate.main stamps id, severity, title and controls
#   from the rule's METADATA, so rule bodies never type them.
package rolegate.lib.result

import rego.v1

# finding is what a rule adds to its `findings` set.
finding(doc, path, subject, message) := {
	"file": doc.source.file,
	"document": doc.source.document,
	"path": path,
	"subject": subject,
	"message": message,
}

# escalated is a finding at one of the rule's METADATA `custom.escalations` levels:
# the rule names the condition (e.g. "sensitive"), the METADATA names its severity.
escalated(doc, path, subject, message, escalation) := object.union(
	finding(doc, path, subject, message),
	{"escalation": escalation},
)

role_subject(role) := sprintf("role:%s", [role.metadata.name])

account_subject(account) := sprintf("account:%s", [account.id])

system_subject(system) := sprintf("system:%s", [system.metadata.name])

waiver_subject(waiver) := sprintf("waiver:%s", [waiver.metadata.name])
