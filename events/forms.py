"""Public forms of the events app: registering a delegation, changing an attendee, and
the filters of the session list. Choice lists of municipalities and networks are read
once per request and shared by every form, so the page's query count stays fixed."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

from events import services
from events.models import SessionPage
from home import page_cache
from home.models import CityNetwork, Municipality, Theme
from home.models.reference import dutch_sort_key

# The longest address SMTP allows (RFC 5321), and the length of the database columns.
EMAIL_MAX_LENGTH = 254
EMAIL_TOO_LONG = _("Een e-mailadres is ten hoogste 254 tekens lang.")
# Bidirectional overrides and isolates: invisible, and they reorder what editors read.
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def has_control_characters(value, *, multiline=False):
    """True when `value` holds characters nobody types: control characters (Unicode
    category Cc, allowing line breaks and tabs in multi-line text), surrogates and
    bidirectional overrides."""
    allowed = {"\n", "\r", "\t"} if multiline else set()
    return any(
        (unicodedata.category(c) in ("Cc", "Cs") and c not in allowed)
        or c in BIDI_CONTROLS
        for c in value
    )


def refuse_control_characters(value):
    if has_control_characters(value):
        raise ValidationError(
            _(
                "Gebruik in dit veld alleen gewone tekens: geen tabs, regeleinden of "
                "andere onzichtbare stuurtekens."
            ),
            code="control_characters",
        )


def refuse_control_characters_multiline(value):
    if has_control_characters(value, multiline=True):
        raise ValidationError(
            _(
                "Gebruik in dit veld alleen gewone tekens: geen onzichtbare "
                "stuurtekens."
            ),
            code="control_characters",
        )


def ascii_int(value):
    """The number in `value` when it is only ASCII digits (at most 18), else None.

    Python's int() also reads '١٢' and refuses '²' although str.isdigit() accepts it;
    numbers that enter through forms and URLs are ASCII digits only.
    """
    value = (value or "").strip()
    if value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    return None


class TextField(forms.CharField):
    """A single-line text field that refuses control characters, in Dutch."""

    default_validators = [refuse_control_characters]


class MultilineTextField(forms.CharField):
    """A multi-line text field that refuses control characters but line breaks."""

    default_validators = [refuse_control_characters_multiline]


class PortalEmailField(forms.EmailField):
    """An e-mail address of at most 254 characters, like the database columns."""

    default_validators = [
        *forms.EmailField.default_validators,
        refuse_control_characters,
    ]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", EMAIL_MAX_LENGTH)
        super().__init__(**kwargs)
        self.error_messages.setdefault("max_length", EMAIL_TOO_LONG)
        self.error_messages["max_length"] = EMAIL_TOO_LONG


class AsciiTypedChoiceField(forms.TypedChoiceField):
    """A choice of a primary key: ASCII digits only, else the field's Dutch error."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        if ascii_int(value) is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return value


def municipality_choices():
    """(pk, shown name) of every municipality in Dutch order; kept until reference
    data changes (home/page_cache.cached_data), as every registration form and POST
    needs them."""

    def compute():
        rows = Municipality.objects.values_list("pk", "name", "common_name")
        choices = [(pk, common or name) for pk, name, common in rows]
        return sorted(choices, key=lambda choice: dutch_sort_key(choice[1]))

    return page_cache.cached_data("municipality-choices", {page_cache.ALL}, compute)


def network_choices():
    return page_cache.cached_data(
        "network-choices",
        {page_cache.ALL},
        lambda: list(
            CityNetwork.objects.order_by("kind", "name").values_list("pk", "name")
        ),
    )


class PreparedChoices(BaseChoiceIterator):
    """An empty choice, then (value, label) pairs that are already in the form Django
    wants. Django takes such an iterator as it is; a list it copies and checks pair by
    pair, for the field and again for its widget: for the 342 municipalities that was
    a third of the CPU time of a registration POST (docs/benchmarks.md)."""

    def __init__(self, empty, choices):
        self.empty = empty
        self.choices = choices if isinstance(choices, (list, tuple)) else list(choices)

    def __iter__(self):
        yield self.empty
        yield from self.choices


