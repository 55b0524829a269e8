"""uclab.protocols.sasl: the package's mechanism names, and every public name importable from it."""

import importlib

import pytest

import uclab.protocols.sasl as sasl
from uclab.protocols.sasl import MECH_OAUTHBEARER, MECH_PLAIN, MECH_VTG

MODULES = ["data", "gs2", "oauthbearer", "oauthbearer_server", "plain", "step", "vtg_token"]


def test_mechanism_names_are_sourced_facts():
    assert (MECH_PLAIN, MECH_VTG, MECH_OAUTHBEARER) == ("PLAIN", "CISCO-VTG-TOKEN", "OAUTHBEARER")
    assert "S26" in MECH_OAUTHBEARER.source and "S28" in MECH_VTG.source


@pytest.mark.parametrize("name", MODULES)
def test_every_public_name_is_importable_from_the_package(name):
    """What a mechanism module defines (classes, functions, constants) is the package's name too;
    only the helper the mechanisms share for decoding stays inside."""
    module = importlib.import_module(f"uclab.protocols.sasl.{name}")
    own = [n for n, v in vars(module).items() if not n.startswith("_")
           and (getattr(v, "__module__", None) == module.__name__ or n.isupper())
           and n != "utf8_message"]
    assert own
    for n in own:
        assert n in sasl.__all__ and getattr(sasl, n) is getattr(module, n), n
