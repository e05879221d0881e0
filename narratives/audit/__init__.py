"""Audit a published 第三部分 情况说明 from its own figures (``juesuan audit FILE``).

``audit_file(path)`` reads .txt/.md/.docx/text-layer PDF, finds 第三部分, reads each stated figure
with its role, recomputes change rates, shares, completion, sums, totals across sections and
against the tables, and returns a ``Report`` of findings, each quoting its sentence, saying what
was expected and how, and how sure it is (确定 / 可能为尾差 / 提示).
"""
from .engine import Report, audit_file, audit_text
from .findings import NOTE, ROUNDING, SURE, Finding
from .reading import AuditReadError, read_document
from .report import to_json, to_text

__all__ = ["Report", "Finding", "audit_file", "audit_text", "read_document", "AuditReadError",
           "to_text", "to_json", "SURE", "ROUNDING", "NOTE"]
