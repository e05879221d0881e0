"""Pydantic models of a project: the unit, the tables 01–10 and the narrative's inputs."""
from .base import Amount, Count, Model
from .inputs import (EXPLANATION_KINDS, Budget, Explanation, Overview, Prior, ProcurementDetail,
                     Reception, SanGongDetail, code_map, name_map, split_func_key)
from .performance import Evaluation, Indicator, KeyEvaluation, Performance, Tier
from .project import SCHEMA_VERSION, UNIT_KINDS, Composition, Project, Unit
from .tables import (CLASS_ROWS_2024, EXPENSE_KINDS, FISCAL_SOURCES, FUNDS, INCOME_SOURCES,
                     SANGONG_ITEMS, T02_SOURCES, VEHICLE_KINDS, T01, T02, T03, T04, T05, T06, T07,
                     T08, T09, T10, EconRow, FundSplit, FuncRow, Purchase, SanGong, T02Row, T02Total,
                     T03Cols, T03Row, T05Cols, T05Row, T07Row, T08Row, class_rows, level)

__all__ = [name for name in dir() if not name.startswith("_")]
