package dev.wrapup.persistence;

import org.jooq.SQLDialect;

/** The databases Wrapup runs on. */
public enum Vendor {
    H2("h2", SQLDialect.H2, "org.quartz.impl.jdbcjobstore.StdJDBCDelegate"),
    POSTGRESQL(
            "postgresql", SQLDialect.POSTGRES, "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");

    private final String folder;
    private final SQLDialect dialect;
    private final String quartzDelegate;

    Vendor(String folder, SQLDialect dialect, String quartzDelegate) {
        this.folder = folder;
        this.dialect = dialect;
        this.quartzDelegate = quartzDelegate;
    }

    /** Which vendor a JDBC URL names; anything else is refused with the URLs that work. */
    public static Vendor of(String jdbcUrl) {
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException(
                "unsupported database URL '"
                        + jdbcUrl
                        + "': use jdbc:h2:file:… or jdbc:postgresql://…");
    }

    public SQLDialect dialect() {
        return dialect;
    }

    /** The Flyway location holding this vendor's own migrations (Quartz's tables). */
    public String migrationLocation() {
        return "classpath:db/quartz/" + folder;
    }

    public String quartzDelegate() {
        return quartzDelegate;
    }

    /** Several bot replicas can share a PostgreSQL database; an H2 file has one owner. */
    public boolean supportsReplicas() {
        return this == POSTGRESQL;
    }
}
