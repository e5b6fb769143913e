"""Reporters: pure functions from a check's result values (``checker.result``) to text.

``formats.REPORTERS`` lists them by format name; ``diff_report`` renders the access diff.
"""
