package dev.wrapup.bot.config;

import dev.wrapup.persistence.DatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything Wrapup reads from its environment, read and checked in one place.
 *
 * @param botToken SLACK_BOT_TOKEN
 * @param signingSecret SLACK_SIGNING_SECRET (HTTP mode)
 * @param appToken SLACK_APP_TOKEN: when present, Socket Mode is used
 * @param slackApiUrl SLACK_API_URL, always ending in '/'
 * @param port PORT
 * @param database WRAPUP_DB_URL, WRAPUP_DB_USER, WRAPUP_DB_PASSWORD
 * @param analysisDelay WRAPUP_ANALYSIS_DELAY
 * @param workingHours WRAPUP_WORKING_HOURS, kept as text until the scheduler parses it
 * @param videoUrl WRAPUP_VIDEO_URL template
 * @param learningsChannel WRAPUP_LEARNINGS_CHANNEL
 * @param announceChannel WRAPUP_ANNOUNCE_CHANNEL
 * @param publicUrl WRAPUP_PUBLIC_URL, never ending in '/'
 * @param roleGroups WRAPUP_ROLE_GROUPS, role name to user group id, in the order given
 * @param channelPrefix WRAPUP_CHANNEL_PREFIX
 * @param highlightReaction WRAPUP_HIGHLIGHT_REACTION, without colons
 * @param importWindow WRAPUP_IMPORT_WINDOW: how far back `declare here` imports
 * @param slotAlignment WRAPUP_SLOT_ALIGNMENT: analysis calls start on multiples of this (UTC)
 * @param openingWordsFile WRAPUP_OPENING_WORDS_FILE: the facilitator's opening words, if not the
 *     shipped ones
 * @param reminderDelay WRAPUP_REMINDER_DELAY: after the call starts, when the missing comments are
 *     chased
 * @param headsUp WRAPUP_HEADS_UP: how long before a maintenance window its heads-up is posted
 * @param admins WRAPUP_ADMINS: user ids and user group ids whose members may do everything
 * @param signIn SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, WRAPUP_SLACK_AUTHORIZE_URL: Sign in with
 *     Slack for the web pages; without it the pages are off
 * @param indexDir WRAPUP_INDEX_DIR: the folder of the search index of past incidents ("Seen
 *     before"); by default {@code index} beside an H2 file, else {@code ./data/index}
 * @param metricsToken WRAPUP_METRICS_TOKEN: when set, /metrics answers only requests that carry it
 *     as a bearer token
 *     <p>WRAPUP_LOG_FORMAT is checked here too ({@link #logFormat}), though logback reads it.
 */
public record Config(
        String botToken,
        Optional<String> signingSecret,
        Optional<String> appToken,
        String slackApiUrl,
        int port,
        DatabaseSettings database,
        Duration analysisDelay,
        String workingHours,
        Optional<String> videoUrl,
        Optional<String> learningsChannel,
        Optional<String> announceChannel,
        String publicUrl,
        Map<String, String> roleGroups,
        String channelPrefix,
        String highlightReaction,
        Duration importWindow,
        Duration slotAlignment,
        Optional<Path> openingWordsFile,
        Duration reminderDelay,
        Duration headsUp,
        List<String> admins,
        Optional<SignIn> signIn,
        Path indexDir,
        Optional<String> metricsToken) {

    public static final String DEFAULT_SLACK_API_URL = "https://slack.com/api/";
    private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{2,}");
    private static final int SHORTEST_METRICS_TOKEN = 16;

    /** With PORT=0 the port is chosen at start; the default public URL then names the real one. */
    public Config withBoundPort(int boundPort) {
        if (port != 0 || !publicUrl.equals("http://localhost:0")) {
            return this;
        }
        return new Config(
                botToken,
                signingSecret,
                appToken,
                slackApiUrl,
                boundPort,
                database,
                analysisDelay,
                workingHours,
                videoUrl,
                learningsChannel,
                announceChannel,
                "http://localhost:" + boundPort,
                roleGroups,
                channelPrefix,
                highlightReaction,
                importWindow,
                slotAlignment,
                openingWordsFile,
                reminderDelay,
                headsUp,
                admins,
                signIn.map(s -> s.at("http://localhost:" + boundPort)),
                indexDir,
                metricsToken);
    }

    public boolean socketMode() {
        return appToken.isPresent();
    }

    /** Only the database settings: what `migrate` and `export` need, without any Slack token. */
    public static DatabaseSettings databaseFrom(Map<String, String> env) {
        EnvReader r = new EnvReader(env);
        DatabaseSettings database =
                r.optional("WRAPUP_DB_URL")
                        .map(
                                url ->
                                        new DatabaseSettings(
                                                url,
                                                r.optional("WRAPUP_DB_USER").orElse(null),
                                                r.optional("WRAPUP_DB_PASSWORD").orElse(null)))
                        .orElseGet(() -> DatabaseSettings.h2File(Path.of("data")));
        try {
            database.vendor();
        } catch (IllegalArgumentException e) {
            throw r.malformed("WRAPUP_DB_URL", e.getMessage());
        }
        return database;
    }

    /**
     * WRAPUP_LOG_FORMAT, {@code text} (the default) or {@code json}: logback reads it itself at
     * start (logback.xml); checked here so that any other value stops Wrapup with a clear message.
     */
    public static String logFormat(Map<String, String> env) {
        EnvReader r = new EnvReader(env);
        String format = r.optional("WRAPUP_LOG_FORMAT").orElse("text");
        r.matches(
                "WRAPUP_LOG_FORMAT",
                format,
                Pattern.compile("text|json"),
                "text (lines for people, the default) or json (one JSON object per line)");
        return format;
    }

    /** Reads and checks the environment; the first problem found is explained in the exception. */
    public static Config from(Map<String, String> env) {
        EnvReader r = new EnvReader(env);
        logFormat(env);
        String botToken =
                r.required(
                        "SLACK_BOT_TOKEN",
                        "the bot token from your Slack app's \"OAuth & Permissions\" page (it starts with xoxb-)");
        if (!botToken.startsWith("xoxb-")) {
            throw r.malformed(
                    "SLACK_BOT_TOKEN",
                    "a bot token starts with xoxb-; copy the \"Bot User OAuth Token\" "
                            + "from your Slack app's \"OAuth & Permissions\" page");
        }
        Optional<String> appToken = r.optional("SLACK_APP_TOKEN");
        if (appToken.isPresent() && !appToken.get().startsWith("xapp-")) {
            throw r.malformed(
                    "SLACK_APP_TOKEN",
                    "an app-level token starts with xapp-; create one with the "
                            + "connections:write scope under \"Basic Information → App-Level Tokens\", or unset "
                            + "SLACK_APP_TOKEN to receive requests over HTTP");
        }
        Optional<String> signingSecret = r.optional("SLACK_SIGNING_SECRET");
        if (appToken.isEmpty() && signingSecret.isEmpty()) {
            throw r.missing(
                    "SLACK_SIGNING_SECRET",
                    "the signing secret from your Slack app's \"Basic Information\" "
                            + "page, so that requests to /slack/events can be checked (or set SLACK_APP_TOKEN to use "
                            + "Socket Mode instead of HTTP)");
        }
        String apiUrl = r.optional("SLACK_API_URL").orElse(DEFAULT_SLACK_API_URL);
        r.url("SLACK_API_URL", apiUrl);
        if (!apiUrl.endsWith("/")) {
            apiUrl = apiUrl + "/";
        }
        int port = r.integer("PORT", 3000, 0, 65535);
        DatabaseSettings database = databaseFrom(env);
        Duration delay = r.duration("WRAPUP_ANALYSIS_DELAY", Duration.ofHours(24));
        String workingHours = r.optional("WRAPUP_WORKING_HOURS").orElse("MON-FRI 09:00-17:00");
        Optional<String> videoUrl = r.optional("WRAPUP_VIDEO_URL");
        Optional<String> learnings = r.optional("WRAPUP_LEARNINGS_CHANNEL");
        learnings.ifPresent(
                id ->
                        r.matches(
                                "WRAPUP_LEARNINGS_CHANNEL",
                                id,
                                CHANNEL_ID,
                                "a channel id such as C0123ABCD (in Slack: channel details → About → Channel ID)"));
        Optional<String> announce = r.optional("WRAPUP_ANNOUNCE_CHANNEL");
        announce.ifPresent(
                id ->
                        r.matches(
                                "WRAPUP_ANNOUNCE_CHANNEL",
                                id,
                                CHANNEL_ID,
                                "a channel id such as C0123ABCD (in Slack: channel details → About → Channel ID)"));
        String publicUrl = r.optional("WRAPUP_PUBLIC_URL").orElse("http://localhost:" + port);
        r.url("WRAPUP_PUBLIC_URL", publicUrl);
        while (publicUrl.endsWith("/")) {
            publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
        }
        Map<String, String> roleGroups = r.roleGroups("WRAPUP_ROLE_GROUPS");
        String prefix = r.optional("WRAPUP_CHANNEL_PREFIX").orElse("inc-");
        r.matches(
                "WRAPUP_CHANNEL_PREFIX",
                prefix,
                Pattern.compile("[a-z0-9_-]{1,20}"),
                "lower-case letters, digits, '-' and '_', at most 20 characters (Slack channel name rules)");
        String reaction =
                r.optional("WRAPUP_HIGHLIGHT_REACTION").orElse("pushpin").replace(":", "");
        Duration importWindow = r.duration("WRAPUP_IMPORT_WINDOW", Duration.ofMinutes(60));
        Duration alignment = r.duration("WRAPUP_SLOT_ALIGNMENT", Duration.ofMinutes(30));
        if (alignment.isZero()) {
            throw r.malformed("WRAPUP_SLOT_ALIGNMENT", "it must be longer than zero, e.g. PT30M");
        }
        Optional<Path> openingWords = r.optional("WRAPUP_OPENING_WORDS_FILE").map(Path::of);
        if (openingWords.isPresent() && !Files.isReadable(openingWords.get())) {
            throw r.malformed(
                    "WRAPUP_OPENING_WORDS_FILE",
                    "'" + openingWords.get() + "' is not a readable file");
        }
        Duration reminderDelay = r.duration("WRAPUP_REMINDER_DELAY", Duration.ofHours(2));
        Duration headsUp = r.duration("WRAPUP_HEADS_UP", Duration.ofHours(24));
        List<String> admins = r.admins("WRAPUP_ADMINS");
        Optional<SignIn> signIn = SignIn.from(r, publicUrl);
        Path indexDir =
                r.optional("WRAPUP_INDEX_DIR").map(Path::of).orElseGet(() -> indexDir(database));
        Optional<String> metricsToken = r.optional("WRAPUP_METRICS_TOKEN");
        if (metricsToken.isPresent() && metricsToken.get().length() < SHORTEST_METRICS_TOKEN) {
            throw r.malformed(
                    "WRAPUP_METRICS_TOKEN",
                    "it is shorter than "
                            + SHORTEST_METRICS_TOKEN
                            + " characters, short enough to guess; generate one, e.g. with"
                            + " `openssl rand -hex 32`");
        }
        return new Config(
                botToken,
                signingSecret,
                appToken,
                apiUrl,
                port,
                database,
                delay,
                workingHours,
                videoUrl,
                learnings,
                announce,
                publicUrl,
                roleGroups,
                prefix,
                reaction,
                importWindow,
                alignment,
                openingWords,
                reminderDelay,
                headsUp,
                admins,
                signIn,
                indexDir,
                metricsToken);
    }

    /** Beside an H2 file its folder's {@code index}; else {@code ./data/index}. */
    static Path indexDir(DatabaseSettings database) {
        String prefix = "jdbc:h2:file:";
        String url = database.url();
        if (url.regionMatches(true, 0, prefix, 0, prefix.length())) {
            String file = url.substring(prefix.length()).split(";", 2)[0];
            Path parent = Path.of(file).toAbsolutePath().getParent();
            if (parent != null) {
                return parent.resolve("index");
            }
        }
        return Path.of("data", "index");
    }
}
