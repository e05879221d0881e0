"""juesuan styles learn LAST.docx|.pdf|.txt|.md --project LAST.toml [--base STYLE] -o DIR --name NAME
[--fill-notes]: learn the unit's own format from last year's published document."""
from __future__ import annotations

import re
import sys
from pathlib import Path


def add(ops) -> None:
    p = ops.add_parser("learn", help="从去年公开的决算文件学习本单位的格式，生成一个样式",
                       description="读去年公开文件的第三部分和去年的项目文件，写出样式文件夹 DIR/NAME："
                                   "每个数字换成它对应的数据，增减、持平、上年无此项按样式的措辞生成，"
                                   "逐行列出的类、项、三公经费变成按实际行数循环，经办人的原因变成说明栏。")
    p.add_argument("document", metavar="LAST", help="去年公开的文件（.docx、.pdf、.txt 或 .md）")
    p.add_argument("--project", required=True, metavar="LAST.toml", help="去年的项目文件（与文件中的数字对应）")
    p.add_argument("--base", metavar="STYLE", help="底本样式：文件读起来与它相同（措辞可不同）的章节，沿用它的条件和循环，"
                        "去年没有出现的情形（为0、新增、上年未填）用它的措辞；默认用章节标题与文件最相符的样式")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="样式放在这个文件夹下")
    p.add_argument("--name", required=True, metavar="NAME", help="样式名称（也是文件夹名，小写字母、数字、-、_）")
    p.add_argument("--fill-notes", action="store_true",
                   help="把文件中的原因、用途写入去年项目文件的“说明”（原文件先备份）")
    p.add_argument("--templates", dest="more_templates", action="append", default=[], metavar="DIR",
                   help="额外的样式文件夹（底本可以在其中）")


def run(args) -> int:
    from ..errors import JuesuanError
    from ..io.projectfile import load
    from ..learn import learn
    if not re.fullmatch(r"[A-Za-z0-9_\-\u4e00-\u9fff]+", args.name):
        raise JuesuanError(f"样式名称“{args.name}”只能用字母、数字、汉字、-、_")
    project = load(args.project)
    extra = tuple(getattr(args, "templates", []) or []) + tuple(args.more_templates or [])
    if args.fill_notes:
        from ..learn.notes import fill_notes
        added = fill_notes(args.document, Path(args.project))
        print(f"已写入 {len(added)} 条说明到 {args.project}" + ("：" + "、".join(added) if added else ""))
        project = load(args.project)
    result = learn(args.document, project, args.output, args.name, args.base, extra)
    rep = result.report
    print(f"已学习样式 {args.name}：{result.folder}（{len(result.published.sections)} 节）")
    if rep.residue:
        print(f"{len(rep.residue)} 个数字未能对应到数据：", file=sys.stderr)
        for sec, r in rep.residue:
            print(f"  {sec}：{r.figure}，{r.why}　{r.sentence}", file=sys.stderr)
    if rep.differences:
        print(f"用去年的数据试生成，{len(rep.differences)} 段与原文不同（见 {result.folder / '学习报告.txt'}）。",
              file=sys.stderr)
    print(f"使用：juesuan render 项目.toml --templates {args.output} --style {args.name}")
    return 0
