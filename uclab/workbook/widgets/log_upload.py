"""The "read your own log" panel of notebook 09: upload a log, a PRT or a diagnostic bundle
(``.log``, ``.txt``, ``.gz``, ``.zip``, ``.tar.gz``) and read :func:`uclab.diagnose.diagnose`'s
report of it, masked. The files stay in the kernel's machine: they are written to a private
temporary folder, read, and deleted; nothing is sent anywhere.

:meth:`LogUpload.load` does what an upload does, without a browser (tests, nbval)."""

from __future__ import annotations

import re
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from uclab.core.errors import UclabError
from uclab.diagnose import diagnose, render_text
from uclab.workbook.widgets.output import set_status, show_text

#: what the file picker offers (the analyser tells the content, never the name: this only
#: helps the learner pick)
ACCEPT = ".log,.txt,.gz,.tgz,.zip,.tar,.out"
#: the largest upload the panel reads; a larger log is better read with ``uclab diagnose``
MAX_UPLOAD = 64 << 20
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _safe_name(name: object, index: int) -> str:
    """A file name that stays inside the temporary folder (no path parts, no dot files)."""
    base = _SAFE.sub("_", Path(str(name or "")).name).lstrip(".") or f"upload-{index}.log"
    return base[:120]


class LogUpload(widgets.VBox):
    """A file picker, a status line and the report (see the module docstring)."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.picker = widgets.FileUpload(accept=ACCEPT, multiple=True,
                                         description="Upload logs")
        self.status = widgets.HTML()
        self.out = widgets.Output()
        self.report = None
        set_status(self.status, "No file yet: upload a log, a PRT or a diagnostic bundle. "
                   "It is read on this machine and masked.")
        self.picker.observe(self._on_upload, names="value")
        super().__init__([self.picker, self.status, self.out])

    def _on_upload(self, change: Mapping[str, Any]) -> None:
        files = change.get("new") or ()
        self.load({f.get("name"): f.get("content") for f in files if isinstance(f, Mapping)})

    def load(self, files: Mapping[object, object]) -> str:
        """Diagnose ``files`` (name -> bytes) and show the report; returns the status text."""
        with self.lock:
            if not isinstance(files, Mapping) or not files:
                return self._say("Nothing was uploaded.", False)
            blobs = {}
            for i, (name, content) in enumerate(files.items()):
                data = bytes(content) if isinstance(content, bytes | bytearray | memoryview) \
                    else None
                if data is None:
                    return self._say(f"{name!r}: the upload holds no file content.", False)
                if len(data) > MAX_UPLOAD:
                    return self._say(f"{name!r} is {len(data) >> 20} MB: the panel reads up to "
                                     f"{MAX_UPLOAD >> 20} MB; use `uclab diagnose PATH` for "
                                     "larger logs.", False)
                safe = _safe_name(name, i)
                blobs[f"{i}-{safe}" if safe in blobs else safe] = data
            with tempfile.TemporaryDirectory(prefix="uclab-upload-") as folder:
                paths = []
                for name, data in blobs.items():
                    path = Path(folder) / name
                    path.write_bytes(data)
                    paths.append(path)
                try:
                    report = diagnose(paths)
                except UclabError as exc:
                    return self._say(f"Cannot read the upload: {exc}", False)
                text = render_text(report).replace(folder + "/", "")
            self.report = report
            show_text(self.out, text)
            found = len(report.findings)
            return self._say(f"Read {len(blobs)} file(s): {found} finding(s), first failing "
                             f"step: {report.failing_step or 'none'}.", not found)

    def _say(self, text: str, ok: bool | None) -> str:
        set_status(self.status, text, ok)
        return text


def log_upload() -> LogUpload:
    """The upload panel (notebook 09, section 3)."""
    return LogUpload()
