"""Expressway-E and Expressway-C: Mobile and Remote Access (MRA) with OAuth (S6, S7, S8)."""

from uclab.sim.expressway.core import ExpresswayC
from uclab.sim.expressway.edge import ExpresswayE
from uclab.sim.expressway.settings import MraAccessControl, XConfiguration

__all__ = ["ExpresswayC", "ExpresswayE", "MraAccessControl", "XConfiguration"]
