package dev.wrapup.domain.text;

/** English ordinal numbers as figures: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st. */
public final class Ordinals {
    private Ordinals() {}

    public static String of(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("an ordinal counts from 1: " + n);
        }
        int lastTwo = n % 100;
        String suffix =
                lastTwo >= 11 && lastTwo <= 13
                        ? "th"
                        : switch (n % 10) {
                            case 1 -> "st";
                            case 2 -> "nd";
                            case 3 -> "rd";
                            default -> "th";
                        };
        return n + suffix;
    }
}
