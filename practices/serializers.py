"""Serializer fields for the public read API of practices (see practices/api.py)."""

from wagtail.rich_text import expand_db_html

from rest_framework import serializers


class RichTextHTMLField(serializers.Field):
    """Rich text as public HTML, with internal links and documents resolved."""

    def to_representation(self, value):
        return expand_db_html(value) if value else ""


class TermListField(serializers.Field):
    """A list of reference terms (themes, tracks, ...) as {slug, name}."""

    def to_representation(self, manager):
        return [{"slug": term.slug, "name": term.name} for term in manager.all()]


class MunicipalityField(serializers.Field):
    """A municipality with its CBS code and RIEC region."""

    def __init__(self, many=False, **kwargs):
        self.many = many
        super().__init__(**kwargs)

    def _one(self, municipality):
        region = municipality.riec_region
        return {
            "cbs_code": municipality.cbs_code,
            "name": municipality.display_name,
            "slug": municipality.slug,
            "province": municipality.province,
            "riec_region": {"slug": region.slug, "name": region.name},
        }

    def to_representation(self, value):
        if self.many:
            return [
                self._one(item) for item in value.select_related("riec_region").all()
            ]
        return self._one(value) if value else None


class PublicContactField(serializers.Field):
    """The contact person, only when the contributor ticked consent; otherwise null."""

    def to_representation(self, page):
        if not page.contact_is_public:
            return None
        return {
            "name": page.contact_name,
            "role": page.contact_role,
            "email": page.contact_email,
            "phone": page.contact_phone,
        }
