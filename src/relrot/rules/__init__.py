"""The validation rules of SPEC 4, run over a plan: what `relrot validate` reports."""

from relrot.rules.catalogue import RULES, Rule
from relrot.rules.validation import DEFAULT_HORIZON, Report, check, first_from, run_rules

__all__ = ["DEFAULT_HORIZON", "RULES", "Report", "Rule", "check", "first_from", "run_rules"]
