package dev.wrapup.bot.slack.shapes;

import com.google.gson.JsonObject;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * application/x-www-form-urlencoded, as Slack posts slash commands and interactions and as the Web
 * API takes its parameters.
 */
public final class FormBody {
    private FormBody() {}

    /** The pairs, encoded and joined with "&amp;", in their order. */
    public static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** The decoded pairs of a body or query string, in their order; a name without "=" is "". */
    public static Map<String, String> parse(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            params.put(
                    decode(eq < 0 ? pair : pair.substring(0, eq)),
                    eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return params;
    }

    /** An interactivity request's body: the payload's JSON in the field "payload". */
    public static String payload(JsonObject payload) {
        return "payload=" + encode(payload.toString());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
