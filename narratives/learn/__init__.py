"""Learning a unit's own format from last year's published document (``juesuan styles learn``).

    reading      the published 第三部分 as sections of sub-headings and paragraphs
    catalogue    every figure last year's facts can state, with its template expression
    matching     figures of a sentence and the candidate each one is
    generalise   a paragraph → words and slots (figures, changes, completion, 说明, years)
    templating   slots → Jinja2, rows → loops
    learner      sections → templates;  numbers: the number format
    writing      the style folder;  report: what was not tied to a fact, and the trial render
    notes        the document's reasons into the project's 说明 (--fill-notes)
"""
from .api import LearnResult, learn

__all__ = ["learn", "LearnResult"]
