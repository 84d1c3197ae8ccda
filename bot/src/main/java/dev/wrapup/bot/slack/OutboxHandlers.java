package dev.wrapup.bot.slack;

import dev.wrapup.bot.slack.SlackOutbox.Performer;
import dev.wrapup.bot.slack.SlackOutbox.Posted;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Who does each kind of outbox item, and who is told when a message of a topic is posted. */
final class OutboxHandlers {
    private final Map<String, Performer> performers = new ConcurrentHashMap<>();
    private final Map<String, Posted> onPosted = new ConcurrentHashMap<>();

    void perform(String kind, Performer performer) {
        performers.put(kind, performer);
    }

    void onPosted(String topic, Posted handler) {
        onPosted.put(topic, handler);
    }

    /** Empty for a kind this bot does not know, which may be a newer replica's. */
    Optional<Performer> performer(String kind) {
        return Optional.ofNullable(performers.get(kind));
    }

    Optional<Posted> posted(String topic) {
        return topic == null ? Optional.empty() : Optional.ofNullable(onPosted.get(topic));
    }
}
