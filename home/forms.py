"""The form renderer of the portal: Django's, with <select> options joined in Python.

Django renders every <option> of a select through its own template include; the
municipality lists (342 options, on the practice filters and once per attendee on the
registration form) then cost more than the rest of the page together. This renderer
builds the same HTML for the standard select templates directly and leaves every other
template to Django; PlainSelect goes further for long flat lists.
"""

from html import escape

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def html_attributes(attrs):
    """Like django/forms/widgets/attrs.html: False leaves out, True is a bare name."""
    return format_html_join(
        "",
        "{}",
        (
            (
                format_html(" {}", name)
                if value is True
                else format_html(' {}="{}"', name, value),
            )
            for name, value in attrs.items()
            if value is not False
        ),
    )


def render_select(widget):
    groups = []
    for group_name, options, _index in widget["optgroups"]:
        rendered = format_html_join(
            "",
            '\n  <option value="{}"{}>{}</option>',
            (
                (
                    str(option["value"]),
                    html_attributes(option["attrs"]),
                    option["label"],
                )
                for option in options
            ),
        )
        if group_name:
            rendered = format_html(
                '\n  <optgroup label="{}">{}\n  </optgroup>', group_name, rendered
            )
        groups.append(rendered)
    return format_html(
        '<select name="{}"{}>{}\n</select>',
        widget["name"],
        html_attributes(widget["attrs"]),
        mark_safe("".join(groups)),  # noqa: S308 (every part escaped above)
    )


class PortalFormRenderer(DjangoTemplates):
    """Django's default renderer, except for plain <select> widgets."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if (
            template_name == SELECT_TEMPLATE
            and widget is not None
            and all(
                option.get("template_name") == OPTION_TEMPLATE
                for _name, options, _index in widget["optgroups"]
                for option in options
            )
        ):
            return render_select(widget)
        return super().render(template_name, context, request)


class PlainSelect(forms.Select):
    """A <select> rendered straight from its choices, for long flat lists.

    Skips Django's per-option dictionaries (and their templates): the same HTML as
    Select for flat choices without option groups, in a fraction of the time.
    """

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        selected = "" if value in (None, "") else str(value)
        options = []
        for choice, label in self.choices:
            choice = str(choice)
            marker = " selected" if choice == selected else ""
            options.append(
                f'\n  <option value="{escape(choice)}"{marker}>{escape(str(label))}</option>'
            )
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            name,
            html_attributes(attrs),
            mark_safe("".join(options)),  # noqa: S308 (every value escaped above)
        )
