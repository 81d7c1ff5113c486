"""The validation rules of SPEC 4, run over a plan: what `relrot validate` reports."""

from relrot.rules.catalogue import RULES, Rule
from relrot.rules.validation import as_history, run_rules

__all__ = ["RULES", "Rule", "as_history", "run_rules"]
