"""The command palette's entries, with pinyin and English keywords so a clerk finds 保存 by
typing "bc", "baocun" or "save" without switching the input method."""
from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider

# (title, keywords, help, app action)
COMMANDS: tuple[tuple[str, str, str, str], ...] = (
    ("保存", "baocun bc save", "保存项目文件（Ctrl+S 或 F2）", "save"),
    ("另存为", "lingcunwei lcw save as", "保存到另一个文件（F3）", "save_as"),
    ("切换样式", "qiehuanyangshi qhys style switch", "换一种省份/地区的写法（F8）", "switch_style"),
    ("审核", "shenhe sh check audit", "运行审核规则并列出问题（F5）", "check"),
    ("导出", "daochu dc export docx word", "导出 Word（.docx）或 Markdown（F10）", "export"),
    ("打开", "dakai dk open", "打开项目文件（Ctrl+O）", "open_project"),
    ("新建", "xinjian xj new create", "新建项目（Ctrl+N）", "new_project"),
    ("导入", "daoru dr import excel xlsx xls workbook", "从公开表工作簿（.xlsx/.xls）导入为新项目", "import_workbook"),
    ("打开示例", "dakaishili dksl sample example demo", "打开内置示例项目的一份新副本（F7）", "open_sample"),
    ("待填清单", "daitian dt pending missing todo", "文字里还缺的数字和说明，回车跳到输入框（F4）", "pending"),
    ("帮助", "bangzhu bz help keys", "按键和标记的说明（F1）", "help"),
    ("本节/全文预览", "quanwen qw yulan preview whole toggle", "预览切换本节或全文（F6）", "toggle_scope"),
    ("撤销", "chexiao cx undo", "撤销上一次修改（Ctrl+Z）", "undo"),
    ("重做", "chongzuo cz redo", "重做（Ctrl+Y）", "redo"),
)


class JuesuanCommands(Provider):
    """The app's commands, then (with a project open) every field: by its name, 科目编码, 说明
    subject or 拼音; choosing one puts the cursor on it."""

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, keywords, help_text, action in COMMANDS:
            score = max(matcher.match(title), matcher.match(keywords), matcher.match(f"{title} {keywords}"))
            if score > 0:
                yield Hit(score, matcher.highlight(title), self._runner(action), text=title, help=help_text)
        editor = getattr(self.app, "editor", None)
        if editor is None or len(query.strip()) < 2:
            return  # one letter would match half the fields
        for entry in editor.field_index():
            score = max(matcher.match(entry.title), matcher.match(entry.keywords))
            if score > 0:
                yield Hit(score * 0.9, matcher.highlight(entry.title), self._jumper(editor, entry.target),
                          text=entry.title, help=f"字段 · {entry.where}")

    async def discover(self) -> Hits:
        for title, _keywords, help_text, action in COMMANDS:
            yield DiscoveryHit(title, self._runner(action), text=title, help=help_text)

    def _runner(self, action: str):
        async def run() -> None:
            await self.app.run_action(f"cmd('{action}')")
        return run

    def _jumper(self, editor, target):
        def run() -> None:
            editor.jump(target)
        return run
