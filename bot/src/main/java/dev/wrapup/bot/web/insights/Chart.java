package dev.wrapup.bot.web.insights;

import dev.wrapup.domain.insights.BarChart;
import java.util.List;

/**
 * One chart of the insights page: its picture, its legend and its numbers.
 *
 * @param name how its CSV is asked for: /insights.csv?chart=name
 * @param description what the picture shows, for a reader who cannot see it
 * @param note a sentence about what the numbers mean, shown above the chart; null for none
 */
public record Chart(
        String name,
        String title,
        String description,
        List<Series> series,
        BarChart picture,
        Table table,
        String note) {

    public Chart(
            String name,
            String title,
            String description,
            List<Series> series,
            BarChart picture,
            Table table) {
        this(name, title, description, series, picture, table, null);
    }

    /** A series of bars and the colour it is drawn in. */
    public record Series(String name, String color) {}

    public String color(BarChart.Bar bar) {
        return series.get(bar.series()).color();
    }
}
