"""Differential on custom rule packs: a pack either decides the same on both engines or is
refused by the embedded engine (exit 2, naming --engine opa) — never silently otherwise.

Drawn: the name of the rule that reads the helper library first (regorus 0.13 loses
import aliases in some evaluation orders, see checker/engines/aliases.py), and the
message's sprintf format and number (regorus prints %d of a negative number otherwise,
see checker/engines/verbs.py). Each pack compiles on both engines, so few are drawn.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from generated_settings import DIFF_EXAMPLES, seeded
from hypothesis import given
from hypothesis import strategies as st
from two_engines import both, engines

from checker.errors import GateError

from conftest import ROOT
from rulepack import helper_pack, write

pytestmark = pytest.mark.differential

CASE = (ROOT / "fixtures/rules/LP-001/good", ROOT / "fixtures/rules/_base")
READERS = ["a_owner", "lib_owner", "m_owner", "z_owner", "zz"]
FORMATS = ["%d", "%v", "%d days, %%d", "%5d", "%+d", "%s"]
NUMBERS = [0, 1, -1, -25, 2**63 - 1, -(2**63)]
RULE = """\
# METADATA
# title: Numbered
# description: A rule of the drawn pack.
# custom:
#   id: ACME-020
#   severity: high
#   subject: role
#   controls: [ACME-CTRL-1]
#   remediation: Nothing to do; it is a test.
package rolegate.rules.acme.numbered

import rego.v1

import data.rolegate.lib.result

findings contains result.finding(role, ["spec", "tier"], result.role_subject(role), msg) if {{
	some role in input.roles
	{message}
}}
"""


def _message(form: str, number: int, literal: bool) -> str:
    if literal:
        return f'msg := sprintf("role %q: {form}", [role.metadata.name, {number}])'
    return f'form := "role %q: {form}"\n\tmsg := sprintf(form, [role.metadata.name, {number}])'


@seeded(max(2, DIFF_EXAMPLES // 20))  # a pack costs two compilations: ~10 s under load
@given(
    reader=st.sampled_from(READERS),
    form=st.sampled_from(FORMATS),
    number=st.sampled_from(NUMBERS),
    literal=st.booleans(),
)
def test_a_drawn_pack_decides_the_same_or_is_refused(
    reader: str,
    form: str,
    number: int,
    literal: bool,
    real_opa_server: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    pack = helper_pack(tmp_path_factory.mktemp("pack"), reader=reader)
    write(
        pack,
        "rolegate/rules/acme/numbered.rego",
        RULE.format(message=_message(form, number, literal)),
    )
    rewritable = literal and form in ("%d", "%v", "%d days, %%d", "%s")
    try:
        pair = engines(real_opa_server, (Path(pack),))
    except GateError as refused:
        assert not rewritable
        assert "--engine opa" in str(refused)
        return
    assert rewritable
    embedded, opa = both(CASE, pair)
    assert embedded == opa
