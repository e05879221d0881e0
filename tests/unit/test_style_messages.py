"""What goes wrong in a style is said in Chinese, naming the key or the file and line, with the
allowed keys for an unknown one — never pydantic's or Jinja2's English."""
import re
from pathlib import Path

import pytest

from narratives import api
from narratives.style_folder import check_folder, new_style
from narratives.styles import StyleError, clear_cache, read_settings

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = re.compile(r"Extra inputs|Input should|unexpected char|Field required|Expected|Jinja|is undefined|object")


@pytest.fixture(autouse=True)
def _fresh():
    clear_cache()
    yield
    clear_cache()


def _style(tmp_path, name="m"):
    return new_style(name, "shanxi", tmp_path)


def _settings_error(target: Path, old: str, new: str) -> str:
    toml = (target / "style.toml").read_text(encoding="utf-8")
    assert old in toml
    (target / "style.toml").write_text(toml.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(StyleError) as exc:
        read_settings(target)
    return str(exc.value)


@pytest.mark.parametrize("old, new, says", [
    ("percent_places = 2", "percent_place = 2",
     "[number] 中不认识的设置“percent_place”（是不是“percent_places”？）；可用的有：group、trim、places、percent_places"),
    ("[words]", "[wordz]", "不认识的设置“wordz”（是不是“words”？）"),
    ('rounding = "四舍五入"', 'rounding = "银行家"', "number.rounding 只能是 四舍五入、截位（写的是“银行家”）"),
    ("percent_places = 2", 'percent_places = 2\n[number.share]\npattern = "0.0.0"', "数字格式“0.0.0”不是有效的 CLDR 格式"),
    ("places = 2", "places = 9", "number.places 应不大于 4"),
    ("places = 2", 'places = "两位"', "number.places 应为整数"),
    ('id = "overall"', 'id = "总体 情况"', "sections[第1个].id 只能用字母、汉字、数字"),
    ('name = "m"', "name = m", "第"),
])
def test_settings_problems_in_chinese(tmp_path, old, new, says):
    message = _settings_error(_style(tmp_path), old, new)
    assert says in message, message
    assert not ENGLISH.search(message), message


def test_template_syntax_in_chinese(tmp_path):
    target = _style(tmp_path)
    (target / "02_income.j2").write_text("第一行\n{{ money(“收入”) }}\n", encoding="utf-8")
    (target / "03_expense.j2").write_text("{% if f.general.value %}\n有\n", encoding="utf-8")
    messages = "\n".join(map(str, check_folder(target)))
    assert "02_income.j2 第2行）：出现了不应有的字符““”" in messages
    assert "03_expense.j2" in messages and "缺少 {% endif %}" in messages
    assert not ENGLISH.search(messages), messages


@pytest.mark.parametrize("body, says", [
    ("{{ money(f.grand_incom) }}", "f 没有“grand_incom”这一项"),
    ("{{ mony(f.grand_income) }}", "“mony”没有定义（是不是“money”？）"),
    ("{{ year + '年' }}", "把文字和数字直接相加了"),
    ("{{ change(f.general, 'x', 'y', 'z', 'w', 'v') }}", "change(…) 的参数太多"),
])
def test_template_runtime_errors_in_chinese(tmp_path, yangquan, body, says):
    target = _style(tmp_path)
    (target / "01_overall.j2").write_text("第一行\n" + body + "\n", encoding="utf-8")
    with pytest.raises(api.JuesuanError) as exc:
        api.render(yangquan, style="m", templates=(str(tmp_path),), section="一")
    message = str(exc.value)
    assert "01_overall.j2 第2行" in message and says in message, message
    assert not ENGLISH.search(message.split("：", 1)[1]), message


@pytest.mark.parametrize("body", ["{{ change(0) }}", "{{ completion(none) }}", "{{ share(3) }}",
                                  "{{ deviation(none) }}", "{{ amount_word(0) }}", "{{ change_rate(none) }}"])
def test_a_plain_number_where_a_figure_is_needed_is_said_in_chinese(tmp_path, yangquan, body):
    target = _style(tmp_path)
    (target / "01_overall.j2").write_text(body + "\n", encoding="utf-8")
    with pytest.raises(api.JuesuanError) as exc:
        api.render(yangquan, style="m", templates=(str(tmp_path),), section="一")
    message = str(exc.value)
    assert "01_overall.j2 第1行" in message and "这里要一个“数”（f. 下的" in message, message
    assert "object" not in message and "attribute" not in message


def test_plain_ints_and_none_are_fine_where_a_number_is_enough(tmp_path, yangquan):
    target = _style(tmp_path)
    (target / "01_overall.j2").write_text(
        "{{ pct(0) }}|{{ money(0) }}|{{ number(3) }}|{{ score(3) }}|{{ count(3) }}|{{ note(none) }}|"
        "{{ reason(none) }}|{{ sentence(none) }}\n", encoding="utf-8")
    doc = api.render(yangquan, style="m", templates=(str(tmp_path),), section="一")
    assert api.to_text(doc).splitlines()[-1].strip() == "0.00%|0万元|3.00|3.00分|3|||"


def test_docx_keys_are_checked_with_the_allowed_ones(tmp_path):
    target = _style(tmp_path)
    toml = (target / "style.toml").read_text(encoding="utf-8")
    (target / "style.toml").write_text(toml.replace("[docx.whole]", "[docx]\nbody_fnt = \"仿宋\"\n\n[docx.whole]", 1),
                                       encoding="utf-8")
    messages = [str(f) for f in check_folder(target)]
    assert any("[docx] 不认识的设置“body_fnt”（是不是“body_font”？）；可用的有：body_font" in m for m in messages), messages
