package dev.wrapup.bot.demo;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wrapup.bot.slack.shapes.Events;
import dev.wrapup.bot.slack.shapes.FormBody;
import dev.wrapup.bot.slack.shapes.RequestSignature;
import dev.wrapup.bot.wrapup.CommentModal;
import dev.wrapup.domain.AgendaItem;
import dev.wrapup.domain.Incident;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.Incidents;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo's incident, from the first alert to the published wrap-up: what the people do is sent to
 * the bot as Slack sends it (signed events, slash commands, button clicks, form submissions).
 *
 * <p>The story: checkout fails on one of four hosts, because the host was rebuilt and the manual
 * migration that writes its database config never ran there.
 */
final class Story {
    static final SlackStandIn.Person ALICE =
            new SlackStandIn.Person("U0ALICE", "Alice Novak", "Europe/Berlin", 3600, false);
    static final SlackStandIn.Person BOB =
            new SlackStandIn.Person("U0BOB", "Bob Okafor", "America/Los_Angeles", -28800, false);
    static final SlackStandIn.Person PRIYA =
            new SlackStandIn.Person("U0PRIYA", "Priya Raman", "Asia/Kolkata", 19800, false);
    static final SlackStandIn.Person SAM =
            new SlackStandIn.Person("U0SAM", "Sam Lindqvist", "Europe/London", 0, false);
    static final String GENERAL = "C0GENERAL";
    static final String LEARNINGS = "C0LEARNINGS";
    private static final String MONITORING_BOT = "B0GRAFANA";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final AtomicInteger eventIds = new AtomicInteger();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SlackStandIn slack;
    private final Transcript transcript;
    private final String signingSecret;
    private final URI endpoint;
    private final Database database;
    private String channel;

    Story(
            SlackStandIn slack,
            Transcript transcript,
            String signingSecret,
            String botUrl,
            Database database) {
        this.slack = slack;
        this.transcript = transcript;
        this.signingSecret = signingSecret;
        this.endpoint = URI.create(botUrl + "/slack/events");
        this.database = database;
    }

    /** The people, the channels and the monitoring bot, before anything happens. */
    static void cast(SlackStandIn slack) {
        for (SlackStandIn.Person p : List.of(ALICE, BOB, PRIYA, SAM)) {
            slack.addPerson(p);
        }
        slack.addPerson(
                new SlackStandIn.Person(MONITORING_BOT, "Grafana Alerting", "UTC", 0, true));
        List<String> everyone =
                List.of(ALICE.id(), BOB.id(), PRIYA.id(), SAM.id(), SlackStandIn.BOT_USER_ID);
        slack.addChannel(GENERAL, "general", everyone);
        slack.addChannel(LEARNINGS, "learnings", everyone);
    }

