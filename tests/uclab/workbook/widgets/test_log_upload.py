"""The log upload panel (notebook 09): an upload is diagnosed locally and masked; bad uploads
say what is wrong in the status line, never a traceback."""

import gzip
import io
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

from uclab.diagnose import excerpts
from uclab.workbook.widgets.log_upload import MAX_UPLOAD, LogUpload

REAL = "jabber-uds-403-end-user-role-missing.log"


def _real() -> bytes:
    return excerpts()[REAL].read_bytes()


def test_an_uploaded_real_excerpt_gives_its_finding_by_its_own_name():
    panel = LogUpload()
    status = panel.load({REAL: _real()})
    assert "1 file(s)" in status and "first failing step: uds" in status
    text = "".join(o.get("text", "") for o in panel.out.outputs)
    assert f"{REAL}:" in text and "uclab-upload-" not in text  # cited by name, not temp path
    assert panel.report.failing_step == "uds"


def test_bundles_open_as_the_analyser_opens_them():
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("logs/jabber.log", _real())
    panel = LogUpload()
    assert "first failing step: uds" in panel.load({"PRT.zip": zipped.getvalue()})
    assert "first failing step: uds" in panel.load({"jabber.log.gz": gzip.compress(_real())})


def test_a_file_name_cannot_leave_the_temporary_folder():
    panel = LogUpload()
    assert "first failing step: uds" in panel.load({"../../etc/passwd": _real()})


def test_an_upload_event_is_read_like_load():
    panel = LogUpload()
    panel._on_upload({"new": ({"name": REAL, "content": memoryview(_real())},)})
    assert panel.report is not None and panel.report.failing_step == "uds"


def test_too_large_and_empty_uploads_are_refused_in_the_status():
    panel = LogUpload()
    assert "Nothing was uploaded" in panel.load({})
    assert "up to" in panel.load({"big.log": b"x" * (MAX_UPLOAD + 1)})
    assert "no file content" in panel.load({"a.log": "text, not bytes"})


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.text(max_size=30), st.binary(max_size=2000), max_size=3))
def test_any_upload_gives_a_status_never_a_traceback(files):
    panel = LogUpload()
    status = panel.load(files)
    assert isinstance(status, str) and status
    assert panel.status.value
