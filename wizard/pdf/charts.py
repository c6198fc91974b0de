"""Charts where they help a reader: answers and flags per questionnaire."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String

from wizard.pdf import styles
from wizard.pdf.fonts import BOLD, REGULAR

SERIES = ("Answered", "Flagged", "Not answered")


def answers_by_questionnaire(rows: list[tuple[str, int, int, int]], width: float) -> Drawing:
    """A stacked bar per questionnaire: answered, flagged, not answered.

    `rows` are (label, answered, flagged, not answered); labels must already
    be cleaned of characters the font lacks.
    """
    bar = 14
    label_width = min(190.0, width * 0.42)
    plot_height = max(bar * 1.6 * len(rows), bar * 2)
    height = plot_height + 58
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x = label_width
    chart.y = 34
    chart.width = width - label_width - 10
    chart.height = plot_height
    chart.data = [[r[i + 1] for r in reversed(rows)] for i in range(3)]
    chart.categoryAxis.categoryNames = [_short(r[0]) for r in reversed(rows)]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = styles.RULE
    chart.valueAxis.valueMin = 0
    total = max((sum(r[1:]) for r in rows), default=0)
    chart.valueAxis.valueMax = max(total, 1)
    chart.valueAxis.valueStep = _step(total)
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.strokeColor = styles.RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = styles.SHADE
    chart.barWidth = bar
    chart.groupSpacing = bar * 0.6
    chart.bars.strokeColor = None
    for n, colour in enumerate(styles.CHART_COLOURS):
        chart.bars[n].fillColor = colour
    drawing.add(chart)

    legend = Legend()
    legend.x = label_width
    legend.y = 12
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 90
    legend.fontName = REGULAR
    legend.fontSize = 8
    legend.boxAnchor = "w"
    legend.colorNamePairs = list(zip(styles.CHART_COLOURS, SERIES))
    legend.strokeColor = None
    drawing.add(legend)
    drawing.add(
        String(0, height - 10, "Questions shown, by questionnaire", fontName=BOLD, fontSize=9, fillColor=styles.INK)
    )
    return drawing


def _short(label: str, limit: int = 38) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _step(total: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        if total / step <= 8:
            return step
    return max(1, total // 8)