WIDGET_CLASSES = {
    "textinput": "utrecht-textbox utrecht-textbox--html-input",
    "emailinput": "utrecht-textbox utrecht-textbox--html-input",
    "select": "utrecht-select utrecht-select--html-select",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "checkboxinput": "utrecht-checkbox utrecht-checkbox--html-input",
}


def style_widgets(form):
    """NL Design System classes on every widget (radio buttons are drawn by hand)."""
    for field in form.fields.values():
        css = WIDGET_CLASSES.get(type(field.widget).__name__.lower())
        if css:
            field.widget.attrs["class"] = css


class OrganisationType:
    MUNICIPALITY = "gemeente"
    NETWORK = "netwerk"
    OTHER = "overig"
    CHOICES = [
        (MUNICIPALITY, _("Een gemeente")),
        (NETWORK, _("Een stedennetwerk of RIEC-netwerk")),
        (OTHER, _("Een andere organisatie")),
    ]


class RegistrationForm(forms.Form):
    """The registering organisation, the contact person, remarks and consent."""

    organisation_type = forms.ChoiceField(
        label=_("Namens welke organisatie meldt u aan?"),
        choices=OrganisationType.CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies het soort organisatie."),
            "invalid_choice": _("Kies het soort organisatie."),
        },
    )
    municipality = AsciiTypedChoiceField(
        label=_("Gemeente"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Kies een gemeente uit de lijst.")},
    )
    city_network = AsciiTypedChoiceField(
        label=_("Stedennetwerk"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Kies een netwerk uit de lijst.")},
    )
    other_organisation = TextField(
        label=_("Naam van de organisatie"), max_length=160, required=False
    )
    contact_name = TextField(
        label=_("Naam contactpersoon"),
        max_length=160,
        error_messages={"required": _("Vul de naam van de contactpersoon in.")},
    )
    contact_email = PortalEmailField(
        label=_("E-mailadres contactpersoon"),
        help_text=_("Hierheen sturen we de bevestiging met de link om te wijzigen."),
        error_messages={
            "required": _("Vul het e-mailadres van de contactpersoon in."),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@gemeente.nl."),
        },
    )
    contact_phone = TextField(
        label=_("Telefoonnummer contactpersoon (niet verplicht)"),
        max_length=40,
        required=False,
    )
    remarks = MultilineTextField(
        label=_("Opmerkingen (niet verplicht)"),
        help_text=_("Bijvoorbeeld over toegankelijkheid of dieetwensen."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    consent = forms.BooleanField(
        label=_("Ik ga akkoord met de verwerking van deze gegevens"),
        error_messages={
            "required": _(
                "Zonder toestemming voor de verwerking van de gegevens kunnen we de "
                "aanmelding niet aannemen."
            )
        },
    )
    # Honeypot: hidden from people, filled in by simple bots.
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False)

    def __init__(self, *args, municipalities=(), networks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = PreparedChoices(
            ("", _("Kies een gemeente")), municipalities
        )
        self.fields["city_network"].choices = PreparedChoices(
            ("", _("Kies een netwerk")), networks
        )
        for name in ("contact_name", "contact_email", "contact_phone"):
            self.fields[name].widget.attrs["autocomplete"] = {
                "contact_name": "name",
                "contact_email": "email",
                "contact_phone": "tel",
            }[name]
        self.fields["website"].widget.attrs.update(
            {"tabindex": "-1", "autocomplete": "off"}
        )
        style_widgets(self)

    @property
    def is_spam(self):
        return bool(self.data.get(self.add_prefix("website"), "").strip())

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("organisation_type")
        if kind == OrganisationType.MUNICIPALITY and not cleaned.get("municipality"):
            self.add_error("municipality", _("Kies de gemeente."))
        if kind == OrganisationType.NETWORK and not cleaned.get("city_network"):
            self.add_error("city_network", _("Kies het netwerk."))
        if (
            kind == OrganisationType.OTHER
            and not cleaned.get("other_organisation", "").strip()
        ):
            self.add_error(
                "other_organisation", _("Vul de naam van de organisatie in.")
            )
        return cleaned

    def organisation(self):
        kind = self.cleaned_data["organisation_type"]
        if kind == OrganisationType.MUNICIPALITY:
            return services.Organisation(
                municipality=Municipality.objects.get(
                    pk=self.cleaned_data["municipality"]
                )
            )
        if kind == OrganisationType.NETWORK:
            return services.Organisation(
                city_network=CityNetwork.objects.get(
                    pk=self.cleaned_data["city_network"]
                )
            )
        return services.Organisation(other_name=self.cleaned_data["other_organisation"])


class AttendeeForm(forms.Form):
    """One named attendee."""

    name = TextField(
        label=_("Naam"),
        max_length=160,
        error_messages={"required": _("Vul de naam van de deelnemer in.")},
    )
    email = PortalEmailField(
        label=_("E-mailadres"),
        error_messages={
            "required": _("Vul het e-mailadres van de deelnemer in."),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@gemeente.nl."),
        },
    )
    role = TextField(label=_("Functie"), max_length=160, required=False)
    municipality = AsciiTypedChoiceField(
        label=_("Gemeente (niet verplicht)"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Kies een gemeente uit de lijst.")},
    )

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = PreparedChoices(
            ("", _("Geen of onbekend")), municipalities
        )
        self.fields["name"].widget.attrs["autocomplete"] = "off"
        self.fields["email"].widget.attrs["autocomplete"] = "off"
        style_widgets(self)

    def attendee_data(self, municipalities_by_pk):
        data = self.cleaned_data
        return services.AttendeeData(
            name=data["name"],
            email=data["email"],
            role=data.get("role", ""),
            municipality=municipalities_by_pk.get(data.get("municipality")),
        )


class BaseAttendeeFormSet(forms.BaseFormSet):
    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_few_forms": _("Meld ten minste één deelnemer aan."),
        "too_many_forms": _(
            "Er zijn te veel deelnemers voor één organisatie bij deze bijeenkomst."
        ),
    }

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        filled = [f for f in self.forms if f.cleaned_data]
        if not filled:
            raise forms.ValidationError(_("Meld ten minste één deelnemer aan."))
        emails = [f.cleaned_data["email"].lower() for f in filled]
        if len(set(emails)) != len(emails):
            raise forms.ValidationError(
                _("Elk e-mailadres mag maar één keer voorkomen in een aanmelding.")
            )


def attendee_formset_class(max_attendees):
    return formset_factory(
        AttendeeForm,
        formset=BaseAttendeeFormSet,
        extra=0,
        min_num=1,
        validate_min=True,
        max_num=max_attendees,
        validate_max=True,
        absolute_max=max(max_attendees, 1),
    )


class SessionFilterForm(forms.Form):
    """The GET filters of the session list; unknown values are simply ignored."""

    thema = forms.ChoiceField(label=_("Thema"), required=False)
    organisator = forms.ChoiceField(
        label=_("Organisator"),
        required=False,
        choices=[("", _("Alle organisatoren"))] + list(SessionPage.Organisers.choices),
    )
    vorm = forms.ChoiceField(
        label=_("Vorm"),
        required=False,
        choices=[("", _("Alle vormen"))] + list(SessionPage.Format.choices),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thema"].choices = [("", _("Alle thema's"))] + list(
            Theme.objects.filter(sessions__isnull=False)
            .distinct()
            .order_by("sort_order", "name")
            .values_list("slug", "name")
        )
        style_widgets(self)

    def valid_filters(self):
        """The filters that hold a known value; bad ones are dropped, never a 500."""
        self.is_valid()
        return {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if value and name not in self.errors
        }
