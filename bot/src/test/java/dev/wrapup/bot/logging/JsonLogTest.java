package dev.wrapup.bot.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wrapup.bot.testing.LogCapture;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** WRAPUP_LOG_FORMAT=json, as the shipped logback.xml configures it: one JSON object a line. */
class JsonLogTest {
    private final Encoder<ILoggingEvent> json = LogCapture.productionEncoder("json");
    private final Logger logger = new LoggerContext().getLogger("dev.wrapup.bot.Test");

    @Test
    void anEntryIsOneJsonObjectOnOneLineWithItsFields() {
        LoggingEvent event =
                new LoggingEvent(
                        Logger.FQCN,
                        logger,
                        Level.WARN,
                        "refused a request from {}",
                        null,
                        new Object[] {"T1\n{\"level\":\"ERROR\"}\r\u2028\"quoted\""});
        event.setMDCPropertyMap(Map.of("incident", "12"));
        JsonObject line = oneLine(event);
        assertEquals("WARN", line.get("level").getAsString());
        assertEquals("dev.wrapup.bot.Test", line.get("loggerName").getAsString());
        assertEquals(Thread.currentThread().getName(), line.get("threadName").getAsString());
        assertEquals(
                "refused a request from T1\n{\"level\":\"ERROR\"}\r\u2028\"quoted\"",
                line.get("message").getAsString(),
                "the value intact once parsed");
        assertEquals(
                Instant.ofEpochMilli(event.getTimeStamp()),
                Instant.parse(line.get("timestamp").getAsString()),
                "ISO-8601");
        assertEquals("12", line.getAsJsonObject("mdc").get("incident").getAsString());
    }

    @Test
    void anExceptionIsOneStringFieldWithItsStackTrace() {
        Exception e =
                new IllegalStateException("outer\nline", new NumberFormatException("For \"1\""));
        LoggingEvent event = new LoggingEvent(Logger.FQCN, logger, Level.ERROR, "failed", e, null);
        event.setMDCPropertyMap(Map.of()); // this test's own logger context has no MDC
        JsonObject line = oneLine(event);
        String stack = line.get("exception").getAsString();
        assertTrue(stack.startsWith("java.lang.IllegalStateException: outer\nline"), stack);
        assertTrue(stack.contains("\tat dev.wrapup.bot.logging.JsonLogTest"), stack);
        assertTrue(stack.contains("Caused by: java.lang.NumberFormatException: For \"1\""), stack);
        assertEquals("failed", line.get("message").getAsString());
    }

    @Test
    void textStaysTheDefault() {
        String text =
                new String(
                        LogCapture.productionEncoder()
                                .encode(
                                        new LoggingEvent(
                                                Logger.FQCN, logger, Level.INFO, "up", null, null)),
                        StandardCharsets.UTF_8);
        assertTrue(text.contains(" INFO  [") && text.endsWith(" - up\n"), text);
    }

    private JsonObject oneLine(ILoggingEvent event) {
        String text = new String(json.encode(event), StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n"), text);
        assertEquals(1, text.lines().count(), text);
        return JsonParser.parseString(text).getAsJsonObject();
    }
}
