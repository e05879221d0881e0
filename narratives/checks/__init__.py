"""审核: the consistency rules of checks.md (R01–R34) and lint of the clerk's words (L01–L03).

``check(project, style=None)`` → sorted ``Finding`` list; ``summary(findings)``; ``rules_markdown()``
for docs/checks.md.  Rules that are one equation are data (``declared.BUILTIN``, plus a style's
``[[extra.checks.rules]]``); per-row rules are code (``tables``, ``inputs``, ``evaluation``, ``lint``).
"""
from .catalog import rules_markdown
from .declared import BUILTIN, Declared, RuleDataError
from .engine import check
from .finding import ERROR, HINT, TAIL, TIERS, Finding, Summary, summary

__all__ = ["check", "summary", "rules_markdown", "Finding", "Summary", "Declared", "BUILTIN",
           "RuleDataError", "ERROR", "HINT", "TAIL", "TIERS"]
