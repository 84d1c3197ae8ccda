package dev.wrapup.bot.web.insights;

import java.util.List;

/**
 * What the insights page shows.
 *
 * @param from the period's first day as the form shows it (as typed, when it was refused)
 * @param to its last day, likewise
 * @param error why the period asked for was refused, or null
 * @param charts the charts, none when the period was refused
 * @param roleGroups whether role groups are configured, for coverage by role group
 */
public record InsightsView(
        String from, String to, String error, List<Chart> charts, boolean roleGroups) {

    /** Where a chart's numbers are downloaded as CSV. */
    public String csv(Chart chart) {
        return "/insights.csv?chart=" + chart.name() + "&from=" + from + "&to=" + to;
    }
}