    /** Plays the story to its end; returns the incident. */
    Incident play() {
        transcript.narrate(
                "Checkout errors page Alice, the on-call commander; she declares an incident.");
        command(ALICE, GENERAL, "/incident", "declare sev2 Checkout failing on app-03");
        SlackStandIn.Call created = slack.await("conversations.create", c -> true, WAIT);
        channel = slack.channelId(created.param("name"));
        slack.await("pins.add", c -> channel.equals(c.param("channel")), WAIT);
        slack.settle();

        transcript.narrate("Bob, Priya and Sam join; the monitoring bot and the people talk.");
        for (SlackStandIn.Person p : List.of(BOB, PRIYA, SAM)) {
            slack.join(channel, p.id());
            event(memberJoined(p));
        }
        alert(
                "[FIRING:1] CheckoutErrorRate",
                "checkout-api 5xx rate 24% on app-03 (threshold 2%) for 5m");
        say(
                SAM,
                "Support here: 14 tickets in 10 minutes, customers see \"payment could not be"
                        + " processed\" at checkout");
        String oneHost = say(BOB, "Only app-03 is failing, the others are fine");
        String logs = say(BOB, "app-03 logs: `FileNotFoundException: /etc/checkout/database.yml`");
        reply(
                PRIYA,
                logs,
                "app-03 was rebuilt on Monday. database.yml is written by the 2.14 migration,"
                        + " which is still a manual step: I bet it never ran there");
        edit(
                BOB,
                oneHost,
                "Only app-03 is failing, the others are fine",
                "Only app-03 is failing (1 of 4 hosts); app-01, -02 and -04 are fine");
        String provider = say(SAM, "Is the payment provider down again?");
        delete(SAM, provider, "Is the payment provider down again?");
        command(ALICE, channel, "/incident", "status identified");
        command(
                ALICE,
                channel,
                "/incident",
                "note database.yml is missing on app-03: the manual 2.14 migration never ran there");
        say(PRIYA, "Ran the 2.14 migration on app-03: database.yml is there, checkout restarted");
        alert("[RESOLVED] CheckoutErrorRate", "checkout-api 5xx rate 0.1% on app-03");
        command(
                ALICE,
                channel,
                "/incident",
                "resolve Ran the missing 2.14 migration on app-03; checkout is healthy again");
        slack.await(
                "chat.postMessage",
                c ->
                        channel.equals(c.param("channel"))
                                && (c.param("text") + c.param("blocks")).contains("Analysis call"),
                WAIT);
        slack.settle();

        transcript.narrate(
                "The analysis call is due 10 seconds after the resolve (WRAPUP_ANALYSIS_DELAY=PT10S,"
                        + " instead of 24 hours). Waiting for it…");
        slack.await(
                "chat.postMessage",
                c -> channel.equals(c.param("channel")) && c.param("text").contains("starts now"),
                Duration.ofSeconds(40));
        slack.settle();
        Incident incident = new Incidents(database).findByChannel(channel).orElseThrow();

        transcript.narrate("Everyone gives a comment; Priya uses the form from her DM.");
        command(
                ALICE,
                channel,
                "/wrapup",
                "well The alert fired within two minutes and support linked the tickets right away");
        command(
                BOB,
                channel,
                "/wrapup",
                "wrong Nothing checks that a rebuilt host has every config file, and the error said"
                        + " only \"payment could not be processed\"");
        command(
                SAM,
                channel,
                "/wrapup",
                "wrong Human error: whoever rebuilt app-03 should have known about the migration");
        slack.await("chat.postEphemeral", c -> SAM.id().equals(c.param("user")), WAIT);
        command(
                SAM,
                channel,
                "/wrapup",
                "better Tell support which hosts are affected, so we can answer customers");
        commentThroughTheForm(incident);
        slack.settle();

        transcript.narrate("Alice records an action item and publishes the wrap-up.");
        LocalDate due = LocalDate.now(ZoneOffset.UTC).plusDays(14);
        command(
                ALICE,
                channel,
                "/wrapup",
                "action guardrail <@"
                        + PRIYA.id()
                        + "> Write database.yml when a host is provisioned, and refuse to start"
                        + " checkout without it due "
                        + due);
        command(ALICE, channel, "/wrapup", "publish");
        slack.await(
                "files.completeUploadExternal", c -> LEARNINGS.equals(c.param("channel_id")), WAIT);
        slack.settle();
        return new Incidents(database).find(incident.id()).orElseThrow();
    }

    /** Priya clicks "Give my comment" in her DM, and sends the form it opens. */
    private void commentThroughTheForm(Incident incident) {
        JsonObject click =
                SlackStandIn.WORKSPACE.buttonClick(
                        PRIYA.id(),
                        userName(PRIYA),
                        "1.demo." + UUID.randomUUID(),
                        CommentModal.OPEN_ACTION,
                        "open",
                        Long.toString(incident.id()),
                        slack.nextTs());
        transcript.saw("DM to " + PRIYA.name(), PRIYA.name(), "clicks [Give my comment]");
        post(FormBody.payload(click), "application/x-www-form-urlencoded");
        SlackStandIn.Call open =
                slack.await(
                        "views.open",
                        c -> c.param("view").contains(CommentModal.CALLBACK_ID),
                        WAIT);
        Map<AgendaItem, String> answers = new LinkedHashMap<>();
        answers.put(AgendaItem.WELL, "Bob's log line pointed straight at the missing file");
        answers.put(
                AgendaItem.WRONG,
                "The 2.14 migration lives in a wiki page, so a rebuilt host does not get it");
        answers.put(AgendaItem.BETTER, "Make every manual migration step part of provisioning");
        JsonObject values = new JsonObject();
        StringBuilder typed = new StringBuilder("sends the form:");
        for (AgendaItem item : AgendaItem.values()) {
            JsonObject input = new JsonObject();
            input.addProperty("type", "plain_text_input");
            if (answers.containsKey(item)) {
                input.addProperty("value", answers.get(item));
                typed.append("\n  ").append(item.question()).append(": ").append(answers.get(item));
            } else {
                input.add("value", JsonNull.INSTANCE);
            }
            JsonObject block = new JsonObject();
            block.add(item.word(), input);
            values.add(item.word(), block);
        }
        JsonObject state = new JsonObject();
        state.add("values", values);
        JsonObject view = JsonParser.parseString(open.param("view")).getAsJsonObject();
        view.addProperty("id", "V0DEMO");
        view.add("state", state);
        JsonObject submission =
                SlackStandIn.WORKSPACE.interaction("view_submission", PRIYA.id(), userName(PRIYA));
        submission.add("view", view);
        transcript.saw(
                "Modal: " + view.getAsJsonObject("title").get("text").getAsString(),
                PRIYA.name(),
                typed.toString());
        HttpResponse<String> sent =
                post(FormBody.payload(submission), "application/x-www-form-urlencoded");
        if (sent.body().contains("errors")) {
            throw new IllegalStateException("the comment form was refused: " + sent.body());
        }
    }

