"""Fixtures of the browser tests."""
from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def shots_dir(tmp_path_factory) -> Path:
    """Where pages are photographed: VBKG_SCREENSHOT_DIR (docs/screenshots to refresh the
    committed ones), else a temporary folder."""
    target = os.environ.get("VBKG_SCREENSHOT_DIR")
    return Path(target) if target else tmp_path_factory.mktemp("screenshots")
