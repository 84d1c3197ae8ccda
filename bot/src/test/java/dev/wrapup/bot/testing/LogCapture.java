package dev.wrapup.bot.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.joran.spi.JoranException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * The log as the shipped logback.xml would write it: every entry logged while open is encoded with
 * the production encoder, and its physical lines kept, so that a test can count lines and look
 * inside them.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Encoder<ILoggingEvent> encoder = productionEncoder();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender =
            new AppenderBase<>() {
                @Override
                protected void append(ILoggingEvent event) {
                    lines.addAll(encodedLines(event));
                }
            };

    private LogCapture() {
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    /** Every line written so far, in order. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines that contain the text. */
    public List<String> linesWith(String text) {
        return lines.stream().filter(l -> l.contains(text)).toList();
    }

    /** The lines the entry would take in the production log. */
    public List<String> encodedLines(ILoggingEvent event) {
        String text = new String(encoder.encode(event), StandardCharsets.UTF_8);
        return Arrays.asList(text.split("\n", -1))
                .subList(0, (int) text.chars().filter(c -> c == '\n').count());
    }

    /** The encoder of the appender configured in src/main/resources/logback.xml. */
    public static Encoder<ILoggingEvent> productionEncoder() {
        return productionEncoder("text");
    }

    /** The same, as WRAPUP_LOG_FORMAT set to the format configures it. */
    public static Encoder<ILoggingEvent> productionEncoder(String format) {
        LoggerContext context = new LoggerContext();
        context.putProperty("WRAPUP_LOG_FORMAT", format);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(LogCapture.class.getResource("/logback.xml"));
        } catch (JoranException e) {
            throw new IllegalStateException("logback.xml does not load", e);
        }
        var appenders = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
        while (appenders.hasNext()) {
            if (appenders.next() instanceof OutputStreamAppender<ILoggingEvent> stream) {
                return stream.getEncoder();
            }
        }
        throw new IllegalStateException("logback.xml has no appender with an encoder");
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
