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
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
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


class WagtailImagesConfig(WagtailImagesAppConfig):
    def ready(self) -> None:
        with _without_api_v3(self.label):
            super().ready()


class WagtailDocumentsConfig(WagtailDocsAppConfig):
    def ready(self) -> None:
        with _without_api_v3(self.label):
            super().ready()


class WagtailSnippetsConfig(WagtailSnippetsAppConfig):
    def ready(self) -> None:
        with _without_api_v3(self.label):
            super().ready()


class WagtailRedirectsConfig(WagtailRedirectsAppConfig):
    def ready(self) -> None:
        with _without_api_v3(self.label):
            super().ready()
