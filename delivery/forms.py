"""The mail-settings form: one switch per registered topic and the language of mails."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import topics


class MailSettingsForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of my e-mails"), choices=settings.LANGUAGES)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for topic in topics.all_topics():
            self.fields[f"topic_{topic.key}"] = forms.BooleanField(
                label=topic.label, help_text=topic.help_text, required=False
            )

    def wanted_topics(self) -> set[str]:
        return {t.key for t in topics.all_topics() if self.cleaned_data.get(f"topic_{t.key}")}
