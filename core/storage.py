"""Static files storage: whitenoise's compressed manifest storage, remembering each URL.

Every page asks for the hashed URL of its style sheets, scripts and icons; each answer costs
Django about 10 µs (the manifest lookup, URL splitting and quoting), several times a page.
The manifest is read once when the process starts and never changes while it runs, so each
file's URL is worked out once per process.
"""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name: str, force: bool = False) -> str:
        if force:
            return super().url(name, force)
        try:
            return self._urls[name]
        except KeyError:
            url = self._urls[name] = super().url(name)
            return url
