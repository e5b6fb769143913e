"""What an importer reads out of a platform's export: roles, users and where each was.

Values only. A vendor module turns its export files into a ``VendorExport``; the mapping
(``mapping.py``) turns each role's permissions into rolegate grants; ``documents.py``
writes the documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Where:
    """Where a vendor object is: its export file and line (1-based; 0 if not known)."""

    file: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True)
class VendorRole:
    """One role object of the platform (Zendesk custom role, Connect security profile,
    Salesforce profile or permission set, Genesys role)."""

    id: str
    name: str  # as the platform shows it
    kind: str  # the vendor's word for the object, e.g. "custom_role", "security_profile"
    where: Where
    description: str = ""
    # Every permission the role holds, as the platform names it; an enumerated setting
    # is "key=value", a boolean or plain permission its name.
    permissions: tuple[str, ...] = ()
    settings: dict[str, str] = field(default_factory=dict)  # enumerated settings, for "@key" scopes
    scope: str = ""  # a scope the export itself fixes for every grant (Genesys divisions)


@dataclass(frozen=True)
class VendorUser:
    """One user record, whatever its state."""

    id: str
    account: str  # the login as rolegate names the account (lower-case)
    name: str
    where: Where
    person: str = ""
    role_ids: tuple[str, ...] = ()
    active: bool = True
    shared: bool = False
    workforce: str = "employee"
    employer: str = ""
    sponsor: str = ""
    contract: str = ""
    valid_from: str = ""
    valid_until: str = ""


@dataclass(frozen=True)
class VendorExport:
    vendor: str
    roles: tuple[VendorRole, ...]
    users: tuple[VendorUser, ...]
    files: tuple[str, ...] = ()  # the export files read, as named in messages
