package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wrapup.bot.config.Config;
import dev.wrapup.bot.config.ConfigException;
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
