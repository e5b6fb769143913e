"""Generate a vendor-shaped export (Zendesk custom roles and users), for the import benchmark.

    python bench/import_gen.py --roles 10000 --users 50000 --seed 1 /tmp/zendesk-export

Roles draw each configuration setting from the values the Zendesk reference lists (so
every permission is one the shipped mapping knows, with a few unknown ones to exercise
the unmapped path); users hold one role each, some are contractors, some suspended.
The same arguments always give the same files.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

ENUMS = {
    "ticket_access": [
        "assigned-only",
        "within-groups",
        "within-groups-and-public-groups",
        "within-organization",
        "all",
    ],
    "ticket_comment_access": ["none", "public"],
    "end_user_profile_access": ["readonly", "edit-within-org", "edit", "full"],
    "end_user_list_access": ["none", "full"],
    "user_view_access": ["none", "readonly", "manage-personal", "manage-group", "full"],
    "view_access": ["playonly", "readonly", "manage-personal", "manage-group", "full"],
    "macro_access": ["readonly", "manage-personal", "manage-group", "full"],
    "report_access": ["none", "readonly", "full"],
    "explore_access": ["none", "readonly", "edit", "full"],
    "forum_access": ["readonly", "edit-topics", "full"],
    "manage_roles": ["none", "all-except-self"],
    "manage_team_members": ["none", "readonly", "all-with-self-restriction"],
}
BOOLEANS = (
    "assign_tickets_to_any_group",
    "chat_access",
    "export_views",
    "manage_triggers",
    "manage_slas",
    "organization_editing",
    "side_conversation_create",
    "ticket_deletion",
    "ticket_editing",
    "ticket_merge",
    "ticket_redaction",
    "ticket_tag_editing",
    "view_deleted_tickets",
    "voice_access",
    "voice_dashboard_access",
)
NAMES = (
    "Agent",
    "Senior Agent",
    "Team Lead",
    "Quality Reviewer",
    "Billing Specialist",
    "Supervisor",
)


def role(index: int, rng: random.Random) -> dict[str, Any]:
    config: dict[str, Any] = {key: rng.choice(values) for key, values in ENUMS.items()}
    config.update({key: rng.random() < 0.3 for key in BOOLEANS})
    if index % 500 == 0:
        config["manage_brand_secrets"] = True  # unknown to the mapping: unmapped, IMP-001
    return {
        "id": 30000000 + index,
        "name": f"{rng.choice(NAMES)} {index:05d}",
        "description": f"Generated role {index}",
        "role_type": 0,
        "configuration": config,
        "created_at": "2025-01-01T00:00:00Z",
        "updated_at": "2026-01-01T00:00:00Z",
    }


def user(index: int, roles: int, rng: random.Random) -> dict[str, Any]:
    contractor = rng.random() < 0.3
    fields = (
        {
            "employment_type": "contractor",
            "employer": "BPO Example Ltda.",
            "contract_end": "2027-06-30",
        }
        if contractor
        else {}
    )
    return {
        "id": 50000000 + index,
        "url": f"https://bench.zendesk.com/api/v2/users/{50000000 + index}.json",
        "name": f"User {index}",
        "email": f"user{index:06d}@{'bpo' if contractor else 'operator'}.example",
        "role": "agent",
        "role_type": 0,
        "custom_role_id": 30000000 + rng.randrange(roles),
        "external_id": f"E{index:06d}",
        "tags": ["contractor"] if contractor else [],
        "user_fields": fields,
        "active": True,
        "suspended": rng.random() < 0.02,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--roles", type=int, default=100)
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    if args.roles < 1 or args.users < 0:
        parser.error("--roles must be at least 1 and --users at least 0")
    rng = random.Random(args.seed)
    roles = [role(i, rng) for i in range(args.roles)]
    users = [user(i, args.roles, rng) for i in range(args.users)]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "custom_roles.json").write_text(json.dumps({"custom_roles": roles}, indent=1))
    (args.out / "users.json").write_text(json.dumps({"users": users, "next_page": None}, indent=1))
    print(f"wrote {args.roles} roles and {args.users} users to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
