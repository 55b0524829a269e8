"""Expressway-E and Expressway-C: Mobile and Remote Access (MRA) with OAuth (S6, S7, S8)."""

from .core import ExpresswayC
from .edge import ExpresswayE
from .settings import MraAccessControl, XConfiguration

__all__ = ["ExpresswayC", "ExpresswayE", "MraAccessControl", "XConfiguration"]
