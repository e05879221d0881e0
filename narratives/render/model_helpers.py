"""Template helpers for the structures added with issue 13 (item 3): rows a style lists, the
subject of a 三公 comparison, reasons for 持平, 款 inside a 类 paragraph, 绩效 grades, shares of
政府采购.  The wording decisions are ``narratives.wording``'s; these only bind them to the
style and the facts, so a template calls ``listed(f.income_sources)`` instead of an ``if``."""
from __future__ import annotations

from ..facts import Item
from ..wording import change_phrase, change_subject, explains, grade_counts, listed, reason_verb


MODEL_HELPER_NAMES = ("listed", "change_as", "explains", "reason_verb", "kuan_of", "grades", "share_of",
                      "purchase_share", "vehicles_listed")


class ModelHelpers:
    """Mixed into ``render.engine.Helpers`` (it has ``f``, ``fmt`` and ``words``)."""

    def listed(self, items: list, current: bool = False) -> list:
        """The rows of a 收入/支出 list, zero rows included where the style's list_zero_rows says
        (``current``: otherwise only rows with an amount this year)."""
        return listed(items, self.fmt.settings.list_zero_rows, current)

    def change_as(self, x: Item, label: str, noun: str | None = None, lead: str | None = None,
                  same: str | None = None, label_first: bool = False) -> str:
        """A comparison whose subject depends on the case (wording.change_subject):
        "公务接待费支出决算减少X万元" but "公务接待费上年无此项支出，本年新增X万元".
        ``label_first``: the label goes before the lead ("…支出决算数比2023年度减少…")."""
        subject, keep_lead = change_subject(x.change, label, x.name if noun is None else noun)
        if x.change.kind == "unknown":  # 本年 or 上年 not entered: the markers, never a 0 (truth)
            return self.change(x, subject, lead=lead, same=same)
        if not keep_lead:
            return change_phrase(x.change, self.fmt, self.words, subject=subject, lead="", same=same,
                                 source=x.key)
        if label_first:
            return label + change_phrase(x.change, self.fmt, self.words, lead=lead, same=same, source=x.key)
        return change_phrase(x.change, self.fmt, self.words, subject=label, lead=lead, same=same, source=x.key)

    def explains(self, x: Item, kind: str = "reason", note_key: str | None = None) -> bool:
        """Print the clerk's reason after this comparison?  A change: yes.  持平 or 本年度无此项:
        only where the style's extra.reason_when_same says its publications give one (阳泉:
        "与上年相同，主要原因是：…"; the 上海 template: "如持平作持平表述") and the clerk wrote one."""
        if x.prior is None or x.value is None:
            return False
        given = bool(self.fmt.settings.extra.get("reason_when_same", False)) and \
            self.has_note(note_key or x, kind)
        return explains(x.change, given, kind=self.change_kind(x))

    def reason_verb(self, x: Item) -> str:
        """增加 / 减少 / 持平 before "的主要原因是" ("" when both years are 0 or 上年 unknown)."""
        if x.prior is None or x.value is None:
            return ""
        return reason_verb(x.change, self.words, kind=self.change_kind(x))

    def kuan_of(self, c: Item) -> list[Item]:
        """The 款 of a 类 that the clerk wrote a 主要用于 for: "其中：抚恤X万元，主要用于死亡抚恤"."""
        return [k for k in self.f.kuan_of(c.code) if self.has_note(k, "usage")]

    def grades(self, zero: bool | None = None) -> list[tuple[str, int]]:
        """The 绩效 grades with their counts, in the style's words (extra.grade_labels); grades of
        0 个 too where the style's extra.list_zero_grades (or ``zero``) says so."""
        extra = self.fmt.settings.extra
        perf = self.f.performance
        z = bool(extra.get("list_zero_grades", False)) if zero is None else zero
        return grade_counts(perf.grades, labels=extra.get("grade_labels") or {}, zero=z)

    def purchase_share(self, part: Item, prefix: str = "，占政府采购支出总额的") -> str:
        """"，占政府采购支出总额的X%" after a 政府采购 amount where the style's
        extra.procurement_shares says its documents print it; "" otherwise or with no 政府采购."""
        whole = self.f.purchase
        if not self.fmt.settings.extra.get("procurement_shares", False) or not whole.value:
            return ""
        return prefix + self.share_of(part, whole, f"{part.key}.占政府采购支出总额")

    def vehicles_listed(self) -> list[tuple[str, str]]:
        """(kind, "N辆") for the vehicle kinds a "其中：" list names: those with vehicles, and the
        kinds the style always lists (extra.vehicle_kinds_listed; 阳泉: "其他用车0辆" beside a blank
        cell — Facts.vehicles counts a kind left out as 0 once any is entered), a kind not known
        showing the 待填 marker."""
        always = self.fmt.settings.extra.get("vehicle_kinds_listed") or []
        return [(k, self.count(n, "辆", f"公开10表 车辆·{k}")) for k, n in self.f.vehicles
                if n or k in always]

    def share_of(self, part, whole, source: str | None = None) -> str:
        """part as % of whole ("占政府采购支出总额的X%"); "" where the whole is 0."""
        return self.ratio(part, whole, source)  # an unknown part or whole: its 待填 marker (truth)

