package dev.wrapup.bot.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import dev.wrapup.domain.Incident;
import dev.wrapup.domain.TimelineEntry;
import dev.wrapup.persistence.Incidents;
import dev.wrapup.persistence.Outbox;
import dev.wrapup.persistence.Participants;
import dev.wrapup.persistence.Timeline;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** An end-to-end test: a fresh bot on a fresh H2 file, a fake Slack, and helpers to drive them. */
public abstract class BotTest {
    public static final String ALICE = "U0ALICE";
    public static final String BOB = "U0BOB";
    public static final String CAROL = "U0CAROL";
    public static final String GENERAL = "C0GENERAL";

    @TempDir protected Path dataDir;
    protected FakeSlack fake;
    protected TestBot bot;

    /**
     * The bot's clock, kept across restarts; move it forward and run what is due with {@link
     * TestBot#advance}.
     */
    protected final MovableClock clock = new MovableClock();

    /** Extra environment for the bot under test. */
    protected Map<String, String> env() {
        return Map.of();
    }

    @BeforeEach
    void startBot() throws Exception {
        fake = new FakeSlack(clock);
        fake.addUser(ALICE, "Alice", "Europe/Berlin", 3600);
        fake.addUser(BOB, "Bob", "America/Los_Angeles", -28800);
        fake.addUser(CAROL, "Carol", "Pacific/Auckland", 46800);
        fake.addChannel(GENERAL, "general", false, ALICE, BOB, CAROL, FakeSlack.BOT_USER_ID);
        Map<String, String> env = TestBot.env(fake, dataDir);
        env.putAll(env());
        bot = TestBot.start(env, clock);
    }

    /** Starts the bot again on the same database and fake Slack, as after a deploy or a crash. */
    protected void restart(Map<String, String> env) {
        try {
            bot = TestBot.start(env, clock);
        } catch (Exception e) {
            throw new AssertionError("restart failed", e);
        }
    }

    /** Stops the bot and starts it again with some settings changed. */
    protected void restartWith(Map<String, String> overrides) {
        bot.close();
        Map<String, String> env = TestBot.env(fake, dataDir);
        env.putAll(env());
        env.putAll(overrides);
        restart(env);
    }

    @AfterEach
    void stopBot() throws Exception {
        if (bot != null) {
            bot.close();
        }
        fake.close();
    }

    protected String command(String command, String text, String user, String channel) {
        HttpResponse<String> response = bot.slack().command(command, text, user, channel);
        assertEquals(200, response.statusCode(), response.body());
        return SlackRequests.text(response);
    }

    protected void event(JsonObject event) {
        HttpResponse<String> response = bot.slack().event(event);
        assertEquals(200, response.statusCode(), response.body());
    }

    /**
     * The user joins the channel (as Slack tells it), which makes them a participant of its
     * incident.
     */
    protected void joins(String channel, String user) {
        event(SlackEvents.memberJoined(channel, user, null));
        Poll.until(
                user + " to be a participant",
                () ->
                        incidents()
                                .findByChannel(channel)
                                .map(i -> participants().isParticipant(i.id(), user))
                                .orElse(false));
    }

    protected Incidents incidents() {
        return new Incidents(bot.wrapup().database());
    }

    protected Timeline timeline() {
        return new Timeline(bot.wrapup().database());
    }

    protected Participants participants() {
        return new Participants(bot.wrapup().database());
    }

    /** Waits until every message queued for Slack so far is posted or given up. */
    protected void outboxDrained() {
        Outbox outbox = new Outbox(bot.wrapup().database());
        Poll.until("the Slack outbox to be drained", () -> outbox.next().isEmpty());
    }

    /** Declares an incident in an existing channel and waits until its header is pinned. */
    protected Incident declareHere(String channel, String title) {
        if (!fake.hasChannel(channel)) {
            fake.addChannel(
                    channel,
                    "ops-" + channel.toLowerCase(),
                    channel.startsWith("G"),
                    ALICE,
                    BOB,
                    FakeSlack.BOT_USER_ID);
        }
        String answer = command("/incident", "declare here sev2 " + title, ALICE, channel);
        if (!answer.contains("now the incident channel")) {
            throw new AssertionError(answer);
        }
        fake.await("pins.add", c -> channel.equals(c.param("channel")));
        return incidents().findByChannel(channel).orElseThrow();
    }

    protected List<TimelineEntry> entries(Incident incident) {
        return timeline().entries(incident.id());
    }

    protected TimelineEntry entry(String channel, String ts) {
        return Poll.value(
                "entry " + channel + "/" + ts,
                () -> timeline().find(channel, ts).orElse(null),
                e -> e != null,
                Duration.ofSeconds(5));
    }
}
