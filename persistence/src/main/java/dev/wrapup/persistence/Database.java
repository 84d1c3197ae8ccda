package dev.wrapup.persistence;

import static dev.wrapup.persistence.jooq.Tables.HEALTH_PROBE;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.TransactionListener;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The connection pool, the schema migrations and the transactions of one database. */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    static {
        // jOOQ prints a banner and a tip of the day on first use; a bot's log is no place for them.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        // Before any database is opened here: H2 reads it once.
        EmbeddedDatabase.listenOnLoopbackOnly();
    }

    /**
     * H2's server for `export` (AUTO_SERVER) listens on loopback only; entry points call this
     * first, before anything may load H2.
     */
    public static void listenOnLoopbackOnly() {
        EmbeddedDatabase.listenOnLoopbackOnly();
    }

    private final Vendor vendor;
    private final HikariDataSource dataSource;
    private final DSLContext dsl;
    private final GroupCommit groupCommit;

    /**
     * Null where other replicas may change what it would remember (see {@link #channelIncidents}).
     */
    private final ChannelIncidents channelIncidents;

    /** Null unless Wrapup keeps this H2 file's password and permissions. */
    private final EmbeddedDatabase embedded;

    private Database(Vendor vendor, HikariDataSource dataSource, EmbeddedDatabase embedded) {
        this.vendor = vendor;
        this.embedded = embedded;
        this.dataSource = dataSource;
        // Unquoted names: the migrations create unquoted tables, which H2 folds to upper
        // case and PostgreSQL to lower case; unquoted SQL finds them on both.
        // No per-query execute logging: it costs a logger check and context per statement
        // on the hot path of every Slack event, and the bot logs what it does itself.
        Settings settings =
                new Settings()
                        .withRenderQuotedNames(RenderQuotedNames.NEVER)
                        .withExecuteLogging(false);
        this.dsl = DSL.using(dataSource, vendor.dialect(), settings);
        this.channelIncidents = vendor.supportsReplicas() ? null : new ChannelIncidents();
        if (channelIncidents != null) {
            dsl.configuration()
                    .set(
                            TransactionListener.onCommitEnd(
                                            ctx -> channelIncidents.transactionEnded())
                                    .onRollbackEnd(ctx -> channelIncidents.transactionEnded()));
        }
        this.groupCommit = new GroupCommit(dsl);
    }

    /**
     * Opens a pool on the database; nothing is created or changed until {@link #migrate()}. An H2
     * file given without credentials gets its folder and files made private and the password kept
     * beside it (generated at first start; a database from before passwords is moved to it).
     */
    public static Database open(DatabaseSettings given) {
        return open(given, null);
    }

    /** Like {@link #open(DatabaseSettings)}, with the pool's meters in the registry. */
    public static Database open(DatabaseSettings given, MeterRegistry meters) {
        DatabaseSettings settings = given.closedByWrapup();
        Optional<EmbeddedDatabase> embedded = EmbeddedDatabase.of(settings);
        if (embedded.isEmpty()) {
            return new Database(settings.vendor(), pool(settings, meters), null);
        }
        DatabaseSettings withPassword = embedded.get().prepare();
        // The first connection stays open while the pool starts, so that H2 opens the file once.
        try (Connection first = embedded.get().connect(withPassword)) {
            HikariDataSource pool = pool(withPassword, meters);
            embedded.get().makeFilesPrivate();
            return new Database(settings.vendor(), pool, embedded.get());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the database: " + e.getMessage(), e);
        }
    }

    private static HikariDataSource pool(DatabaseSettings settings, MeterRegistry meters) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("wrapup");
        if (meters != null) {
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        }
        config.setJdbcUrl(settings.url());
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(10);
        config.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
        // Fail at start when the database cannot be reached, not at the first event.
        config.setInitializationFailTimeout(Duration.ofSeconds(10).toMillis());
        return new HikariDataSource(config);
    }

    /** Applies every pending migration: Wrapup's own tables and Quartz's. */
    public MigrateResult migrate() {
        return migrate(MigrationVersion.LATEST);
    }

    /**
     * Applies the migrations before {@code version}: a test's database as the release before that
     * migration left it.
     */
    MigrateResult migrateBefore(MigrationVersion version) {
        MigrationVersion last =
                Arrays.stream(flyway(MigrationVersion.LATEST).info().all())
                        .map(MigrationInfo::getVersion)
                        .filter(v -> v != null && v.compareTo(version) < 0)
                        .max(Comparator.naturalOrder())
                        .orElseThrow();
        return migrate(last);
    }

    private Flyway flyway(MigrationVersion target) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration", vendor.migrationLocation())
                .target(target)
                .load();
    }

    private MigrateResult migrate(MigrationVersion target) {
        MigrateResult result = flyway(target).migrate();
        log.info(
                "database schema at version {} ({} migrations applied)",
                result.targetSchemaVersion != null
                        ? result.targetSchemaVersion
                        : result.initialSchemaVersion,
                result.migrationsExecuted);
        return result;
    }

    /**
     * True when a write commits: one row of {@code health_probe} is updated in a short transaction
     * of its own (two seconds at most for the statement). A database that still answers reads but
     * cannot write, a full disk or a read-only one, is down.
     */
    public boolean acceptsWrites() {
        if (dataSource.isClosed()) {
            return false;
        }
        try {
            int updated =
                    dsl.transactionResult(
                            cfg ->
                                    cfg.dsl()
                                            .update(HEALTH_PROBE)
                                            .set(HEALTH_PROBE.WRITES, HEALTH_PROBE.WRITES.plus(1))
                                            .where(HEALTH_PROBE.ID.eq(1))
                                            .queryTimeout(2)
                                            .execute());
            return updated == 1;
        } catch (RuntimeException e) {
            log.warn("the database refuses writes: {}", e.getMessage());
            return false;
        }
    }

    /** Runs the work in one transaction: all of it is committed, or none. */
    public <T> T transaction(Function<Tx, T> work) {
        return dsl.transactionResult(cfg -> work.apply(new Tx(cfg.dsl())));
    }

    /**
     * Like {@link #transaction}, for many small pieces of work arriving at once (Slack events): it
     * returns once the work is committed, sharing the commit with whatever else arrived meanwhile.
     * The work must not wait for other work, and must bear being run again: when a batch fails its
     * pieces are run again one by one, and a piece that loses a race on a unique key is run once
     * more.
     */
    public <T> T groupCommit(Function<Tx, T> work) {
        try {
            return groupCommit.run(work);
        } catch (IntegrityConstraintViolationException e) {
            // On H2, jOOQ's "insert unless present" is a MERGE that two concurrent transactions
            // can both pass, e.g. a person's first two messages each adding them as a
            // participant: the later one fails on the key and is rolled back whole. Run again,
            // it sees the committed row and leaves it be.
            return groupCommit.run(work);
        }
    }

    /**
     * Whether the failure is the database's (a closed pool, a refused statement, a lost connection)
     * rather than a fault in the values its caller worked with: an SQLException among its causes,
     * or thrown from persistence, jOOQ, the pool or a driver, whatever its type.
     */
    public static boolean isDatabaseFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                return true;
            }
        }
        StackTraceElement[] frames = e.getStackTrace();
        String thrower = frames.length > 0 ? frames[0].getClassName() : "";
        return thrower.startsWith("dev.wrapup.persistence.")
                || thrower.startsWith("org.jooq.")
                || thrower.startsWith("com.zaxxer.")
                || thrower.startsWith("org.h2.")
                || thrower.startsWith("org.postgresql.");
    }

    /**
     * The memory of which incident records a channel, on H2 only: an H2 file has one owner, which
     * forgets at once whatever it changes. On PostgreSQL another replica may declare an incident in
     * a channel or begin a window there, and the messages right after it, the ones most worth
     * keeping, must not go to the channel's previous incident or be dropped meanwhile; there every
     * event reads it (one indexed query, in the event's own transaction).
     */
    ChannelIncidents channelIncidents() {
        return channelIncidents;
    }

    /** jOOQ on the pool: for the repositories, never outside persistence. */
    DSLContext dsl() {
        return dsl;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Vendor vendor() {
        return vendor;
    }

    @Override
    public void close() {
        groupCommit.close();
        dataSource.close();
        if (embedded != null) {
            // H2 writes its trace file only when something goes wrong, after the files were made
            // private.
            embedded.makeFilesPrivate();
        }
    }
}
