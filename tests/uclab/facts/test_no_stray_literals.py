"""No product literal is typed outside the registry: every port, URL or file path, log module,
process, code location, service, SRV name, edge request and XML namespace that uclab/ uses
comes from uclab.facts (issue 8, item 3).

``uclab/core`` is the one layer below the registry; its only such literals are the IANA default
ports of the URL schemes it parses (https 443, RFC 9110 §4.2.2; xmpp 5222, RFC 6120 §14.7), and
the test pins exactly those, so a product literal added there fails too."""

from pathlib import Path

import uclab
from uclab.facts.scan import stray_literals

CORE_SCHEME_DEFAULTS = {("uclab/core/wire.py", 443), ("uclab/core/wire.py", 5222)}


def test_no_product_literal_is_typed_outside_uclab_facts():
    stray = stray_literals(Path(uclab.__file__).parent)
    rest = [s for s in stray if (s.file, s.literal) not in CORE_SCHEME_DEFAULTS]
    assert rest == [], "type these from uclab.facts:\n" + "\n".join(
        f"{s.file}:{s.line}  {s.literal!r} -> facts.{s.fact_name}" for s in rest)


def test_the_scan_sees_a_literal_typed_in_a_node(tmp_path):
    node = tmp_path / "uclab" / "sim"
    node.mkdir(parents=True)
    (node / "x.py").write_text('URL = "https://cucm:8443/ssosp/oauth/authorize"\nPORT = 8443\n')
    assert stray_literals(tmp_path / "uclab")
