"""Blocks for the programme of a learning session."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks


class ProgrammeItemBlock(blocks.StructBlock):
    """One time slot of a session's programme, optionally about a practice."""

    start_time = blocks.TimeBlock(label=_("begintijd"))
    end_time = blocks.TimeBlock(label=_("eindtijd"), required=False)
    title = blocks.CharBlock(label=_("onderdeel"), max_length=200)
    speakers = blocks.CharBlock(
        label=_("sprekers"),
        required=False,
        max_length=300,
        help_text=_("Naam en organisatie, gescheiden door komma's."),
    )
    description = blocks.TextBlock(label=_("toelichting"), required=False)
    practice = blocks.PageChooserBlock(
        label=_("gepresenteerde praktijk"),
        page_type="practices.PracticePage",
        required=False,
    )

    class Meta:
        icon = "time"
        label = _("Programmaonderdeel")
        template = "blocks/programme_item_block.html"


class ProgrammeBlock(blocks.StreamBlock):
    """The time slots of a session, in order."""

    item = ProgrammeItemBlock()

    class Meta:
        label = _("Programma")