    private String say(SlackStandIn.Person who, String text) {
        String ts = slack.nextTs();
        transcript.saw(slack.where(channel) + " (everyone)", who.name(), text);
        event(message(who, text, ts));
        return ts;
    }

    private void reply(SlackStandIn.Person who, String parentTs, String text) {
        String ts = slack.nextTs();
        transcript.saw(slack.where(channel) + " (everyone), in a thread", who.name(), text);
        JsonObject e = message(who, text, ts);
        e.addProperty("thread_ts", parentTs);
        e.addProperty("parent_user_id", BOB.id());
        event(e);
    }

    private void edit(SlackStandIn.Person who, String ts, String before, String after) {
        transcript.saw(slack.where(channel) + " (everyone)", who.name(), "(edited) " + after);
        String eventTs = slack.nextTs();
        event(Events.messageChanged(channel, who.id(), ts, before, after, slack.nextTs(), eventTs));
    }

    private void delete(SlackStandIn.Person who, String ts, String text) {
        transcript.saw(
                slack.where(channel) + " (everyone)",
                who.name(),
                "(deleted the message \"" + text + "\")");
        event(Events.messageDeleted(channel, who.id(), ts, text, slack.nextTs()));
    }

    private void alert(String title, String text) {
        String ts = slack.nextTs();
        transcript.saw(
                slack.where(channel) + " (everyone)",
                "Grafana Alerting (bot)",
                title + ": " + text);
        String color = title.contains("RESOLVED") ? "good" : "danger";
        event(
                Events.botMessage(
                        channel,
                        MONITORING_BOT,
                        "Grafana Alerting",
                        title,
                        ts,
                        Events.attachment(title, text, color)));
    }

    private JsonObject message(SlackStandIn.Person who, String text, String ts) {
        return SlackStandIn.WORKSPACE.message(channel, who.id(), text, ts);
    }

    private JsonObject memberJoined(SlackStandIn.Person who) {
        transcript.saw(slack.where(channel) + " (everyone)", who.name(), "(joined the channel)");
        return SlackStandIn.WORKSPACE.memberJoined(channel, who.id(), null);
    }

    private void event(JsonObject event) {
        String eventId = "Ev" + String.format("%08d", eventIds.incrementAndGet());
        post(
                SlackStandIn.WORKSPACE.eventCallback(event, eventId, Instant.now()).toString(),
                "application/json");
    }

    private void command(SlackStandIn.Person who, String channelId, String command, String text) {
        transcript.saw(who.name() + " (only you)", who.name(), command + " " + text);
        String body =
                SlackStandIn.WORKSPACE.slashCommand(
                        command,
                        text,
                        who.id(),
                        userName(who),
                        channelId,
                        slack.where(channelId).substring(1),
                        "https://hooks.demo.invalid/commands/" + UUID.randomUUID(),
                        "1.demo." + UUID.randomUUID());
        HttpResponse<String> answer = post(body, "application/x-www-form-urlencoded");
        if (!answer.body().isBlank()) {
            JsonObject json = JsonParser.parseString(answer.body()).getAsJsonObject();
            if (json.has("text")) {
                transcript.answered(who.name() + " (only you)", json.get("text").getAsString());
            }
        }
        slack.settle();
    }

    /** The name Slack gives a person in user_name and username: "Alice Novak" is alice.novak. */
    private static String userName(SlackStandIn.Person who) {
        return who.name().toLowerCase().replace(' ', '.');
    }

    /** Posts to the bot as Slack does, signed with the signing secret; a refusal ends the story. */
    private HttpResponse<String> post(String body, String contentType) {
        HttpRequest request =
                RequestSignature.post(
                                endpoint,
                                signingSecret,
                                RequestSignature.timestamp(Instant.now()),
                                body,
                                contentType)
                        .timeout(Duration.ofSeconds(30))
                        .build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "the bot answered " + response.statusCode() + ": " + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException("the bot could not be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
