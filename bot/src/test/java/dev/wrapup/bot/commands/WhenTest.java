package dev.wrapup.bot.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wrapup.bot.commands.SlashCommand.BadArguments;
import dev.wrapup.domain.input.InputRefused;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WhenTest {
    @Test
    void whenTakesADateTimeAndAnOptionalZoneAndOtherwiseShowsTheUsage() throws Exception {
        assertEquals(
                new When(LocalDateTime.of(2027, 1, 5, 10, 0), Optional.of(ZoneId.of("Asia/Tokyo"))),
                When.parse("2027-01-05 10:00 Asia/Tokyo", "/wrapup schedule"));
        assertEquals(Optional.empty(), When.parse("2027-01-05 10:00", "/wrapup schedule").zone());
        BadArguments shape =
                assertThrows(BadArguments.class, () -> When.parse("tomorrow", "/wrapup schedule"));
        assertEquals(
                "Give the date and time as `/wrapup schedule <yyyy-mm-dd HH:mm> [Area/City]`.",
                shape.getMessage(),
                "a wrong shape gets the usage too");
        assertThrows(
                InputRefused.class,
                () -> When.parse("2027-02-29 10:00", "/wrapup schedule"),
                "a date that does not exist is refused in one line");
    }
}
