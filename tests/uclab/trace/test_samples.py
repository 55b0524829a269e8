"""uclab.trace.samples: where the sample traces are found at run time."""

from pathlib import Path

import pytest

from uclab.trace import samples
from uclab.trace.file import Trace, TraceError

ROOT = Path(__file__).resolve().parents[3]


def test_the_sample_traces_are_found():
    assert samples.CHECKOUT_TRACES == ROOT / "data" / "traces"
    assert (samples.traces_dir() / "login-ok.jsonl").is_file()
    assert "login-ok" in samples.names()
    assert samples.path("login-ok") == samples.path("login-ok.jsonl")
    assert Trace.load(samples.path("login-ok")).name == "login-ok"


def test_package_data_wins_when_it_is_there(monkeypatch, tmp_path):
    (tmp_path / "traces").mkdir()
    (tmp_path / "traces" / "x.jsonl").write_text("", encoding="utf-8")
    monkeypatch.setattr(samples.resources, "files",
                        lambda package: tmp_path if package == "uclab.data" else None)
    assert samples.traces_dir() == tmp_path / "traces" and samples.names() == ["x"]


def test_no_package_data_falls_back_to_the_checkout(monkeypatch):
    def missing(package):
        raise ModuleNotFoundError(package)

    monkeypatch.setattr(samples.resources, "files", missing)
    assert samples.traces_dir() == samples.CHECKOUT_TRACES


def test_an_unknown_name_lists_the_sample_traces():
    with pytest.raises(TraceError, match="no sample trace 'nope'.*login-ok"):
        samples.path("nope")
