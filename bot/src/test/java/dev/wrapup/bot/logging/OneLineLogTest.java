package dev.wrapup.bot.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.wrapup.bot.testing.LogCapture;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped logback.xml writes one line per entry, whatever the logged values hold. */
class OneLineLogTest {
    private static final String FORGED =
            "2026-01-01T00:00:00.000Z INFO  [main] d.w.b.Wrapup - forged";

    private final LogCapture logs = LogCapture.start();
    private final Logger logger = new LoggerContext().getLogger("dev.wrapup.bot.Test");

    @Test
    void newlinesAndOtherControlCharactersInAValueAreEscaped() {
        List<String> lines =
                logs.encodedLines(
                        new LoggingEvent(
                                Logger.FQCN,
                                logger,
                                Level.WARN,
                                "refused a request from {}",
                                null,
                                new Object[] {"T1\n" + FORGED + "\r\u2028\u001b[31m\ttab"}));
        logs.close();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(
                lines.get(0)
                        .endsWith(
                                "refused a request from T1\\n"
                                        + FORGED
                                        + "\\r\\u2028\\u001b[31m\\ttab"),
                lines.get(0));
    }

    @Test
    void anExceptionKeepsOneLinePerFrameButItsMessagesAreEscaped() {
        Exception cause = new NumberFormatException("For input string: \"1\n" + FORGED + "\"");
        Exception e = new IllegalStateException("outer\n" + FORGED, cause);
        e.addSuppressed(new RuntimeException("suppressed\r\n" + FORGED));
        List<String> lines =
                logs.encodedLines(
                        new LoggingEvent(Logger.FQCN, logger, Level.ERROR, "failed", e, null));
        logs.close();
        assertTrue(lines.get(0).endsWith(" - failed"), lines.get(0));
        assertTrue(lines.size() > 3, "a stack trace still has its frames: " + lines);
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(
                    line.startsWith("\t")
                            || line.startsWith("java.lang.IllegalStateException: outer\\n")
                            || line.startsWith(
                                    "Caused by: java.lang.NumberFormatException: For input string: \"1\\n"),
                    "a line the exception could not have forged: " + line);
        }
        assertTrue(
                lines.stream()
                        .anyMatch(
                                l ->
                                        l.contains(
                                                "Suppressed: java.lang.RuntimeException: suppressed\\r\\n")),
                lines.toString());
    }

    @Test
    void plainTextIsLeftAsItIs() {
        assertEquals("café → ok", LogText.escape("café → ok"));
        logs.close();
    }
}
