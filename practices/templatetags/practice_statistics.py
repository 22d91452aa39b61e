"""Server-rendered SVG bar charts for the editors' statistics report."""

from django import template
from django.utils.text import Truncator

register = template.Library()

LABEL_WIDTH = 230
BAR_WIDTH = 300
ROW_HEIGHT = 24
VALUE_WIDTH = 50


@register.inclusion_tag("practices/admin/bar_chart.html")
def bar_chart(table):
    """A horizontal bar per row; the accessible name says what it shows, and the table
    beside it holds the same figures for screen readers and copying."""
    maximum = table.maximum or 1
    bars = []
    for index, (label, value) in enumerate(table.chart_rows):
        width = round(BAR_WIDTH * value / maximum) if value else 0
        y = index * ROW_HEIGHT
        bars.append(
            {
                "label": Truncator(str(label)).chars(34),
                "value": value,
                "y": y,
                "text_y": y + ROW_HEIGHT * 0.65,
                "width": width,
                "value_x": LABEL_WIDTH + width + 6,
            }
        )
    return {
        "table": table,
        "bars": bars,
        "label_width": LABEL_WIDTH,
        "label_x": LABEL_WIDTH - 8,
        "bar_height": ROW_HEIGHT - 6,
        "width": LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH,
        "height": max(len(bars), 1) * ROW_HEIGHT,
    }
