"""The pieces of the learner, each on its own: figures, number format, catalogue, matching,
generalising one paragraph."""
from decimal import Decimal

from narratives.facts import Facts
from narratives.learn import catalogue
from narratives.learn.generalise import ParagraphLearner, Slot, note_bodies
from narratives.learn.matching import Matcher, figures, role_of
from narratives.learn.numbers import detect_numbers
from narratives.learn.reading import parse


def test_figures_read_value_unit_and_places():
    fs = figures("收入总计1,289.23万元，下降15.85%，共有车辆2辆，接待3批次、12人次，单价100万元（含）")
    assert [(f.value, f.unit, f.places) for f in fs] == [
        (Decimal("1289.23"), "万元", 2), (Decimal("15.85"), "%", 2), (2, "辆", 0), (3, "批次", 0),
        (12, "人次", 0), (100, "万元", 0)]


def test_role_from_the_words_before():
    f = figures("减少24.07万元")[0]
    assert role_of(f, "减少") == "change"
    assert role_of(f, "年初预算") == "budget"
    p = figures("完成年初预算的89.48%")[0]
    assert role_of(p, "完成年初预算的") == "completion"
    assert role_of(p, "占比") == "share"
    assert role_of(p, "下降") == "rate"


def _pub(body: str):
    return parse("第三部分 情况说明\n一、收入支出决算总体情况说明\n" + body + "\n")


def test_number_format_trimmed_and_grouped():
    n = detect_numbers(_pub("收入36万元，支出12.1万元，合计1,289.23万元，占100%，单价100万元（含）以上"))
    assert (n["places"], n["trim"], n["group"], n["percent_trim"]) == (2, True, True, True)


def test_number_format_fixed_places_ungrouped_and_zero():
    n = detect_numbers(_pub("收入36.00万元，支出0万元，合计1289.23万元，占比100.00%。"))
    assert (n["places"], n["trim"], n["group"], n["zero"], n["percent_trim"]) == (2, False, False, "0", False)


def test_catalogue_has_every_role_of_an_item(yangquan):
    cat = catalogue.build(Facts(yangquan))
    grand = [c for c in cat.candidates if c.subject.expr == "f.grand_income"]
    roles = {c.role: c.value for c in grand}
    assert roles["value"] == Decimal("127.80") or roles["value"].quantize(Decimal("0.01")) == Decimal("127.80")
    assert roles["change"].quantize(Decimal("0.01")) == Decimal("24.07")
    assert roles["rate"].quantize(Decimal("0.01")) == Decimal("15.85")
    assert [s.item.code for s in cat.rows("f.classes")] == ["201", "204", "208", "210", "221"]


def _learner(project):
    facts = Facts(project)
    cat = catalogue.build(facts)
    return ParagraphLearner(facts, cat, Matcher(cat), note_bodies(project)), cat


def test_equal_values_are_told_apart_by_the_words_before_them(yangquan):
    learner, _ = _learner(yangquan)
    lp = learner.learn("2024年度财政拨款收入总计127.80万元，支出总计127.80万元。", "财政拨款总体")
    figs = [p for p in lp.pieces if isinstance(p, Slot) and p.kind == "fig"]
    assert [p.subject.expr for p in figs] == ["f.fiscal_income", "f.fiscal_expense"]
    assert [p.kind for p in lp.pieces if isinstance(p, Slot)][0] == "year"


def test_a_fall_becomes_the_change_helper_with_its_lead_and_subject(yangquan):
    learner, _ = _learner(yangquan)
    lp = learner.learn("与上年相比，收入总计减少24.07万元，下降15.85%。", "收支总体")
    (slot,) = [p for p in lp.pieces if isinstance(p, Slot)]
    assert (slot.kind, slot.subject.expr) == ("change", "f.grand_income")
    assert slot.args["lead"] == "与上年相比，" and slot.args["subject"] == "收入总计"
    assert lp.pieces[-1] == "。" and not lp.residue


def test_a_clerks_reason_becomes_a_note_slot_with_its_lead_in(yangquan):
    learner, _ = _learner(yangquan)
    reason = yangquan.note("204").rstrip("。")
    lp = learner.learn(f"较上年决算减少20.62万元，下降16.98%，主要原因是{reason}。", "一般公共预算")
    note = [p for p in lp.pieces if isinstance(p, Slot) and p.kind == "note"][0]
    assert note.args["key"] == "204" and note.args["prefix"] == "，主要原因是"
    assert note.args["end"] == "。" and note.args["fallback"] == "。"


def test_a_figure_of_no_fact_is_kept_and_reported(yangquan):
    learner, _ = _learner(yangquan)
    lp = learner.learn("全年办理案件142件，每件补贴900元。", "")
    assert [r.figure for r in lp.residue] == ["142件", "900元"]
    assert "".join(p for p in lp.pieces if isinstance(p, str)) == "全年办理案件142件，每件补贴900元。"
