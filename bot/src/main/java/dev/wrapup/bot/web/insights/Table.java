package dev.wrapup.bot.web.insights;

import java.util.List;

/**
 * A chart's numbers: shown beside the chart as an HTML table, and downloaded as CSV. Each cell says
 * its value twice, for reading ("2 h 30 min") and for a spreadsheet ("150"), so that the two never
 * drift apart.
 *
 * @param rows one per week; the first cell of each names the row
 * @param total the whole period, in the same columns
 */
public record Table(String caption, List<Column> columns, List<Row> rows, Row total) {

    /** A column's heading on the page and its name in the CSV header. */
    public record Column(String heading, String csvName) {}

    public record Row(List<Cell> cells) {
        public Cell header() {
            return cells.get(0);
        }

        public List<Cell> values() {
            return cells.subList(1, cells.size());
        }
    }

    /** A value as read and as written to CSV; nothing known is an empty CSV field. */
    public record Cell(String text, String csv) {
        static Cell of(String text) {
            return new Cell(text, text);
        }

        static Cell of(long number) {
            return of(String.valueOf(number));
        }
    }
}
