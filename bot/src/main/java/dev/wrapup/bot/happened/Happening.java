package dev.wrapup.bot.happened;

import dev.wrapup.domain.Incident;

/**
 * Something that happened, told to {@link Happenings} once it is committed, for the parts of the
 * bot that react to it.
 */
public sealed interface Happening {
    /** A person's message recorded in an incident channel. */
    record MessageRecorded(Incident incident, String authorId, String text) implements Happening {}

    /** A key moment noted with `/incident note`. */
    record KeyMomentNoted(Incident incident, String userId, String text) implements Happening {}

    /** The analysis call's post went out: it has started. */
    record CallStarted(Incident incident) implements Happening {}
}
