package dev.wrapup.bot.happened;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way for "this happened, others react" inside a replica: a service tells what happened
 * after it commits, and the reactions wired in at start run on the teller's thread.
 *
 * <p>Work that must survive a crash is not a reaction: it is queued in the Slack outbox in the same
 * transaction as the change that promises it. A reaction is what may be lost with the process, such
 * as a blame nudge.
 */
public final class Happenings {
    private static final Logger log = LoggerFactory.getLogger(Happenings.class);

    private final Map<Class<? extends Happening>, List<Consumer<Happening>>> reactions =
            new ConcurrentHashMap<>();

    /** Adds a reaction to every happening of the kind, after those added before it. */
    public <H extends Happening> void on(Class<H> kind, Consumer<? super H> reaction) {
        reactions
                .computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>())
                .add(happening -> reaction.accept(kind.cast(happening)));
    }

    /**
     * Runs the reactions to it in order. What happened is already committed, so a reaction that
     * fails is logged and the others still run: the teller has nothing to undo.
     */
    public void tell(Happening happening) {
        for (Consumer<Happening> reaction :
                reactions.getOrDefault(happening.getClass(), List.of())) {
            try {
                reaction.accept(happening);
            } catch (RuntimeException e) {
                log.error("reacting to {} failed", happening.getClass().getSimpleName(), e);
            }
        }
    }
}
