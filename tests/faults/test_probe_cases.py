"""The probe's remaining "Why" bullets as the clerk meets them, through the command line (issue 19):
a change that rounds to 0.00 (zero-change.toml) and a 项 whose 类/款 rows are missing
(orphan-row.toml).  The files are rebuilt here from a bundled sample, so nothing outside the repo
is read."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narratives import api
from narratives.cli import main
from narratives.io.projectfile import save

STYLES = ["shanxi", "shandong", "shanghai"]
SLIP = re.compile(r"(增加|减少|增长|下降|新增)0\.00(万元|%)")


@pytest.fixture(scope="module")
def sample():
    from tests.fixtures import hostile
    return hostile.sample()


@settings(max_examples=40, deadline=None)
@given(delta=st.decimals(min_value=Decimal("-0.0049"), max_value=Decimal("0.0049"), places=4)
       .filter(lambda d: d != 0),
       style=st.sampled_from(STYLES))
def test_a_change_that_rounds_to_zero_is_said_as_level_never_0_00(sample, delta, style):
    """zero-change.toml: "增加0.00万元，增长0.00%" for a change under 0.005万元."""
    p = sample.model_copy(deep=True)
    p.prior.grand_income = p.t01.grand_income - delta
    p.prior.grand_expense = p.t01.grand_expense + delta
    text = api.to_text(api.render(p, style=style))
    assert not SLIP.search(text), SLIP.search(text).group(0)
    assert "持平" in text or "相同" in text


def test_an_orphan_row_is_reported_by_check_and_still_counted_by_render(sample, tmp_path, capsys):
    """orphan-row.toml: a 项 2139999 without its 类 213 and 款 21399 rows vanished from both."""
    from narratives.model.tables import T02Row, T03Row, T05Row
    p = sample.model_copy(deep=True)
    p.t02.rows.append(T02Row(code="2139999", name="孤立科目", total=Decimal(50), fiscal=Decimal(50)))
    p.t03.rows.append(T03Row(code="2139999", name="孤立科目", total=Decimal(50), basic=Decimal(50)))
    p.t05.rows.append(T05Row(code="2139999", name="孤立科目", total=Decimal(50), basic=Decimal(50)))
    path = tmp_path / "orphan-row.toml"
    save(p, path)
    assert main(["check", str(path)]) == 1  # an error: the clerk must add the 类/款 rows
    out = capsys.readouterr().out
    assert re.search(r"错误 R36\s+公开02表 2139999 孤立科目：缺少上级科目行（类 213、款 21399）", out), out
    assert main(["render", str(path)]) == 0
    assert re.search(r"农林水支出[^。]{0,40}50\.00万元", capsys.readouterr().out)  # counted under its 类
