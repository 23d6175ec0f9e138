"""The WSGI module freezes what it loaded, so that the collector's full passes skip it (a full
pass of a warm worker took about 110 ms without, and stalled every request queued on it)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_loading_the_application_freezes_what_it_loaded():
    script = "import gc, config.wsgi; print(gc.get_freeze_count())"
    out = subprocess.run(  # noqa: S603 - this Python loading the project's own module
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )

    assert int(out.stdout.split()[-1]) > 10_000  # Django, Wagtail and warta: about 150,000
