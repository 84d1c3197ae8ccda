package dev.wrapup.domain.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wrapup.domain.Participant;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class NamesTest {
    @Test
    void mentionsOfUnknownPeopleKeepTheNameSlackGave() {
        assertEquals("@cy and @U9", Names.mentions("<@U3|cy> and <@U9>", id -> id));
    }

    @Test
    void namesAreTheDisplayNamesAsTheyAreWithTheIdWhenUnknown() {
        Function<String, String> name =
                Names.of(
                        List.of(
                                new Participant(
                                        "U1", "Ann *the* boss", "UTC", "declared", Instant.EPOCH),
                                new Participant("U2", null, "UTC", "posted", Instant.EPOCH)));
        assertEquals("Ann *the* boss", name.apply("U1"));
        assertEquals("U2", name.apply("U2"));
        assertEquals("not set", name.apply(null));
    }
}
