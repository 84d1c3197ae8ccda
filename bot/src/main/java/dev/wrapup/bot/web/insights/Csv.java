package dev.wrapup.bot.web.insights;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A table as CSV (RFC 4180: comma-separated, CRLF line ends, quoted where needed): the header of
 * column names, a line per week, then the whole period's line.
 *
 * <p>No guard against spreadsheet formulas: every field is a date, a number or a fixed word made
 * here, never text a person typed.
 */
final class Csv {
    private Csv() {}

    static String of(Table table) {
        StringBuilder csv = new StringBuilder();
        line(csv, table.columns().stream().map(Table.Column::csvName).toList());
        for (Table.Row row : table.rows()) {
            line(csv, row.cells().stream().map(Table.Cell::csv).toList());
        }
        line(csv, table.total().cells().stream().map(Table.Cell::csv).toList());
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<String> fields) {
        csv.append(fields.stream().map(Csv::field).collect(Collectors.joining(","))).append("\r\n");
    }

    private static String field(String value) {
        return value.contains(",")
                        || value.contains("\"")
                        || value.contains("\n")
                        || value.contains("\r")
                ? "\"" + value.replace("\"", "\"\"") + "\""
                : value;
    }
}
