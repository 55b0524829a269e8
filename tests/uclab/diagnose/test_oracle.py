"""The simulator is the oracle: for every fault of uclab.faults, several seeds and the CUCM
releases that change the flow, the lab's logs are written one file per host (as an admin
collects them, each in its product's grammar) and diagnosed from the files alone; the first
finding is the rule the fault names as its signature. The healthy login gives no finding."""

from pathlib import Path

import pytest

from uclab import faults
from uclab.core.errors import ConfigError
from uclab.diagnose import diagnose, rule
from uclab.lab import Lab

SEEDS = (1, 2, 3)
#: the releases that change the flow (uclab.facts.releases): first with the code grant and
#: refresh (11.5(1)SU3), 12.5(1) (365-day refresh range), the lab's default 14.0(1)SU3
RELEASES = ("11.5(1)SU3", "12.5(1)", "14.0(1)SU3")


def _collect(lab: Lab, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for host in sorted({line.host for line in lab.logs}):
        path = folder / f"{host}.log"
        path.write_text(lab.render_logs(host=host) + "\n", encoding="utf-8")
        files.append(path)
    return files


def _faulty_lab(fault: faults.Fault, seed: int, release: str) -> Lab:
    options = dict(fault.lab_options)
    options.setdefault("cucm_version", release)
    lab = Lab(seed=seed, **options)
    lab.configure_oauth()
    fault.apply(lab)
    return lab


def test_every_fault_names_an_existing_rule():
    for fault in faults.FAULTS.values():
        assert fault.signature, fault.id
        assert rule(fault.signature).kind == "match"


@pytest.mark.parametrize("fault_id", list(faults.FAULTS))
@pytest.mark.parametrize("seed", SEEDS)
def test_the_first_finding_names_the_fault(fault_id, seed, tmp_path):
    fault = faults.get(fault_id)
    shown = 0
    for release in RELEASES:
        try:
            lab = _faulty_lab(fault, seed, release)
        except ConfigError:  # the lab cannot build this deployment at this release
            continue
        outcome = fault.probe(lab)
        if not fault.shows(lab, outcome):  # this release does not have the fault's flow
            continue
        shown += 1
        report = diagnose(_collect(lab, tmp_path / release))
        assert report.first is not None, (release, [f.rule for f in report.findings])
        assert report.first.rule == fault.signature, (release, [f.rule for f in
                                                                report.findings])
        assert report.failing_step == rule(fault.signature).step
        assert report.first.evidence
    assert shown, "the fault showed at no release"


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("release", RELEASES)
def test_a_healthy_login_gives_no_finding(seed, release, tmp_path):
    lab = Lab(seed=seed, cucm_version=release)
    lab.configure_oauth()
    assert faults.sign_in_and_use(lab)
    report = diagnose(_collect(lab, tmp_path))
    assert report.findings == [], [f.rule for f in report.findings]
    assert report.failing_step is None
    reached = [s.id for s in report.steps if s.reached]
    assert reached[:2] == ["discovery", "edge-sso"] and "token" in reached
