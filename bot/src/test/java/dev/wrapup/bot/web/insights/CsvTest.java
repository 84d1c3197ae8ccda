package dev.wrapup.bot.web.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wrapup.bot.web.insights.Table.Cell;
import dev.wrapup.bot.web.insights.Table.Column;
import dev.wrapup.bot.web.insights.Table.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
    @Test
    void theFileHoldsTheValuesForASpreadsheetQuotedWhereTheyWouldSplitALine() {
        Table table =
                new Table(
                        "caption",
                        List.of(new Column("Week from", "week"), new Column("Median", "median")),
                        List.of(
                                new Row(
                                        List.of(
                                                Cell.of("2026-11-09"),
                                                new Cell("2 h 30 min", "150"))),
                                new Row(List.of(Cell.of("a, \"b\""), new Cell("—", "")))),
                        new Row(List.of(new Cell("Whole period", "total"), Cell.of(150))));

        assertEquals(
                "week,median\r\n2026-11-09,150\r\n\"a, \"\"b\"\"\",\r\ntotal,150\r\n",
                Csv.of(table));
    }
}
