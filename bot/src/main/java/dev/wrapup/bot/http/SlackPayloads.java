package dev.wrapup.bot.http;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a signed body posted to /slack/events is, checked for the fields that Slack always sends and
 * that Bolt and the handlers rely on, before either sees it: a body that is none of Slack's kinds,
 * or lacks what its kind must carry, is malformed.
 */
final class SlackPayloads {
    /** The kinds of request Slack posts to the endpoint. */
    enum Kind {
        EVENT("event"),
        URL_VERIFICATION("URL verification"),
        RATE_LIMITED("events rate-limit notice"),
        COMMAND("slash command"),
        INTERACTION("interaction"),
        SSL_CHECK("SSL check");

        final String label;

        Kind(String label) {
            this.label = label;
        }

        /** A person's action, which Slack never retries: a second delivery of one is a replay. */
        boolean replayable() {
            return this == COMMAND || this == INTERACTION;
        }
    }

    /** Why a body is not a request Wrapup can take; the reason never quotes the body. */
    static final class Malformed extends Exception {
        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final Set<String> INTERACTIONS =
            Set.of(
                    "block_actions",
                    "block_suggestion",
                    "view_submission",
                    "view_closed",
                    "shortcut",
                    "message_action",
                    "interactive_message",
                    "dialog_submission",
                    "dialog_cancellation",
                    "dialog_suggestion",
                    "workflow_step_edit");

    private SlackPayloads() {}

    static Kind classify(String body) throws Malformed {
        String trimmed = body.strip();
        if (trimmed.isEmpty()) {
            throw new Malformed("an empty body");
        }
        if (trimmed.charAt(0) == '{' || trimmed.charAt(0) == '[') {
            return json(parse(trimmed, "a body"));
        }
        Map<String, String> form = form(body);
        if (form.containsKey("payload")) {
            interaction(parse(form.get("payload"), "a payload"));
            return Kind.INTERACTION;
        }
        if (form.containsKey("command")) {
            command(form);
            return Kind.COMMAND;
        }
        if ("1".equals(form.get("ssl_check"))) {
            return Kind.SSL_CHECK;
        }
        throw new Malformed("a form that is neither a command nor an interaction");
    }

    private static Kind json(JsonObject json) throws Malformed {
        String type = string(json, "type");
        if (type == null) {
            throw new Malformed("JSON without a type");
        }
        switch (type) {
            case "event_callback" -> {
                JsonObject event = object(json, "event");
                if (event == null || string(event, "type") == null) {
                    throw new Malformed("an event callback without an event type");
                }
                if (string(json, "event_id") == null) {
                    throw new Malformed("an event callback without an event_id");
                }
                if (teamOfEvent(json) == null) {
                    throw new Malformed("an event callback without a team_id");
                }
                return Kind.EVENT;
            }
            case "url_verification" -> {
                if (string(json, "challenge") == null) {
                    throw new Malformed("a URL verification without a challenge");
                }
                return Kind.URL_VERIFICATION;
            }
            case "app_rate_limited" -> {
                return Kind.RATE_LIMITED;
            }
            default -> throw new Malformed("JSON of a type Slack does not post here");
        }
    }

    private static void interaction(JsonObject payload) throws Malformed {
        String type = string(payload, "type");
        if (type == null || !INTERACTIONS.contains(type)) {
            throw new Malformed("an interaction payload without a known type");
        }
        JsonObject user = object(payload, "user");
        if (user == null || string(user, "id") == null) {
            throw new Malformed("an interaction without a user id");
        }
        JsonObject team = object(payload, "team");
        JsonObject view = object(payload, "view");
        if (string(team, "id") == null
                && string(user, "team_id") == null
                && string(view, "team_id") == null) {
            throw new Malformed("an interaction without a team id");
        }
        switch (type) {
            case "view_submission", "view_closed" -> {
                if (view == null || string(view, "type") == null) {
                    throw new Malformed("a view interaction without a view type");
                }
            }
            case "block_actions" -> {
                JsonElement actions = payload.get("actions");
                if (actions == null
                        || !actions.isJsonArray()
                        || actions.getAsJsonArray().isEmpty()
                        || !allObjects(actions.getAsJsonArray())) {
                    throw new Malformed("a block action without actions");
                }
            }
            case "block_suggestion" -> {
                if (string(payload, "action_id") == null) {
                    throw new Malformed("a block suggestion without an action_id");
                }
            }
            default -> {
                // Wrapup handles none of the others; Bolt answers them as unhandled.
            }
        }
    }

    private static void command(Map<String, String> form) throws Malformed {
        for (String field : new String[] {"command", "user_id", "channel_id", "team_id"}) {
            String value = form.get(field);
            if (value == null || value.isBlank()) {
                throw new Malformed("a slash command without " + field);
            }
        }
        if (!form.get("command").startsWith("/")) {
            throw new Malformed("a slash command whose command does not start with /");
        }
    }

    private static String teamOfEvent(JsonObject json) {
        JsonElement authorizations = json.get("authorizations");
        if (authorizations != null
                && authorizations.isJsonArray()
                && !authorizations.getAsJsonArray().isEmpty()
                && authorizations.getAsJsonArray().get(0).isJsonObject()) {
            return string(authorizations.getAsJsonArray().get(0).getAsJsonObject(), "team_id");
        }
        return string(json, "team_id");
    }

    private static JsonObject parse(String text, String what) throws Malformed {
        JsonElement json;
        try {
            json = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw new Malformed(what + " that is not JSON");
        }
        if (!json.isJsonObject()) {
            throw new Malformed(what + " that is not a JSON object");
        }
        return json.getAsJsonObject();
    }

    /** The form as Slack sends it: every pair is name=value, URL-encoded, each name once. */
    private static Map<String, String> form(String body) throws Malformed {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || pair.indexOf('=', eq + 1) >= 0) {
                throw new Malformed("a body that is neither JSON nor a form");
            }
            try {
                String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (form.put(name, value) != null) {
                    throw new Malformed("a form with a field given twice");
                }
            } catch (IllegalArgumentException e) {
                throw new Malformed("a form with a broken %-escape");
            }
        }
        return form;
    }

    private static boolean allObjects(JsonArray array) {
        for (JsonElement e : array) {
            if (!e.isJsonObject()) {
                return false;
            }
        }
        return true;
    }

    private static String string(JsonObject o, String name) {
        if (o == null) {
            return null;
        }
        JsonElement e = o.get(name);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    private static JsonObject object(JsonObject o, String name) {
        if (o == null) {
            return null;
        }
        JsonElement e = o.get(name);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }
}
