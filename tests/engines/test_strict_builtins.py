"""A builtin that fails stops the gate on every engine, never reads as "no finding".

By default OPA makes an expression whose builtin fails undefined, so a rule's condition
quietly does not hold; the embedded engine raises. rolegate asks OPA for strict builtin
errors (`opa eval --strict-builtin-errors`, the data API's `strict-builtin-errors`), so
all engines stop (exit 2). The built-in rules give no config value a builtin error to
make (tests/validate/test_engine_limits.py); a custom rule still can.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from opa_process import running_opa

from conftest import FIXTURES, CliResult
from rulepack import write

opa_standin = pytest.importorskip("opa_standin", reason="OPA reference not installed")

Cli = Callable[..., CliResult]

# A custom rule whose to_number fails on the example's person keys ("E10231"): without
# strict builtin errors, OPA would find nothing and pass.
FAILING_RULE = """\
# METADATA
# title: Person key is a number
# description: A custom rule whose builtin fails on the example's person keys.
# custom:
#   id: ACME-002
#   severity: high
#   subject: account
#   controls: [ACME-CTRL-1]
#   remediation: Nothing to do; it is a test.
package rolegate.rules.acme.person_number

import rego.v1

import data.rolegate.lib.model
import data.rolegate.lib.result

findings contains result.finding(entry.doc, entry.path, subject, "x") if {
	some entry in model.accounts
	subject := result.account_subject(entry.account)
	to_number(entry.account.person) > -1
}
"""


@pytest.fixture
def failing_pack(tmp_path: Path) -> Path:
    write(tmp_path / "pack", "rolegate/rules/acme/person_number.rego", FAILING_RULE)
    return tmp_path / "pack"


def test_a_failing_builtin_is_exit_2_naming_the_rule(
    cli: Cli, engine: tuple[str, ...], failing_pack: Path
) -> None:
    code, out, err = cli("check", *engine, "--policy", str(failing_pack), str(FIXTURES / "example"))
    assert (code, out) == (2, "")
    assert "person_number.rego:20:" in err


def test_a_failing_builtin_is_exit_2_on_a_real_opa_server_serving_a_bundle(
    cli: Cli, real_opa: str, failing_pack: Path, tmp_path: Path
) -> None:
    bundle = tmp_path / "bundle.tar.gz"
    assert cli("bundle", "--policy", str(failing_pack), "-o", str(bundle))[0] == 0
    with running_opa(real_opa, "--bundle", str(bundle)) as served:
        code, out, err = cli(
            "check", "--engine", "opa-server", "--opa-url", served.url, "--opa-preloaded",
            "--policy", str(failing_pack), str(FIXTURES / "example"),
        )  # fmt: skip
    assert (code, out) == (2, "")
    assert "OPA server evaluation failed" in err


def test_a_failing_builtin_is_exit_2_on_a_real_opa_server_it_pushes_to(
    cli: Cli, real_opa: str, failing_pack: Path
) -> None:
    with running_opa(real_opa) as started:
        code, out, err = cli(
            "check", "--engine", "opa-server", "--opa-url", started.url,
            "--policy", str(failing_pack), str(FIXTURES / "example"),
        )  # fmt: skip
    assert (code, out) == (2, "")
    assert "OPA server evaluation failed" in err


def test_the_server_engine_asks_for_strict_builtin_errors(cli: Cli) -> None:
    with opa_standin.standin_server() as (url, state):
        code, _, _ = cli(
            "check", "--engine", "opa-server", "--opa-url", url, str(FIXTURES / "example")
        )
    queries = [r for r in state.requests if r.startswith("POST /v1/data/rolegate/main/decision")]
    assert code == 0
    assert queries and all(r.endswith("?strict-builtin-errors=True") for r in queries)
