package dev.wrapup.bot.logging;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.JsonEscapeUtil;
import java.time.Instant;

/**
 * WRAPUP_LOG_FORMAT=json: one JSON object per line, for log pipelines. Logback's own encoder writes
 * the level, thread, logger and MDC; this adds the time as ISO-8601, the message with its arguments
 * filled in, and an exception's stack trace as one string.
 */
public final class JsonLines extends JsonEncoder {
    public JsonLines() {
        setWithSequenceNumber(false);
        setWithTimestamp(false); // milliseconds since 1970: replaced by an ISO-8601 "timestamp"
        setWithNanoseconds(false);
        setWithContext(false);
        setWithMessage(false); // the pattern with its {}: replaced by the filled-in "message"
        setWithFormattedMessage(false);
        setWithArguments(false);
        setWithThrowable(false); // a nest of objects: replaced by one "exception" string
    }

    /** After the level, which is always there, so each field here follows a comma. */
    @Override
    protected void appendCustomFields(StringBuilder json, ILoggingEvent event) {
        field(json, "timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        field(json, "message", event.getFormattedMessage());
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            field(json, "exception", ThrowableProxyUtil.asString(thrown));
        }
    }

    private static void field(StringBuilder json, String name, String value) {
        json.append(",\"")
                .append(name)
                .append("\":\"")
                .append(value == null ? "" : JsonEscapeUtil.jsonEscapeString(value))
                .append('"');
    }
}
