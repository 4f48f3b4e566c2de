"""Forms for account actions. They validate; the services do the writing."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class AccountDeleteForm(forms.Form):
    """Deleting an account asks for the password once more and an explicit confirmation."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_(
            "I understand that my account, my enrolments and my progress are deleted for good."
        ),
        required=True,
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.has_usable_password() or not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."), code="wrong_password")
        return password


class InviteForm(forms.Form):
    """An instructor's round of invitations: addresses pasted or in a CSV file."""

    course = forms.ModelChoiceField(label=_("Course"), queryset=None)
    addresses = forms.CharField(
        label=_("E-mail addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "One per line, with a name if you like: “Jan de Vries, jan@example.nl”. Someone "
            "who already has an account is enrolled at once; everyone else gets an invitation "
            "by e-mail. In a paid course the place is free of charge."
        ),
    )
    csv_file = forms.FileField(
        label=_("Or a CSV file"),
        required=False,
        help_text=_("A column with e-mail addresses and, if you like, one with names."),
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation"), choices=settings.LANGUAGES, initial="nl"
    )

    MAX_FILE_BYTES = 512 * 1024

    def __init__(self, *args, courses, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("addresses") or ""
        upload = cleaned.get("csv_file")
        if upload is not None:
            if upload.size > self.MAX_FILE_BYTES:
                raise forms.ValidationError(_("The file is too large (at most 512 KB)."))
            try:
                text += "\n" + upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(
                    _("The file could not be read: save it as CSV in UTF-8.")
                ) from None
        if not text.strip():
            raise forms.ValidationError(_("Give at least one e-mail address."))
        cleaned["text"] = text
        return cleaned


class NameFields(forms.Form):
    """First and last name as people write them: "Jan" and "de Vries"."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        help_text=_("With any prefix, as you write it: “de Vries”, “van den Berg”."),
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )


class SignupForm(NameFields):
    """allauth's sign-up form gets these fields first (ACCOUNT_SIGNUP_FORM_CLASS): mails
    greet the learner by name, and certificates carry it."""

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def signup(self, request, user) -> None:
        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        user.save(update_fields=["first_name", "last_name"])


class NameForm(NameFields):
    """The account page's name form."""
