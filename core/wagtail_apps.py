"""Wagtail's app configs for images, documents, snippets and redirects, without the v3 API.

Wagtail 8's `ready()` of these four apps adds their routers to the v3 REST API
(`wagtail.api.v3.api`) whether or not a project serves that API. Importing it loads Django
Ninja and pydantic and builds pydantic schemas for the image, document and snippet models:
about 9 MiB in every web worker, Celery worker and beat process (issue 21), for an API this
project does not serve (`wagtail.api.v3` is not an installed app and no URLconf mounts
`api.urls`).

These configs run Wagtail's own `ready()` unchanged, except that for its duration the v3
modules it imports are placeholders that register nothing: everything else those methods
set up (permission policies, signal handlers, the reference index, comparison and display
classes) stays Wagtail's own code. With `wagtail.api.v3` in INSTALLED_APPS they change
nothing. To serve the v3 API, install `wagtail.api.v3` (or go back to Wagtail's configs).

The images and documents configs also defer the admin API's viewsets. Wagtail's
`wagtail_hooks.py` of both apps imports its `*AdminAPIViewSet` at module level, for one hook
(`construct_admin_api`) that only the admin's URL configuration runs; the import loads
Wagtail's v2 API on Django REST framework and pydantic (with requests, pygments, ...), about
20 MiB. Hooks load with the first page a worker serves (any `hooks.get_hooks()`), so until
then the two view modules are placeholders; `register_admin_api_viewsets`, a
`construct_admin_api` hook of our own that runs after Wagtail's (core/wagtail_hooks.py),
imports the real viewsets and registers them over the placeholders when the admin's URLs are
built. Together with core/urlconf.py a worker serving only learners never loads them.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module
from types import ModuleType

from django.apps import apps
from wagtail.contrib.redirects.apps import WagtailRedirectsAppConfig
from wagtail.documents.apps import WagtailDocsAppConfig
from wagtail.images.apps import WagtailImagesAppConfig
from wagtail.snippets.apps import WagtailSnippetsAppConfig


class _Unserved:
    """Stands for the v3 API, its routers and its schema registration: does nothing."""

    def add_router(self, *args, **kwargs) -> None:
        pass

    def __call__(self, *args, **kwargs) -> None:
        pass


# The modules each app's ready() imports its v3 pieces from (Wagtail 8.0).
_API = "wagtail.api.v3.api"
_V3_MODULES = {
    "wagtailimages": [_API, "wagtail.images.api.v3.registry", "wagtail.images.api.v3.router"],
    "wagtaildocs": [_API, "wagtail.documents.api.v3.registry", "wagtail.documents.api.v3.router"],
    "wagtailsnippets": [_API, "wagtail.snippets.api.v3", "wagtail.snippets.api.v3.router"],
    "wagtailredirects": [_API, "wagtail.contrib.redirects.api.v3"],
}


def _placeholder(name: str) -> ModuleType:
    module = ModuleType(name, "Placeholder: the v3 API is not served (core/wagtail_apps.py).")
    unserved = _Unserved()
    module.api = module.router = unserved
    module.register_content_types = unserved
    return module


@contextmanager
def _without_api_v3(label: str) -> Iterator[None]:
    if apps.is_installed("wagtail.api.v3"):
        yield
        return
    names = [name for name in _V3_MODULES[label] if name not in sys.modules]
    sys.modules.update({name: _placeholder(name) for name in names})
    try:
        yield
    finally:
        for name in names:
            sys.modules.pop(name, None)


# Endpoint, module and class of the admin API's viewsets that Wagtail's hooks import.
_ADMIN_API_VIEWSETS = {
    "wagtailimages": ("images", "wagtail.images.api.admin.views", "ImagesAdminAPIViewSet"),
    "wagtaildocs": ("documents", "wagtail.documents.api.admin.views", "DocumentsAdminAPIViewSet"),
}


class AdminAPIViewSetPlaceholder:
    """What Wagtail's own `construct_admin_api` hook registers; replaced by the real viewset
    before the admin's API URLs are built (`register_admin_api_viewsets`)."""


def _defer_admin_api_viewset(label: str) -> None:
    _endpoint, module_name, class_name = _ADMIN_API_VIEWSETS[label]
    if module_name in sys.modules:
        return
    module = ModuleType(module_name, "Placeholder until the admin's API URLs are built.")
    setattr(module, class_name, type(class_name, (AdminAPIViewSetPlaceholder,), {}))
    module.is_placeholder = True
    sys.modules[module_name] = module


def register_admin_api_viewsets(router) -> None:
    """The real image and document viewsets for the admin's API router, over the placeholders
    Wagtail's hooks registered (from a `construct_admin_api` hook that runs after theirs)."""
    for endpoint, module_name, class_name in _ADMIN_API_VIEWSETS.values():
        if getattr(sys.modules.get(module_name), "is_placeholder", False):
            del sys.modules[module_name]
        router.register_endpoint(endpoint, getattr(import_module(module_name), class_name))


class WagtailImagesConfig(WagtailImagesAppConfig):
    def ready(self) -> None:
        with _without_api_v3(self.label):
            super().ready()
        _defer_admin_api_viewset(self.label)


class WagtailDocumentsConfig(WagtailDocsAppConfig):
    def ready(self) -> None:
        with _without_api_v3(self.label):
            super().ready()
        _defer_admin_api_viewset(self.label)


class WagtailSnippetsConfig(WagtailSnippetsAppConfig):
    def ready(self) -> None:
        with _without_api_v3(self.label):
            super().ready()


class WagtailRedirectsConfig(WagtailRedirectsAppConfig):
    def ready(self) -> None:
        with _without_api_v3(self.label):
            super().ready()
