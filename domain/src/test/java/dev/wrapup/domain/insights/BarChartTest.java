package dev.wrapup.domain.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BarChartTest {
    private static final double BOTTOM = BarChart.HEIGHT - BarChart.BOTTOM;
    private static final double PLOT_HEIGHT = BOTTOM - BarChart.TOP;

    @Test
    void stackedPartsSitOnEachOtherAndTheAxisEndsAtARoundNumber() {
        BarChart chart =
                BarChart.stacked(List.of("w1", "w2"), List.of("SEV1", "SEV2"))
                        .values(Arrays.asList(2.0, 1.0))
                        .values(Arrays.asList(null, 4.0))
                        .whole()
                        .build();

        assertEquals(
                List.of("0", "1", "2", "3", "4"),
                chart.ticks().stream().map(BarChart.Tick::label).toList());
        assertEquals(BOTTOM, chart.ticks().get(0).y());
        assertEquals(BarChart.TOP, chart.ticks().get(4).y());
        List<BarChart.Bar> bars = chart.bars();
        assertEquals(3, bars.size());
        BarChart.Bar sev1 = bars.get(0);
        BarChart.Bar sev2 = bars.get(1);
        assertEquals(0, sev1.series());
        assertEquals(BOTTOM, sev1.y() + sev1.height(), 0.1);
        assertEquals(PLOT_HEIGHT / 2, sev1.height(), 0.1);
        assertEquals(sev1.y(), sev2.y() + sev2.height(), 0.1);
        assertEquals(sev1.x(), sev2.x());
        assertEquals("w1, SEV2: 1", sev2.title());
        BarChart.Bar tall = bars.get(2);
        assertEquals(BarChart.TOP, tall.y());
        assertEquals(1, tall.series());
        assertEquals(
                List.of("w1", "w2"), chart.labels().stream().map(BarChart.Label::text).toList());
    }

    @Test
    void sideBySideBarsShareTheirCategorysSlot() {
        BarChart chart =
                BarChart.sideBySide(List.of("w1"), List.of("opened", "done", "overdue"))
                        .values(List.of(5.0, 10.0, 0.0))
                        .whole()
                        .build();

        assertEquals(2, chart.bars().size());
        BarChart.Bar opened = chart.bars().get(0);
        BarChart.Bar done = chart.bars().get(1);
        assertEquals(opened.x() + opened.width(), done.x(), 0.1);
        assertEquals(BOTTOM, opened.y() + opened.height(), 0.1);
        assertEquals(BarChart.TOP, done.y());
        assertEquals(
                List.of("0", "2", "4", "6", "8", "10"),
                chart.ticks().stream().map(BarChart.Tick::label).toList());
    }

    @Test
    void referenceLinesWidenTheScaleAndSayTheirValue() {
        BarChart chart =
                BarChart.stacked(List.of("w1"), List.of("median"))
                        .values(List.of(1.5))
                        .format(h -> h + " h")
                        .rule("p90", 7.0)
                        .rule("median", null)
                        .build();

        assertEquals(
                List.of("0.0 h", "2.0 h", "4.0 h", "6.0 h", "8.0 h"),
                chart.ticks().stream().map(BarChart.Tick::label).toList());
        assertEquals(
                List.of("p90 7.0 h"), chart.rules().stream().map(BarChart.Rule::label).toList());
        assertEquals(BOTTOM - PLOT_HEIGHT * 7 / 8, chart.rules().get(0).y(), 0.1);
    }

    @Test
    void givenStepsTheAxisTakesTheFirstThatGivesAboutFiveTicks() {
        BarChart chart =
                BarChart.stacked(List.of("w1"), List.of("median"))
                        .values(List.of(20.0))
                        .steps(1, 2, 3, 6, 12, 24)
                        .rule("median", 20.0)
                        .rule("p90", 30.0)
                        .build();

        assertEquals(
                List.of("0", "6", "12", "18", "24", "30"),
                chart.ticks().stream().map(BarChart.Tick::label).toList());
        assertEquals(
                List.of(false, true), chart.rules().stream().map(BarChart.Rule::atEnd).toList());
    }

    @Test
    void beyondTheStepsTheAxisStepsByMultiplesOfTheLast() {
        BarChart chart =
                BarChart.stacked(List.of("w1"), List.of("median"))
                        .values(List.of(1000.0))
                        .steps(1, 24)
                        .build();

        assertEquals(
                List.of("0", "216", "432", "648", "864", "1080"),
                chart.ticks().stream().map(BarChart.Tick::label).toList());
    }

    @Test
    void aShareInPercentIsDrawnOnAWholeScale() {
        BarChart chart =
                BarChart.stacked(List.of("w1"), List.of("commented"))
                        .values(List.of(30.0))
                        .atLeast(100)
                        .build();

        assertEquals(
                List.of("0", "20", "40", "60", "80", "100"),
                chart.ticks().stream().map(BarChart.Tick::label).toList());
    }

    @Test
    void anEmptyPeriodStillHasAnAxis() {
        BarChart chart =
                BarChart.stacked(List.of("w1"), List.of("n")).values(List.of(0.0)).whole().build();

        assertEquals(List.of(), chart.bars());
        assertEquals(List.of("0", "1"), chart.ticks().stream().map(BarChart.Tick::label).toList());
    }

    @Test
    void manyWeeksAreLabelledSparselySoTheLabelsDoNotCollide() {
        List<String> weeks = IntStream.range(0, 105).mapToObj(i -> "w" + i).toList();
        BarChart.Builder builder = BarChart.stacked(weeks, List.of("n"));
        List<Double> one = new ArrayList<>(List.of(1.0));
        weeks.forEach(w -> builder.values(one));

        BarChart chart = builder.build();

        assertEquals(105, chart.bars().size());
        assertEquals(5, chart.labels().size());
        assertEquals("w21", chart.labels().get(1).text());
        assertEquals(
                true,
                chart.bars().stream()
                        .allMatch(
                                b ->
                                        b.x() >= chart.plotLeft()
                                                && b.x() + b.width() <= chart.plotRight() + 0.1));
    }

    @Test
    void everyCategoryNeedsItsValues() {
        BarChart.Builder builder = BarChart.stacked(List.of("w1", "w2"), List.of("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> builder.values(List.of(1.0)));
        builder.values(List.of(1.0, 2.0));
        assertThrows(IllegalArgumentException.class, builder::build);
    }
}
