"""Public forms of the events app: registering a delegation, changing an attendee, and
the filters of the session list. Choice lists of municipalities and networks are read
once per request and shared by every form, so the page's query count stays fixed."""

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from events import services
from events.models import SessionPage
from home.models import CityNetwork, Municipality, Theme
from home.models.reference import dutch_sort_key


def municipality_choices():
    rows = Municipality.objects.values_list("pk", "name", "common_name")
    choices = [(pk, common or name) for pk, name, common in rows]
    return sorted(choices, key=lambda choice: dutch_sort_key(choice[1]))


def network_choices():
    return list(CityNetwork.objects.order_by("kind", "name").values_list("pk", "name"))


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
    municipality = forms.TypedChoiceField(
        label=_("Gemeente"), coerce=int, required=False, empty_value=None
    )
    city_network = forms.TypedChoiceField(
        label=_("Stedennetwerk"), coerce=int, required=False, empty_value=None
    )
    other_organisation = forms.CharField(
        label=_("Naam van de organisatie"), max_length=160, required=False
    )
    contact_name = forms.CharField(
        label=_("Naam contactpersoon"),
        max_length=160,
        error_messages={"required": _("Vul de naam van de contactpersoon in.")},
    )
    contact_email = forms.EmailField(
        label=_("E-mailadres contactpersoon"),
        help_text=_("Hierheen sturen we de bevestiging met de link om te wijzigen."),
        error_messages={
            "required": _("Vul het e-mailadres van de contactpersoon in."),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@gemeente.nl."),
        },
    )
    contact_phone = forms.CharField(
        label=_("Telefoonnummer contactpersoon (niet verplicht)"),
        max_length=40,
        required=False,
    )
    remarks = forms.CharField(
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
        empty = [("", _("Kies een gemeente"))]
        self.fields["municipality"].choices = empty + list(municipalities)
        self.fields["city_network"].choices = [("", _("Kies een netwerk"))] + list(
            networks
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

    name = forms.CharField(
        label=_("Naam"),
        max_length=160,
        error_messages={"required": _("Vul de naam van de deelnemer in.")},
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        error_messages={
            "required": _("Vul het e-mailadres van de deelnemer in."),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@gemeente.nl."),
        },
    )
    role = forms.CharField(label=_("Functie"), max_length=160, required=False)
    municipality = forms.TypedChoiceField(
        label=_("Gemeente (niet verplicht)"),
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [("", _("Geen of onbekend"))] + list(
            municipalities
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
