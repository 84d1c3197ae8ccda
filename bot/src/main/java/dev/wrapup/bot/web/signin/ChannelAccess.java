package dev.wrapup.bot.web.signin;

import com.slack.api.methods.response.conversations.ConversationsInfoResponse;
import com.slack.api.methods.response.conversations.ConversationsMembersResponse;
import dev.wrapup.bot.roles.Admins;
import dev.wrapup.bot.slack.SlackApi;
import dev.wrapup.bot.slack.SlackIdentity;
import dev.wrapup.bot.web.IncidentAccess;
import dev.wrapup.bot.web.Viewer;
import dev.wrapup.bot.web.Visibility;
import dev.wrapup.domain.Incident;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who sees what, from the incident channel as Slack describes it now: its members and the admins
 * see the full record; in a public channel everyone else in the workspace sees what may be
 * published; a private channel shows nothing to anyone else. Whether a channel is private and who
 * is in it are asked of Slack and reused for at most {@link #MAX_AGE}. When Slack cannot say, the
 * channel counts as private and the viewer as no member: a blip hides a page, never shows one.
 */
public final class ChannelAccess implements IncidentAccess {
    /** How long an answer from Slack about a channel is trusted. */
    static final Duration MAX_AGE = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(ChannelAccess.class);

    private final SlackApi slack;
    private final Admins admins;
    private final SlackIdentity identity;
    private final RecentAnswers<String, Boolean> privacy;
    private final RecentAnswers<String, Set<String>> members;

    public ChannelAccess(SlackApi slack, Admins admins, SlackIdentity identity, Clock clock) {
        this.slack = slack;
        this.admins = admins;
        this.identity = identity;
        this.privacy = new RecentAnswers<>(MAX_AGE, clock);
        this.members = new RecentAnswers<>(MAX_AGE, clock);
    }

    @Override
    public Visibility of(Viewer viewer, Incident incident) {
        if (viewer == null || !identity.current().teamId().equals(viewer.teamId())) {
            return Visibility.NONE;
        }
        if (admins.contains(viewer.userId())) {
            return Visibility.FULL;
        }
        String channel = incident.channelId();
        boolean member =
                members.get(channel, this::readMembers)
                        .map(ids -> ids.contains(viewer.userId()))
                        .orElse(false);
        if (member) {
            return Visibility.FULL;
        }
        boolean isPrivate = privacy.get(channel, this::readPrivacy).orElse(true);
        return isPrivate ? Visibility.NONE : Visibility.PUBLISHED;
    }

    /** Whether the channel is private, when Slack can say (reused for a minute). */
    public Optional<Boolean> isPrivate(String channel) {
        return privacy.get(channel, this::readPrivacy);
    }

    /** Who is in the channel, when Slack can say (reused for a minute). */
    public Optional<Set<String>> members(String channel) {
        return members.get(channel, this::readMembers);
    }

    private Optional<Boolean> readPrivacy(String channel) {
        Optional<Boolean> answer =
                slack.ok("conversations.info", m -> m.conversationsInfo(r -> r.channel(channel)))
                        .map(ConversationsInfoResponse::getChannel)
                        .map(c -> c.isPrivate() || c.isGroup());
        if (answer.isEmpty()) {
            log.warn("could not learn whether {} is private; showing it as private", channel);
        }
        return answer;
    }

    private Optional<Set<String>> readMembers(String channel) {
        Set<String> ids = new HashSet<>();
        String cursor = null;
        do {
            String page = cursor;
            Optional<ConversationsMembersResponse> response =
                    slack.ok(
                            "conversations.members",
                            m ->
                                    m.conversationsMembers(
                                            r -> r.channel(channel).cursor(page).limit(1000)));
            if (response.isEmpty()) {
                log.warn(
                        "could not read the members of {}; showing it as to a non-member", channel);
                return Optional.empty();
            }
            ids.addAll(response.get().getMembers());
            cursor =
                    response.get().getResponseMetadata() == null
                            ? null
                            : response.get().getResponseMetadata().getNextCursor();
        } while (cursor != null && !cursor.isEmpty());
        return Optional.of(Set.copyOf(ids));
    }
}
