package dev.wrapup.persistence;

import static dev.wrapup.persistence.jooq.Tables.SLACK_USER;

import dev.wrapup.domain.SlackUser;
import java.util.Optional;
import org.jooq.DSLContext;

/** The cache of Slack users (names and timezones). */
public final class Users {
    private final DSLContext dsl;

    public Users(Database database) {
        this.dsl = database.dsl();
    }

    public Optional<SlackUser> find(String userId) {
        return find(dsl, userId);
    }

    /** Inside the caller's transaction, on its connection. */
    public Optional<SlackUser> find(Tx tx, String userId) {
        return find(tx.dsl(), userId);
    }

    private static Optional<SlackUser> find(DSLContext on, String userId) {
        return on.selectFrom(SLACK_USER)
                .where(SLACK_USER.USER_ID.eq(userId))
                .fetchOptional()
                .map(
                        r ->
                                new SlackUser(
                                        r.getUserId(),
                                        r.getDisplayName(),
                                        r.getRealName(),
                                        r.getTz(),
                                        r.getTzOffset(),
                                        r.getIsBot(),
                                        r.getFetchedAt()));
    }

    public void save(SlackUser u) {
        dsl.insertInto(SLACK_USER)
                .set(SLACK_USER.USER_ID, u.id())
                .set(SLACK_USER.DISPLAY_NAME, u.displayName())
                .set(SLACK_USER.REAL_NAME, u.realName())
                .set(SLACK_USER.TZ, u.tz())
                .set(SLACK_USER.TZ_OFFSET, u.tzOffset())
                .set(SLACK_USER.IS_BOT, u.bot())
                .set(SLACK_USER.FETCHED_AT, u.fetchedAt())
                .onConflict(SLACK_USER.USER_ID)
                .doUpdate()
                .set(SLACK_USER.DISPLAY_NAME, u.displayName())
                .set(SLACK_USER.REAL_NAME, u.realName())
                .set(SLACK_USER.TZ, u.tz())
                .set(SLACK_USER.TZ_OFFSET, u.tzOffset())
                .set(SLACK_USER.IS_BOT, u.bot())
                .set(SLACK_USER.FETCHED_AT, u.fetchedAt())
                .execute();
    }
}
