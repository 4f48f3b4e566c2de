"""The waitlist signup form: name, e-mail, consent, and a honeypot field for bots."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import validate_no_control_characters

PRIVACY_TEXT = _(
    "I agree that MCMT Academie stores my name and e-mail address to tell me once when this "
    "course opens. I can unsubscribe at any time with the link in every e-mail; my data is "
    "then no longer used."
)


class SignupForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"), max_length=120, validators=[validate_no_control_characters]
    )
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    consent = forms.BooleanField(
        label=PRIVACY_TEXT,
        error_messages={"required": _("Please agree so we may e-mail you at launch.")},
    )
    # Honeypot: hidden from people (CSS), filled in by bots. Named like a real field.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, course=None, placement: str = "", **kwargs) -> None:
        # A page may show the form more than once (the course page: hero and bottom). Each
        # extra placement gets ids of its own, so its labels point at its own fields; the
        # field names stay the same, so every copy posts alike to the same view.
        if placement:
            kwargs.setdefault("auto_id", f"id_{placement}_%s")
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.fields["name"].widget.attrs.update({"autocomplete": "name"})
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        self.helper = FormHelper()
        # No CSRF token: the landing page is cached for every anonymous visitor, and the
        # endpoint is csrf_exempt (see views.signup for why that is safe here).
        self.helper.disable_csrf = True
        self.helper.form_id = f"waitlist-form-{placement}" if placement else "waitlist-form"
        if course is not None:
            self.helper.form_action = reverse("waitlist:signup", args=[course.slug])
        self.helper.layout = Layout(
            Field("name"),
            Field("email"),
            Div(Field("website"), css_class="d-none", aria_hidden="true"),
            Field("consent"),
            Submit(
                "submit",
                _("Keep me posted"),
                css_class="btn btn-primary",
                css_id=f"waitlist-submit-{placement}" if placement else "waitlist-submit",
            ),
        )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Please fill in your name."))
        return name

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip()

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))
