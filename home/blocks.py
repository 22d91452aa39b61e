"""StreamField blocks shared by every body field of the portal."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = [
    "h2",
    "h3",
    "h4",
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
]


class HeadingBlock(blocks.StructBlock):
    """A section heading; level 2 or 3 keeps the page outline intact."""

    text = blocks.CharBlock(label=_("tekst"), max_length=160)
    level = blocks.ChoiceBlock(
        label=_("niveau"),
        choices=[("h2", _("Kop 2")), ("h3", _("Kop 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Tussenkop")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Aanpak in de wijk", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    """Running text with headings, lists and links."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Tekst")
        template = "blocks/paragraph_block.html"
        preview_value = (
            "<p>De wijkaanpak combineert zorg, handhaving en strafrecht.</p>"
        )


class ImageBlock(blocks.StructBlock):
    """An image with a required text alternative and an optional caption."""

    image = ImageChooserBlock(label=_("afbeelding"))
    alt_text = blocks.CharBlock(
        label=_("alternatieve tekst"),
        max_length=250,
        help_text=_(
            "Beschrijf wat er op de afbeelding te zien is, voor wie hem niet ziet."
        ),
    )
    caption = blocks.CharBlock(label=_("bijschrift"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Afbeelding")
        template = "blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    """A quote from a practitioner, with who said it."""

    quote = blocks.TextBlock(label=_("citaat"))
    attribution = blocks.CharBlock(
        label=_("wie zei het"), required=False, max_length=160
    )

    class Meta:
        icon = "openquote"
        label = _("Citaat")
        template = "blocks/quote_block.html"
        preview_value = {
            "quote": "Pas toen zorg en handhaving samen aan tafel zaten, kwam er beweging.",
            "attribution": "Wijkmanager",
        }


class DocumentBlock(blocks.StructBlock):
    """A link to an uploaded document, shown with its type and size."""

    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("titel"),
        required=False,
        help_text=_("Laat leeg voor de documenttitel."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/document_block.html"


class CallToActionBlock(blocks.StructBlock):
    """A prominent link to a page on the portal or elsewhere."""

    text = blocks.CharBlock(label=_("linktekst"), max_length=120)
    page = blocks.PageChooserBlock(label=_("pagina"), required=False)
    url = blocks.URLBlock(label=_("of webadres"), required=False)

    class Meta:
        icon = "link"
        label = _("Verwijzing")
        template = "blocks/call_to_action_block.html"

    def clean(self, value):
        from django.core.exceptions import ValidationError

        from wagtail.blocks import StructBlockValidationError

        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(_("Kies een pagina óf vul een webadres in."))
                }
            )
        return value


class BaseStreamBlock(blocks.StreamBlock):
    """The blocks every body field offers."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    document = DocumentBlock()
    call_to_action = CallToActionBlock()

    class Meta:
        label = _("Inhoud")
