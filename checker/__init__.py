"""rolegate: a static policy-as-code gate for customer-service access models."""

from __future__ import annotations

__version__ = "0.1.0"
