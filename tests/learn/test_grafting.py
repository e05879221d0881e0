"""The base style's control flow with the document's words (grafting.py): which words of a
template are its own, how a published difference becomes an edit of them, and when a section is
learned from its text instead."""
from narratives.learn.grafting import _edits, _new_words, literal_runs, marked, origins

from .helpers import learn_from_text, render_text


def test_literal_runs_are_the_templates_own_words():
    src = '{% if x %}\n## {{ num(2) }}收入情况\n{{ year }}年度收入{{ money(x) }}，{{ change(x) }}。\n{% endif %}\n'
    assert [r.text for r in literal_runs(src)] == ["收入情况", "年度收入", "，", "。"]
    # the markers go around each run: the tags and "## " stay as they were
    m = marked(src, literal_runs(src))
    assert m.count("{{") == src.count("{{") and "\n## {{ num(2) }}\U000f0000收入情况" in m


def _where(*parts):
    """Rendered text from (run index | None, text) parts, as the marked render gives it."""
    text = ""
    for run, t in parts:
        text += t if run is None else chr(0xF0000 + run) + t + "\U0010FFFD"
    return origins(text)


def test_a_difference_inside_one_run_is_an_edit_of_that_run():
    plain, where = _where((0, "年度收入"), (None, "12.00万元"), (1, "，比上年"), (None, "增加1.00万元"))
    edits = {}
    assert _edits(plain, where, "年度收入总额12.00万元，较上年增加1.00万元", edits)
    # run → where that occurrence starts in the render → its words as published
    assert edits == {0: {0: "年度收入总额"}, 1: {11: "，较上年"}}


def test_a_difference_in_an_expressions_output_is_no_edit():
    plain, where = _where((0, "年度收入"), (None, "增加1.00万元"))
    assert not _edits(plain, where, "年度收入增长1.00万元", {})


def test_a_run_written_twice_must_be_edited_alike():
    plain, where = _where((0, "，其中"), (None, "A"), (0, "，其中"), (None, "B"))
    edits = {}
    assert _edits(plain, where, "；其中A，其中B", edits)
    assert _new_words(literal_runs("，其中{{ a }}"), edits) is None  # one run, two different words
    edits = {}
    assert _edits(plain, where, "；其中A；其中B", edits)
    assert _new_words(literal_runs("，其中{{ a }}"), edits) == {0: "；其中"}


def test_the_clerks_words_may_differ_the_style_does_not():
    text = "\U000f0000主要原因是\U0010FFFD\U0010FFFB人员减少\U0010FFFC\U000f0001。\U0010FFFD"
    plain, where = origins(text)
    assert plain == "主要原因是人员减少。"
    assert _edits(plain, where, "主要原因是人员调出。", {})


def test_a_section_the_base_writes_otherwise_is_learned_from_its_text(tmp_path, yangquan):
    """Words changed in a template's own text are grafted; a word a helper writes ("减少" of a
    change) changed in one section makes that section learned from its text, the rest grafted."""
    doc = render_text(yangquan, "shanxi")
    sections = doc.split("\n")
    k = next(i for i, line in enumerate(sections) if "收入总计减少" in line)
    sections[k] = sections[k].replace("收入总计减少", "收入总计降低")
    words = "\n".join(sections).replace("(类)", "（类）")
    result = learn_from_text(words, yangquan, tmp_path)
    assert result.report.base == "shanxi"
    assert result.report.learned == ["收入支出决算总体情况说明"]
    learned = render_text(yangquan, "learned", (str(tmp_path / "styles"),))
    assert "（类）" in learned and "(类)" not in learned
    assert "收入总计降低" in learned  # the text-only section writes the document's word too


def test_a_user_bases_own_macros_go_with_the_sections_kept_from_it(tmp_path, yangquan):
    import shutil

    from narratives import styles
    from narratives.learn import learn
    base = tmp_path / "mine" / "mybase"
    shutil.copytree(styles.load("shanxi").folder, base)
    (base / "style.toml").write_text((base / "style.toml").read_text(encoding="utf-8")
                                     .replace('name = "shanxi"', 'name = "mybase"'), encoding="utf-8")
    (base / "own.j2").write_text('{% macro tail() %}（单位：万元）{% endmacro %}', encoding="utf-8")
    first = base / "01_overall.j2"
    first.write_text('{% import "own.j2" as own %}' + first.read_text(encoding="utf-8"), encoding="utf-8")
    doc = tmp_path / "last.txt"
    doc.write_text(render_text(yangquan, "mybase", (str(tmp_path / "mine"),)), encoding="utf-8")
    result = learn(doc, yangquan, tmp_path / "out", "learned", "mybase", (str(tmp_path / "mine"),))
    assert "收入支出决算总体情况说明" in result.report.grafted
    assert (result.folder / "own.j2").is_file()
    assert result.report.differences == []


def test_a_section_titled_in_other_words_is_still_the_bases(tmp_path, yangquan):
    doc = render_text(yangquan, "shanxi").replace("二、收入决算情况说明", "二、收入决算情况")
    result = learn_from_text(doc, yangquan, tmp_path, base="shanxi")
    assert "收入决算情况" in result.report.grafted and result.report.learned == []
    again = render_text(yangquan, "learned", (str(tmp_path / "styles"),))
    assert "二、收入决算情况\n" in again
