package dev.wrapup.bot.config;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads single environment variables and words what is wrong with them. */
record EnvReader(Map<String, String> env) {
    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,}");
    private static final Pattern USERGROUP_ID = Pattern.compile("S[A-Z0-9]{2,}");

    Optional<String> optional(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    String required(String name, String what) {
        return optional(name).orElseThrow(() -> missing(name, what));
    }

    ConfigException missing(String name, String what) {
        return new ConfigException(
                name
                        + " is not set. Wrapup needs "
                        + what
                        + ". Set it in the "
                        + "environment and start Wrapup again; docs/configuration.md lists every setting.");
    }

    ConfigException malformed(String name, String why) {
        return new ConfigException(
                name
                        + " is set to a value Wrapup cannot use: "
                        + why
                        + ". Fix it in the environment and start Wrapup again; docs/configuration.md lists every setting.");
    }

    int integer(String name, int fallback, int min, int max) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n < min || n > max) {
                throw malformed(
                        name, "'" + value.get() + "' is not between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw malformed(name, "'" + value.get() + "' is not a whole number");
        }
    }

    Duration duration(String name, Duration fallback) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(value.get());
            if (d.isNegative()) {
                throw malformed(name, "'" + value.get() + "' is negative");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw malformed(
                    name,
                    "'" + value.get() + "' is not an ISO-8601 duration such as PT24H or PT30M");
        }
    }

    void url(String name, String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null
                    || !uri.getScheme().startsWith("http")
                    || uri.getHost() == null) {
                throw malformed(name, "'" + value + "' is not an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            throw malformed(name, "'" + value + "' is not an http(s) URL");
        }
    }

    void matches(String name, String value, Pattern pattern, String expected) {
        if (!pattern.matcher(value).matches()) {
            throw malformed(name, "'" + value + "' is not " + expected);
        }
    }

    List<String> admins(String name) {
        List<String> ids = new ArrayList<>();
        for (String id : optional(name).map(v -> v.split(",")).orElse(new String[0])) {
            String trimmed = id.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!USER_ID.matcher(trimmed).matches() && !USERGROUP_ID.matcher(trimmed).matches()) {
                throw malformed(
                        name,
                        "'"
                                + trimmed
                                + "' is neither a user id (U0123ABCD) nor a user group id "
                                + "(S0123ABCD); list them separated by commas");
            }
            ids.add(trimmed);
        }
        return List.copyOf(ids);
    }

    Map<String, String> roleGroups(String name) {
        Map<String, String> groups = new LinkedHashMap<>();
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return groups;
        }
        for (String pair : value.get().split(",")) {
            String[] parts = pair.trim().split("=", 2);
            if (parts.length != 2
                    || parts[0].isBlank()
                    || !USERGROUP_ID.matcher(parts[1].trim()).matches()) {
                throw malformed(
                        name,
                        "'"
                                + pair.trim()
                                + "' is not role=usergroup-id, as in "
                                + "frontend=S0123ABCD,backend=S0456EFGH");
            }
            groups.put(parts[0].trim(), parts[1].trim());
        }
        return groups;
    }
}
