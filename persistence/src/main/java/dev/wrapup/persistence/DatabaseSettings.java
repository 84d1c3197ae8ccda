package dev.wrapup.persistence;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the database is and how to log in to it. An H2 file given without a user and password is
 * kept by Wrapup: a generated password in a file beside it, readable by its owner only (see {@link
 * Database#open}).
 */
public record DatabaseSettings(String url, String user, String password) {

    /** The embedded default: an H2 file under the given folder, every commit on disk at once. */
    public static DatabaseSettings h2File(Path folder) {
        // WRITE_DELAY=0: H2 otherwise holds commits in memory for up to 500 ms, and a
        // killed process would lose events Slack was already told we stored.
        // AUTO_SERVER=TRUE: `wrapup export` can read the file while the bot runs.
        String url =
                "jdbc:h2:file:"
                        + folder.toAbsolutePath().resolve("wrapup")
                        + ";WRITE_DELAY=0;AUTO_SERVER=TRUE";
        return new DatabaseSettings(url, null, null);
    }

    public Vendor vendor() {
        return Vendor.of(url);
    }

    /**
     * The settings as opened: an embedded H2 database is closed by Wrapup, after everything that
     * uses it has stopped, not by H2's own shutdown hook while requests are still running
     * (DB_CLOSE_ON_EXIT=FALSE). H2 refuses that setting together with AUTO_SERVER=TRUE; such a URL
     * is left as it is.
     */
    DatabaseSettings closedByWrapup() {
        String upper = url.toUpperCase(Locale.ROOT);
        boolean embedded =
                upper.startsWith("JDBC:H2:")
                        && !upper.startsWith("JDBC:H2:TCP:")
                        && !upper.startsWith("JDBC:H2:SSL:");
        if (!embedded
                || upper.contains(";DB_CLOSE_ON_EXIT=")
                || upper.contains(";AUTO_SERVER=TRUE")) {
            return this;
        }
        return new DatabaseSettings(url + ";DB_CLOSE_ON_EXIT=FALSE", user, password);
    }

    /** Never prints the password (settings end up in logs and exception messages). */
    @Override
    public String toString() {
        return "DatabaseSettings[url="
                + url
                + ", user="
                + user
                + ", password="
                + (password == null ? null : "(hidden)")
                + "]";
    }
}
