"""Shared fixtures for uclab's tests: add them below.

The nbval hook (skip comparing plotly JSON in notebooks) is in the repo-root conftest.py, so that
it also reaches notebooks/*.ipynb, which a hook in this file would not.
"""
