package dev.wrapup.scheduler;

import dev.wrapup.persistence.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/** Builds the Quartz scheduler on Wrapup's own database (JDBC job store, same pool). */
public final class QuartzFactory {
    /** Stored with every job: it must stay the same across restarts or jobs are orphaned. */
    public static final String SCHEDULER_NAME = "wrapup";

    /**
     * How often each replica on PostgreSQL tells the others it is alive; one silent for longer
     * (plus Quartz's 7.5 s grace) is taken for dead, and its jobs are run by another.
     */
    public static final Duration CLUSTER_CHECKIN = Duration.ofSeconds(10);

    private static final String DATA_SOURCE = "wrapup";

    private QuartzFactory() {}

    /** A scheduler in standby: call {@code start()} once the jobs' dependencies are ready. */
    public static Scheduler create(Database database) throws SchedulerException {
        DBConnectionManager.getInstance()
                .addConnectionProvider(
                        DATA_SOURCE,
                        new ConnectionProvider() {
                            @Override
                            public Connection getConnection() throws SQLException {
                                return database.dataSource().getConnection();
                            }

                            @Override
                            public void shutdown() {
                                // The pool belongs to Database, which closes it after the scheduler
                                // stops.
                            }

                            @Override
                            public void initialize() {}
                        });
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", "4");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty(
                "org.quartz.jobStore.driverDelegateClass", database.vendor().quartzDelegate());
        p.setProperty("org.quartz.jobStore.dataSource", DATA_SOURCE);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        // A job whose time passed while the bot was down runs once at start, not never.
        p.setProperty("org.quartz.jobStore.misfireThreshold", "5000");
        // Replicas on PostgreSQL share the job store; each job then fires on one replica.
        p.setProperty(
                "org.quartz.jobStore.isClustered",
                Boolean.toString(database.vendor().supportsReplicas()));
        p.setProperty(
                "org.quartz.jobStore.clusterCheckinInterval",
                Long.toString(CLUSTER_CHECKIN.toMillis()));
        return new StdSchedulerFactory(p).getScheduler();
    }
}
