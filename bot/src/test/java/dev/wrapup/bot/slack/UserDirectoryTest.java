package dev.wrapup.bot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.User;
import dev.wrapup.persistence.Timeline;
import dev.wrapup.persistence.Users;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Someone nobody knows yet costs a read and a Slack call a minute, not one of each per message. */
class UserDirectoryTest {
    private final Users users = mock(Users.class);
    private final SlackApi slack = mock(SlackApi.class);
    private final MovableClock clock = new MovableClock();
    private UserDirectory directory;

    @BeforeEach
    void setUp() {
        directory = new UserDirectory(users, mock(Timeline.class), slack, Runnable::run, clock);
        when(users.find("U0GHOST")).thenReturn(Optional.empty());
        when(slack.ok(eq("users.info"), any())).thenReturn(Optional.empty());
    }

    @Test
    void someoneNotStoredIsLookedForOnceAMinute() {
        for (int i = 0; i < 5; i++) {
            assertTrue(directory.known("U0GHOST").isEmpty());
        }
        verify(users, times(1)).find("U0GHOST");
        clock.move(Duration.ofSeconds(61));
        assertTrue(directory.known("U0GHOST").isEmpty());
        verify(users, times(2)).find("U0GHOST");
    }

    @Test
    void someoneSlackDoesNotGiveUsIsAskedForOnceAMinute() {
        for (int i = 0; i < 5; i++) {
            directory.refreshLater("U0GHOST");
        }
        verify(slack, times(1)).ok(eq("users.info"), any());
        clock.move(Duration.ofSeconds(61));
        directory.refreshLater("U0GHOST");
        verify(slack, times(2)).ok(eq("users.info"), any());
    }

    @Test
    void onceSlackAnswersTheUserIsKnownAtOnce() {
        assertTrue(directory.known("U0GHOST").isEmpty());
        User ghost = new User();
        ghost.setId("U0GHOST");
        ghost.setName("ghost");
        ghost.setTz("Europe/Berlin");
        UsersInfoResponse answer = new UsersInfoResponse();
        answer.setOk(true);
        answer.setUser(ghost);
        when(slack.ok(eq("users.info"), any())).thenReturn(Optional.of(answer));
        directory.refreshLater("U0GHOST"); // the first message after the answer
        assertEquals(
                "ghost",
                directory.known("U0GHOST").orElseThrow().displayName(),
                "no minute's wait once Slack has told us");
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T12:00:00Z");

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
