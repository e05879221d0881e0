"""juesuan's core: the project model, exact arithmetic, checks, rendering, import and export.

It never imports textual or rich.  The public functions are in ``narratives.api``.
"""
__version__ = "0.1.0"
