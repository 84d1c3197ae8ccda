package dev.wrapup.domain.insights;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.DoubleUnaryOperator;

/**
 * Where the parts of a bar chart go, in the user units of an SVG {@link #WIDTH} by {@link #HEIGHT}
 * that scales to its box: bars (stacked or side by side), the value axis' ticks, the category
 * labels and horizontal reference lines. A template draws it; the numbers themselves are in the
 * table beside every chart, so the picture may round and leave out labels that would collide.
 *
 * <p>A little over 250 lines: the parts and the builder that places them change together, and the
 * builder is one method of arithmetic with its choices (scale, steps, rules) beside it.
 *
 * @param plotLeft the x of the value axis
 * @param plotRight the x where the plot ends
 * @param plotBottom the y of the category axis (value 0)
 */
public record BarChart(
        double plotLeft,
        double plotRight,
        double plotBottom,
        List<Bar> bars,
        List<Tick> ticks,
        List<Label> labels,
        List<Rule> rules) {
    public static final int WIDTH = 480;
    public static final int HEIGHT = 220;
    static final double LEFT = 76;
    static final double RIGHT = 8;
    static final double TOP = 12;
    static final double BOTTOM = 28;

    /**
     * At most this many category labels: 10-character dates side by side stay apart. The chart is
     * narrow so that its text stays readable when a phone shrinks it to the screen.
     */
    static final int MAX_LABELS = 5;

    /**
     * One bar, or one part of a stacked bar.
     *
     * @param series the index of its series, for its colour and the legend
     * @param title what it shows, said in words (the SVG title a pointer reveals)
     */
    public record Bar(double x, double y, double width, double height, int series, String title) {}

    /** A value on the value axis, with its grid line at y. */
    public record Tick(double y, String label) {}

    /** A category's name under its bars, centred at x. */
    public record Label(double x, String text) {}

    /**
     * A horizontal line across the plot at a value, such as the period's median.
     *
     * @param atEnd whether its label goes at the plot's right end; the first line's goes at the
     *     left, so that two lines at about the same value keep their labels apart
     */
    public record Rule(double y, String label, boolean atEnd) {}

    public static Builder stacked(List<String> categories, List<String> series) {
        return new Builder(true, categories, series);
    }

    public static Builder sideBySide(List<String> categories, List<String> series) {
        return new Builder(false, categories, series);
    }

    /** The data and the choices of one chart. */
    public static final class Builder {
        private final boolean stacked;
        private final List<String> categories;
        private final List<String> series;
        private final List<List<Double>> values = new ArrayList<>();
        private final List<Double> ruleValues = new ArrayList<>();
        private final List<String> ruleNames = new ArrayList<>();
        private DoubleFunction<String> format = v -> String.valueOf(Math.round(v));
        private double[] steps;
        private double atLeast = 1;
        private boolean whole;

        private Builder(boolean stacked, List<String> categories, List<String> series) {
            this.stacked = stacked;
            this.categories = List.copyOf(categories);
            this.series = List.copyOf(series);
        }

        /** The values of one category, by series; a null is no bar. */
        public Builder values(List<Double> ofCategory) {
            if (ofCategory.size() != series.size()) {
                throw new IllegalArgumentException(
                        ofCategory.size() + " values, " + series.size() + " series");
            }
            values.add(new ArrayList<>(ofCategory));
            return this;
        }

        /** How a value is written on the axis and in the bars' titles. */
        public Builder format(DoubleFunction<String> format) {
            this.format = format;
            return this;
        }

        /**
         * The steps the axis may take between ticks, smallest first, instead of 1, 2 or 5 times a
         * power of ten: hours read better in steps of 6, 12 or 24.
         */
        public Builder steps(double... steps) {
            this.steps = steps.clone();
            return this;
        }

        /** Counts: the axis ticks at whole numbers only. */
        public Builder whole() {
            this.whole = true;
            return this;
        }

        /** The axis reaches at least this value, such as 100 for a share in percent. */
        public Builder atLeast(double value) {
            this.atLeast = value;
            return this;
        }

        /** A reference line, labelled with its name and value; none for a null value. */
        public Builder rule(String name, Double value) {
            if (value != null) {
                ruleNames.add(name);
                ruleValues.add(value);
            }
            return this;
        }

        public BarChart build() {
            if (values.size() != categories.size()) {
                throw new IllegalArgumentException(
                        values.size() + " rows, " + categories.size() + " categories");
            }
            double plotRight = WIDTH - RIGHT;
            double plotBottom = HEIGHT - BOTTOM;
            double max = highest();
            double step = step(max);
            double top = Math.ceil(max / step - 1e-9) * step;
            DoubleUnaryOperator yOf = v -> round(plotBottom - v / top * (plotBottom - TOP));
            List<Tick> ticks = new ArrayList<>();
            for (int i = 0; i * step <= top + step / 1000; i++) {
                ticks.add(new Tick(yOf.applyAsDouble(i * step), format.apply(i * step)));
            }
            double slot = (plotRight - LEFT) / Math.max(1, categories.size());
            List<Bar> bars = new ArrayList<>();
            List<Label> labels = new ArrayList<>();
            int every = (categories.size() + MAX_LABELS - 1) / MAX_LABELS;
            for (int c = 0; c < categories.size(); c++) {
                double slotLeft = LEFT + c * slot;
                if (c % every == 0) {
                    labels.add(new Label(round(slotLeft + slot / 2), categories.get(c)));
                }
                double base = 0;
                for (int s = 0; s < series.size(); s++) {
                    Double v = values.get(c).get(s);
                    if (v == null || v <= 0) {
                        continue;
                    }
                    String title =
                            categories.get(c) + ", " + series.get(s) + ": " + format.apply(v);
                    if (stacked) {
                        double x = slotLeft + slot * 0.15;
                        double y = yOf.applyAsDouble(base + v);
                        bars.add(
                                new Bar(
                                        round(x),
                                        y,
                                        round(slot * 0.7),
                                        round(yOf.applyAsDouble(base) - y),
                                        s,
                                        title));
                        base += v;
                    } else {
                        double width = slot * 0.8 / series.size();
                        double x = slotLeft + slot * 0.1 + s * width;
                        double y = yOf.applyAsDouble(v);
                        bars.add(
                                new Bar(
                                        round(x),
                                        y,
                                        round(width),
                                        round(plotBottom - y),
                                        s,
                                        title));
                    }
                }
            }
            List<Rule> rules = new ArrayList<>();
            for (int i = 0; i < ruleValues.size(); i++) {
                rules.add(
                        new Rule(
                                yOf.applyAsDouble(ruleValues.get(i)),
                                ruleNames.get(i) + " " + format.apply(ruleValues.get(i)),
                                i > 0));
            }
            return new BarChart(
                    LEFT,
                    plotRight,
                    plotBottom,
                    List.copyOf(bars),
                    List.copyOf(ticks),
                    List.copyOf(labels),
                    List.copyOf(rules));
        }

        /** The highest bar or line, or {@link #atLeast}. */
        private double highest() {
            double max = atLeast;
            for (List<Double> row : values) {
                double sum = 0;
                for (Double v : row) {
                    if (v != null && v > 0) {
                        sum = stacked ? sum + v : Math.max(sum, v);
                    }
                }
                max = Math.max(max, sum);
            }
            for (double v : ruleValues) {
                max = Math.max(max, v);
            }
            return max;
        }

        /**
         * A round step giving about five ticks up to max: one of {@link #steps}, beyond them a
         * multiple of the last; else 1, 2 or 5 times a power of ten.
         */
        private double step(double max) {
            double raw = max / 5;
            if (steps != null) {
                for (double step : steps) {
                    if (step >= raw) {
                        return step;
                    }
                }
                double last = steps[steps.length - 1];
                return Math.ceil(raw / last) * last;
            }
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double normal = raw / magnitude;
            double step = (normal <= 1 ? 1 : normal <= 2 ? 2 : normal <= 5 ? 5 : 10) * magnitude;
            return whole ? Math.max(1, Math.round(step)) : step;
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
