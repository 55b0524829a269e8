"""The IM&P tests share helpers (imp_helpers.py); pytest rewrites their asserts as in a test."""

import pytest

pytest.register_assert_rewrite("imp_helpers")
