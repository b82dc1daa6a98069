"""Evaluation figures, the business case and the export for the external evaluator."""
