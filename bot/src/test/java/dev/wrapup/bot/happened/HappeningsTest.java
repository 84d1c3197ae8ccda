package dev.wrapup.bot.happened;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wrapup.bot.happened.Happening.CallStarted;
import dev.wrapup.bot.happened.Happening.KeyMomentNoted;
import dev.wrapup.bot.happened.Happening.MessageRecorded;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HappeningsTest {
    private final Happenings happenings = new Happenings();
    private final List<String> heard = new ArrayList<>();

    @Test
    void eachReactionHearsOnlyItsKindInTheOrderAdded() {
        happenings.on(MessageRecorded.class, m -> heard.add("first " + m.text()));
        happenings.on(KeyMomentNoted.class, n -> heard.add("note " + n.text()));
        happenings.on(MessageRecorded.class, m -> heard.add("second " + m.text()));

        happenings.tell(new MessageRecorded(null, "U1", "db is down"));
        happenings.tell(new KeyMomentNoted(null, "U1", "failover"));
        happenings.tell(new CallStarted(null));

        assertEquals(List.of("first db is down", "second db is down", "note failover"), heard);
    }

    @Test
    void aFailingReactionDoesNotKeepTheOthersFromRunning() {
        happenings.on(
                MessageRecorded.class,
                m -> {
                    throw new IllegalStateException("boom");
                });
        happenings.on(MessageRecorded.class, m -> heard.add(m.authorId()));

        happenings.tell(new MessageRecorded(null, "U2", "text"));

        assertEquals(List.of("U2"), heard);
    }
}
