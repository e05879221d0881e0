"""Export: Word (GB/T 9704 look, python-docx) and Markdown, of the 第三部分 or the whole disclosure."""
from .exporting import ExportError, ExportResult, default_output, export_docx, export_markdown

__all__ = ["ExportError", "ExportResult", "default_output", "export_docx", "export_markdown"]
