package dev.wrapup.domain.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OrdinalsTest {
    @ParameterizedTest
    @CsvSource({
        "1, 1st",
        "2, 2nd",
        "3, 3rd",
        "4, 4th",
        "10, 10th",
        "11, 11th",
        "12, 12th",
        "13, 13th",
        "21, 21st",
        "22, 22nd",
        "23, 23rd",
        "101, 101st",
        "111, 111th",
        "112, 112th"
    })
    void figuresWithTheirEnglishEnding(int n, String ordinal) {
        assertEquals(ordinal, Ordinals.of(n));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void countsFromOne(int n) {
        assertThrows(IllegalArgumentException.class, () -> Ordinals.of(n));
    }
}
