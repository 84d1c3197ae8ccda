package dev.wrapup.bot.roles;

import dev.wrapup.bot.slack.SlackText;
import dev.wrapup.domain.Incident;
import dev.wrapup.persistence.Participants;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may do what to an incident. Admins may do everything; the commander everything for their
 * incident; the facilitator runs the wrap-up; participants respond and comment. A refusal changes
 * nothing, is one line naming who may, and is logged.
 */
public final class Access {
    private static final Logger audit = LoggerFactory.getLogger("dev.wrapup.audit");

    private final Admins admins;
    private final Participants participants;

    public Access(Admins admins, Participants participants) {
        this.admins = admins;
        this.participants = participants;
    }

    /** Empty when the user may; else the one line that tells them who may. */
    public Optional<String> refusal(Incident incident, String userId, Action action) {
        return refusal(incident, userId, action, List.of(), null);
    }

    /**
     * The same for an item (an action item, a step): {@code itemPeople} are those it belongs to,
     * {@code item} its name in the refusal ("action item 3").
     */
    public Optional<String> refusal(
            Incident incident,
            String userId,
            Action action,
            Collection<String> itemPeople,
            String item) {
        if (may(incident, userId, action, itemPeople)) {
            return Optional.empty();
        }
        refused(incident, userId, action.word());
        return Optional.of(whoMay(incident, action, itemPeople, item));
    }

    /** Appointing oneself facilitator is refused to everyone, admins too: someone else chooses. */
    public Optional<String> selfAppointment(
            Incident incident, String userId, String facilitatorId) {
        if (!userId.equals(facilitatorId) || userId.equals(incident.facilitator())) {
            return Optional.empty();
        }
        refused(incident, userId, "appoint-self-facilitator");
        return Optional.of(
                "Nobody can appoint themselves facilitator: ask the commander ("
                        + SlackText.mention(incident.commanderId())
                        + ")"
                        + (incident.facilitatorId() != null
                                ? ", the facilitator ("
                                        + SlackText.mention(incident.facilitatorId())
                                        + ")"
                                : "")
                        + " or a Wrapup admin to choose you.");
    }

    private boolean may(
            Incident incident, String userId, Action action, Collection<String> itemPeople) {
        if (admins.contains(userId) || userId.equals(incident.commanderId())) {
            return true;
        }
        boolean lead = userId.equals(incident.facilitator());
        return switch (action.least()) {
            case COMMANDER -> false;
            case LEAD -> lead;
            case ITEM_PEOPLE -> lead || itemPeople.contains(userId);
            case PARTICIPANT -> lead || participants.isParticipant(incident.id(), userId);
        };
    }

    private static String whoMay(
            Incident incident, Action action, Collection<String> itemPeople, String item) {
        String commander = "the commander (" + SlackText.mention(incident.commanderId()) + ")";
        String lead =
                incident.facilitator().equals(incident.commanderId())
                        ? "the commander, who also facilitates ("
                                + SlackText.mention(incident.commanderId())
                                + ")"
                        : "the facilitator ("
                                + SlackText.mention(incident.facilitator())
                                + "), "
                                + commander;
        String who =
                switch (action.least()) {
                    case COMMANDER -> commander;
                    case LEAD -> lead;
                    case ITEM_PEOPLE ->
                            itemPeople.stream()
                                            .filter(Objects::nonNull)
                                            .distinct()
                                            .map(SlackText::mention)
                                            .collect(Collectors.joining(", "))
                                    + ", "
                                    + lead;
                    case PARTICIPANT ->
                            "the people taking part (who posted in, joined or were invited to this channel), "
                                    + lead;
                };
        return "Only " + who + " or a Wrapup admin can " + action.what(item) + ".";
    }

    private static void refused(Incident incident, String userId, String what) {
        audit.info(
                "refused: user={} action={} incident={} channel={}",
                userId,
                what,
                incident.id(),
                incident.channelId());
    }
}
