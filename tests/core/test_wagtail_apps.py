"""What a web worker loads (issue 21): Wagtail's apps without the v3 API and the admin API's
viewsets deferred (core/wagtail_apps.py), and the admin's URLs only for admin requests
(core/urlconf.py). Everything else Wagtail sets up is still there, and the admin still works."""

import pytest
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.redirects.signal_handlers import autocreate_redirects_on_slug_change
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models.reference_index import ReferenceIndex
from wagtail.permissions import policy_registry
from wagtail.signals import page_slug_changed

from tests.factories import UserFactory
from tests.fresh_process import probe

# A fresh worker: public requests (every app's wagtail_hooks loads with the first page), then
# one admin request.
PROBE = """
import json, sys, django
django.setup()
from django.test import Client
from wagtail import hooks
hooks.search_for_hooks()
client = Client(HTTP_HOST="localhost")
assert client.get("/favicon.ico").status_code == 200
client.get("/healthz/")
def loaded():
    return {
        "ninja": "ninja" in sys.modules,
        "rest_framework": "rest_framework" in sys.modules,
        "admin_urls": "wagtail.admin.urls" in sys.modules,
    }
public = loaded()
assert client.get("/cms/").status_code == 302  # to the log-in
print(json.dumps({"public": public, "after_admin": loaded()}))
"""


def test_a_worker_loads_the_admin_only_for_an_admin_request_and_never_the_v3_api():
    loaded = probe(PROBE, var_dir="/tmp/lms-worker-imports-test")
    assert loaded["public"] == {"ninja": False, "rest_framework": False, "admin_urls": False}
    assert loaded["after_admin"] == {"ninja": False, "rest_framework": True, "admin_urls": True}


def test_the_rest_of_wagtails_ready_still_runs():
    # Redirects follow a page whose slug changes (disconnect says whether it was connected).
    assert page_slug_changed.disconnect(autocreate_redirects_on_slug_change)
    page_slug_changed.connect(autocreate_redirects_on_slug_change)
    assert policy_registry.get_by_type(Redirect, fallback=False) is not None
    for model in (get_image_model(), get_document_model()):
        assert ReferenceIndex.is_indexed(model)


@pytest.mark.django_db
def test_the_admin_api_serves_pages_images_and_documents(client, home_page):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    for endpoint in ("pages", "images", "documents"):
        response = client.get(reverse(f"wagtailadmin_api:{endpoint}:listing"))
        assert response.status_code == 200, endpoint
        assert "items" in response.json()


@pytest.mark.django_db
def test_staff_on_a_public_page_get_the_link_into_the_admin(client, home_page):
    client.force_login(UserFactory(is_staff=True))
    html = client.get("/").content.decode()
    assert f'href="{reverse("wagtailadmin_home")}"' in html
