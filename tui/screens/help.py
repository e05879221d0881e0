"""F1: every key of the editor and the meaning of every mark, in one screen."""
from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = (
    ("F1", "本帮助"),
    ("Ctrl+S / F2", "保存（原子替换；有的终端 Ctrl+S 会暂停输出，可用 F2）"),
    ("F3", "另存为"),
    ("F4", "待填清单：文字里还缺的数字和说明，回车跳到输入框"),
    ("F5", "审核：错误在前，回车跳到出问题的输入框"),
    ("F6", "预览切换 本节 / 全文"),
    ("F7", "打开示例（总是一份新的副本）"),
    ("F8", "切换样式（省份写法）"),
    ("F9", "回到左侧目录"),
    ("Ctrl+PgDn / Ctrl+PgUp", "下一节 / 上一节（停在第一个待填的输入框）"),
    ("F10", "导出 Word / Markdown"),
    ("Ctrl+Z / Ctrl+Y", "撤销 / 重做（按一次改动，不是按一个键）"),
    ("Ctrl+P", "命令面板：搜命令，也搜字段名、科目编码、说明（可用拼音首字母）"),
    ("Ctrl+Q", "退出（有未保存的修改会先问）"),
    ("Tab / Shift+Tab", "下一个 / 上一个输入框（表单里 ↓ / ↑ 也是）"),
    ("回车", "表单里：到下一个文字还缺的数（不缺的空格跳过），没有了就到说明框；目录里：进入该节"),
    ("表格：直接打字", "开始修改当前格；回车确认并下移，Tab 确认并右移，Esc 取消"),
    ("表格：方向键", "移动；Insert 加行，Ctrl+Delete 删行（会先确认），Alt+↑↓ 移动行"),
    ("表格：粘贴", "从 Excel/WPS 复制的多行直接粘贴；单值页按行名对上（项目 | 行次 | 金额），上年/年初预算页也收 科目代码 | 科目名称 | 金额"),
    ("表格：加行", "只打项的代码：它的类、款行一并加上，类款金额自动合计（Σ）"),
)

MARKS = (
    ("⚠n", "目录：该节/该表有 n 条审核发现（F5 查看）"),
    ("缺n", "目录：该节有 n 个上年数未填（文字会写“上年数未填”）"),
    ("待n", "目录：该节文字里有 n 处【待填：…】"),
    ("【待填：…】", "文字需要但还没填的数字或说明，导出前应补齐"),
    ("● 未保存 / ✓ 已保存", "状态栏：文件是否落后于屏幕上的内容"),
    ("＝127.80（灰）", "没填的数：文字用表格已给出的数（下级之和、总表另一边等），打字可改"),
    ("＝下列之和", "合计不用填：文字按下面各行相加"),
    ("Σ 数字", "表格：没填的合计/类/款，显示由下级算出的数"),
    ("数字 ≠", "表格：填的合计/类/款与下级之和不一致（以填的为准）"),
    ("黄色底的段落", "预览：当前输入框影响的句子"),
    ("红色底的输入框", "输入的不是有效数字，项目未改动，错误写在下面"),
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss(None)", "关闭")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen #help-box { width: 90%; max-width: 100; height: 90%; border: thick $accent;
                           background: $surface; padding: 0 1; }
    HelpScreen #help-marks { margin: 1 0; }
    """

    def compose(self):
        from rich.table import Table
        from rich.text import Text

        def table(title: str, rows) -> Table:
            t = Table(title=title, title_justify="left", show_header=False, box=None, expand=True,
                      padding=(0, 2, 0, 0), title_style="bold")
            t.add_column(no_wrap=True, style="bold")
            t.add_column(ratio=1, overflow="fold")  # a long CJK line wraps (no spaces to wrap at), never cut with …
            for k, v in rows:
                t.add_row(Text(k), Text(v))
            return t

        with VerticalScroll(id="help-box"):
            yield Static(table("按键", KEYS), id="help-keys")
            yield Static(table("标记的含义", MARKS), id="help-marks")
            yield Static("Esc 或 F1 关闭", markup=False)

    def text(self) -> str:
        """The help as plain text (for tests and for copying)."""
        return "\n".join(f"{k}  {v}" for k, v in (*KEYS, *MARKS))
