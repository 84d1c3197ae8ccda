package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.bot.config.Config;
import dev.wrapup.bot.config.ConfigException;
import dev.wrapup.bot.config.SignIn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", "xoxb-1");
        env.put("SLACK_SIGNING_SECRET", "s");
        return env;
    }

    @Test
    void defaultsFollowTheSpec() {
        Config config = Config.from(minimal());
        assertEquals("https://slack.com/api/", config.slackApiUrl());
        assertEquals(3000, config.port());
        assertEquals(Duration.ofHours(24), config.analysisDelay());
        assertEquals("MON-FRI 09:00-17:00", config.workingHours());
        assertEquals("http://localhost:3000", config.publicUrl());
        assertEquals("inc-", config.channelPrefix());
        assertTrue(config.database().url().contains("WRITE_DELAY=0"), config.database().url());
        assertFalse(config.socketMode());
        assertEquals(Path.of("data", "index").toAbsolutePath(), config.indexDir());
    }

    @Test
    void theSearchIndexLivesBesideAnH2FileOrWhereItIsTold() {
        Map<String, String> env = new HashMap<>(minimal());
        env.put("WRAPUP_DB_URL", "jdbc:h2:file:/srv/wrapup/db/wrapup;WRITE_DELAY=0");
        assertEquals(Path.of("/srv/wrapup/db/index"), Config.from(env).indexDir());
        env.put("WRAPUP_DB_URL", "jdbc:postgresql://db/wrapup");
        assertEquals(Path.of("data", "index"), Config.from(env).indexDir());
        env.put("WRAPUP_INDEX_DIR", "/var/lib/wrapup-index");
        assertEquals(Path.of("/var/lib/wrapup-index"), Config.from(env).indexDir());
    }

    @Test
    void missingBotTokenIsNamedWithWhatToDo() {
        ConfigException e = assertThrows(ConfigException.class, () -> Config.from(Map.of()));
        assertTrue(e.getMessage().startsWith("SLACK_BOT_TOKEN is not set"), e.getMessage());
        assertTrue(e.getMessage().contains("OAuth & Permissions"), e.getMessage());
    }

    @Test
    void signingSecretIsNeededOnlyOverHttp() {
        Map<String, String> env = minimal();
        env.remove("SLACK_SIGNING_SECRET");
        assertTrue(
                assertThrows(ConfigException.class, () -> Config.from(env))
                        .getMessage()
                        .startsWith("SLACK_SIGNING_SECRET is not set"));
        env.put("SLACK_APP_TOKEN", "xapp-1");
        assertTrue(Config.from(env).socketMode());
    }

    @Test
    void malformedValuesAreExplained() {
        Map<String, String> env = minimal();
        env.put("WRAPUP_ANALYSIS_DELAY", "tomorrow");
        assertTrue(
                assertThrows(ConfigException.class, () -> Config.from(env))
                        .getMessage()
                        .contains("WRAPUP_ANALYSIS_DELAY is set to a value Wrapup cannot use"));
        env.remove("WRAPUP_ANALYSIS_DELAY");
        env.put("PORT", "http");
        assertTrue(
                assertThrows(ConfigException.class, () -> Config.from(env))
                        .getMessage()
                        .contains("PORT"));
        env.remove("PORT");
        env.put("WRAPUP_ROLE_GROUPS", "frontend");
        assertTrue(
                assertThrows(ConfigException.class, () -> Config.from(env))
                        .getMessage()
                        .contains("frontend=S0123ABCD"));
        env.remove("WRAPUP_ROLE_GROUPS");
        env.put("WRAPUP_DB_URL", "jdbc:mysql://db/wrapup");
        assertTrue(
                assertThrows(ConfigException.class, () -> Config.from(env))
                        .getMessage()
                        .contains("jdbc:postgresql://"));
    }

    @Test
    void theLogFormatIsTextOrJsonAndTheMetricsTokenLongEnough() {
        Map<String, String> env = minimal();
        assertEquals("text", Config.logFormat(env));
        assertTrue(Config.from(env).metricsToken().isEmpty(), "/metrics open by default");
        env.put("WRAPUP_LOG_FORMAT", "json");
        assertEquals("json", Config.logFormat(env));
        env.put("WRAPUP_LOG_FORMAT", "xml");
        String refused = assertThrows(ConfigException.class, () -> Config.from(env)).getMessage();
        assertTrue(refused.contains("WRAPUP_LOG_FORMAT is set to a value"), refused);
        assertTrue(refused.contains("text") && refused.contains("json"), refused);
        env.remove("WRAPUP_LOG_FORMAT");
        env.put("WRAPUP_METRICS_TOKEN", "secret");
        refused = assertThrows(ConfigException.class, () -> Config.from(env)).getMessage();
        assertTrue(refused.contains("WRAPUP_METRICS_TOKEN"), refused);
        env.put("WRAPUP_METRICS_TOKEN", "0123456789abcdef0123");
        assertEquals("0123456789abcdef0123", Config.from(env).metricsToken().orElseThrow());
    }

    @Test
    void signInNeedsBothClientIdAndSecret() {
        Map<String, String> env = minimal();
        assertTrue(Config.from(env).signIn().isEmpty(), "off without a client id");

        env.put("SLACK_CLIENT_ID", "1111.2222");
        String message = assertThrows(ConfigException.class, () -> Config.from(env)).getMessage();
        assertTrue(message.startsWith("SLACK_CLIENT_SECRET is not set"), message);
        env.remove("SLACK_CLIENT_ID");
        env.put("SLACK_CLIENT_SECRET", "secret");
        message = assertThrows(ConfigException.class, () -> Config.from(env)).getMessage();
        assertTrue(message.startsWith("SLACK_CLIENT_ID is not set"), message);

        env.put("SLACK_CLIENT_ID", "1111.2222");
        env.put("WRAPUP_PUBLIC_URL", "https://wrapup.example.com/");
        SignIn signIn = Config.from(env).signIn().orElseThrow();
        assertEquals("1111.2222", signIn.clientId());
        assertEquals("secret", signIn.clientSecret());
        assertEquals("https://slack.com/openid/connect/authorize", signIn.authorizeUrl());
        assertEquals("https://wrapup.example.com/signin/callback", signIn.redirectUri());
        assertTrue(signIn.secureCookies());
        assertFalse(signIn.toString().contains("secret"), signIn.toString());

        env.put("WRAPUP_PUBLIC_URL", "http://10.0.0.5:3000");
        env.put("WRAPUP_SLACK_AUTHORIZE_URL", "http://127.0.0.1:9999/openid/connect/authorize");
        signIn = Config.from(env).signIn().orElseThrow();
        assertEquals("http://127.0.0.1:9999/openid/connect/authorize", signIn.authorizeUrl());
        assertFalse(signIn.secureCookies());

        env.put("WRAPUP_SLACK_AUTHORIZE_URL", "slack.com/openid");
        message = assertThrows(ConfigException.class, () -> Config.from(env)).getMessage();
        assertTrue(message.startsWith("WRAPUP_SLACK_AUTHORIZE_URL is set to a value"), message);
    }

    @Test
    void withPortZeroTheRedirectUriNamesTheBoundPort() {
        Map<String, String> env = minimal();
        env.put("PORT", "0");
        env.put("SLACK_CLIENT_ID", "1111.2222");
        env.put("SLACK_CLIENT_SECRET", "secret");
        Config bound = Config.from(env).withBoundPort(41234);
        assertEquals(
                "http://localhost:41234/signin/callback",
                bound.signIn().orElseThrow().redirectUri());
    }

    @Test
    void roleGroupsKeepTheirOrder() {
        Map<String, String> env = minimal();
        env.put("WRAPUP_ROLE_GROUPS", "frontend=S0123,backend=S0456, support = S0789");
        assertEquals(
                "[frontend, backend, support]", Config.from(env).roleGroups().keySet().toString());
    }

    @Test
    void adminsAreUserIdsAndUserGroupIds() {
        Map<String, String> env = minimal();
        assertEquals(List.of(), Config.from(env).admins());
        env.put("WRAPUP_ADMINS", "U0ADMIN, S0SRE,W0ENTERPRISE");
        assertEquals(List.of("U0ADMIN", "S0SRE", "W0ENTERPRISE"), Config.from(env).admins());
        env.put("WRAPUP_ADMINS", "U0ADMIN,@alice");
        String message = assertThrows(ConfigException.class, () -> Config.from(env)).getMessage();
        assertTrue(
                message.startsWith(
                        "WRAPUP_ADMINS is set to a value Wrapup cannot use: '@alice' is neither a user id"),
                message);
    }
}
