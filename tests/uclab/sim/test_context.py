"""uclab.sim.context: what a node is built with instead of the Lab."""

import ast
from pathlib import Path

import pytest

import uclab
from uclab.core.errors import ConfigError
from uclab.sim.context import ROLES, LogBook, Peers
from uclab.trace.logline import LogLine

SIM = Path(uclab.__file__).resolve().parent / "sim"


def test_no_node_module_names_the_lab():
    """No module under sim/ imports uclab.lab or takes a ``lab`` parameter."""
    offenders = []
    for path in sorted(SIM.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("uclab.lab"):
                offenders.append(f"{path.name}: imports {node.module}")
            if isinstance(node, ast.arg) and node.arg == "lab":
                offenders.append(f"{path.name}:{node.lineno}: parameter 'lab'")
    assert offenders == []


def test_every_node_of_a_lab_shares_one_context():
    lab = uclab.Lab(seed=1)
    assert lab.expc.ctx is lab.edge.ctx is lab.imp.ctx is lab.unity.ctx is lab.ctx
    assert lab.client.ctx is lab.ctx
    assert lab.ctx.peers.require("cucm") is lab.cucm
    assert lab.ctx.peers.get("expe") is lab.edge and lab.ctx.peers.get("imp") is lab.imp
    assert lab.ctx.peers.clusters == [lab.cucm] == lab.clusters
    second = lab.add_cluster("cucm2", "12.5(1)")
    assert lab.ctx.peers.clusters == [lab.cucm, second]


def test_two_labs_share_nothing():
    one, two = uclab.Lab(seed=1), uclab.Lab(seed=1)
    assert one.ctx is not two.ctx and one.ctx.peers is not two.ctx.peers
    one.configure_oauth()
    assert one.logs and not two.logs and not two.exchanges


def test_peers_refuse_an_unknown_role_and_name_a_missing_one():
    peers = Peers()
    with pytest.raises(ConfigError, match="unknown peer role 'cucm-pub'"):
        peers.set("cucm-pub", object())
    with pytest.raises(ConfigError, match="no unity node"):
        peers.require("unity")
    assert peers.get("unity") is None and "unity" in ROLES


def test_log_book_selects_by_host_and_dialect():
    import threading

    book = LogBook(threading.RLock())
    a = book.write(LogLine(0, "a", "syslog", "p:", (("text", "one"),)))
    book.write(LogLine(1, "b", "syslog", "p:", (("text", "two"),)))
    assert book.select(host="a") == [a] and len(book.select(dialect="syslog")) == 2
    assert book.render(host="b") == '1970-01-01T00:00:00.001+00:00 b p: text="two"'


def test_context_advance_moves_the_shared_clock():
    lab = uclab.Lab(seed=1)
    before = lab.now
    lab.ctx.advance(minutes=2)
    assert lab.now == before + 120 == lab.expc.ctx.clock.now()
