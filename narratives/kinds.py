"""The kinds of unit (单位性质) a project may be: a constant of its own, without the models, so the
command line can offer them as choices without importing pydantic (the app's launch goes through
the command line's parser)."""
UNIT_KINDS = ("行政单位", "参照公务员法管理事业单位", "事业单位")
