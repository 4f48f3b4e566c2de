"""Wagtail's apps without the v3 API (core/wagtail_apps.py): no Django Ninja in any process,
and everything else their ready() sets up is still there."""

import json
import os
import subprocess
import sys
from pathlib import Path

from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.redirects.signal_handlers import autocreate_redirects_on_slug_change
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models.reference_index import ReferenceIndex
from wagtail.permissions import policy_registry
from wagtail.signals import page_slug_changed

ROOT = Path(__file__).resolve().parents[2]

# A process as a web worker is after its first pages: settings, apps, the whole URLconf and
# every app's wagtail_hooks.
PROBE = """
import json, sys, django
django.setup()
from django.urls import get_resolver
from wagtail import hooks
get_resolver().reverse_dict
hooks.search_for_hooks()
loaded = {name.split(".")[0] for name in sys.modules}
print(json.dumps({"ninja": "ninja" in loaded, "v3": "wagtail.api.v3.api" in sys.modules}))
"""


def test_no_process_loads_the_v3_api_nobody_serves():
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    env.update(DJANGO_SETTINGS_MODULE="lms.settings.base", DEBUG="1", VAR_DIR="/tmp/lms-apps-test")
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"ninja": False, "v3": False}


def test_the_rest_of_wagtails_ready_still_runs():
    # Redirects follow a page whose slug changes (disconnect says whether it was connected).
    assert page_slug_changed.disconnect(autocreate_redirects_on_slug_change)
    page_slug_changed.connect(autocreate_redirects_on_slug_change)
    assert policy_registry.get_by_type(Redirect, fallback=False) is not None
    for model in (get_image_model(), get_document_model()):
        assert ReferenceIndex.is_indexed(model)
