"""Amazon Connect contact records (CTRs) as neutral events.

A contact an agent handled is use of BasicAgentAccess; one the agent dialled, of
OutboundCallAccess too (checker/usage/connect-ctr.yaml). The account is the agent's
``Username`` in lower case, as ``rolegate import amazon-connect`` names it; the time is
when the agent was connected, else when the contact started. A contact no agent handled
(abandoned in a queue, handled by a flow) is counted as unmapped.
"""

from __future__ import annotations

from typing import Any

from checker.usage.evidence import Evidence, Tally, load_evidence
from checker.usage.jsonlines import dig, objects
from checker.usage.sources import Source
from checker.usage.summary import SourceReport

_RECORDS = {"interaction": ("ContactId",), "customer": ("CustomerEndpoint", "Address")}


def convert(source: Source, writer: Any) -> SourceReport:
    evidence = load_evidence("connect-ctr")
    tally = Tally(source.shown, source.format)
    for line, record in objects(source.path, source.shown):
        for event in _events(record, line, evidence, tally):
            writer.writerow(event)
    return tally.report(evidence.observed())


def _events(record: dict[str, Any], line: int, evidence: Evidence, tally: Tally) -> list[list[str]]:
    if "ContactId" not in record:
        tally.skip(line, "not a contact record (no ContactId)")
        return []
    username = dig(record, "Agent", "Username")
    if not isinstance(username, str) or not username:
        tally.unmapped[f"{record.get('Channel', '?')} contact without an agent"] += 1
        return []
    time = dig(record, "Agent", "ConnectedToAgentTimestamp") or record.get("InitiationTimestamp")
    method = record.get("InitiationMethod")
    events = []
    for entry in evidence.entries:
        if entry["initiation"] not in ("*", method):
            continue
        for resource in evidence.resources(entry):
            which = str(dig(record, *_RECORDS.get(resource, ("ContactId",))) or "")
            events.append(
                [
                    str(time or ""),
                    username.lower(),
                    evidence.system,
                    resource,
                    entry["action"],
                    "",
                    "",
                    which,
                    "1",
                ]
            )
    return events
