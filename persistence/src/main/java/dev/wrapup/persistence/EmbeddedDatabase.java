package dev.wrapup.persistence;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An H2 file Wrapup keeps for itself: a folder and files only their owner can read, a password
 * generated at first start and kept beside them, and H2's server (AUTO_SERVER, for `export` while
 * the bot runs) on loopback only.
 */
final class EmbeddedDatabase {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    /**
     * The administrator H2 creates with a new database; earlier versions logged in as it with no
     * password.
     */
    static final String USER = "sa";

    private static final String OLD_PASSWORD = "";

    /** H2's error code for a refused user name or password. */
    private static final int WRONG_USER_OR_PASSWORD = 28000;

    private final String url;
    private final Path folder;
    private final String name;
    private final DatabaseFiles files;

    private EmbeddedDatabase(String url, Path database) {
        this.url = url;
        this.folder = database.getParent();
        this.name = database.getFileName().toString();
        this.files = new DatabaseFiles(folder, name);
    }

    /**
     * H2 opens its server sockets (AUTO_SERVER's included) on this address and writes it to the
     * lock file that `export` reads. H2 reads the property once, when it first needs it, so this
     * runs before any database is opened.
     */
    static void listenOnLoopbackOnly() {
        System.setProperty("h2.bindAddress", "127.0.0.1");
    }

    /**
     * The H2 file these settings name, when they give no credentials of their own: then Wrapup
     * keeps its password and permissions. Explicit credentials, in-memory and remote H2 URLs, and
     * PostgreSQL are left as they are.
     */
    static Optional<EmbeddedDatabase> of(DatabaseSettings settings) {
        if (settings.user() != null
                || settings.password() != null
                || !settings.url().startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String rest = settings.url().substring("jdbc:h2:".length());
        int semicolon = rest.indexOf(';');
        String options = semicolon < 0 ? "" : rest.substring(semicolon).toUpperCase(Locale.ROOT);
        String path = semicolon < 0 ? rest : rest.substring(0, semicolon);
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        if (options.contains(";USER=")
                || options.contains(";PASSWORD=")
                || !(path.startsWith("/") || path.startsWith(".") || path.startsWith("~"))) {
            return Optional.empty();
        }
        Path database =
                path.startsWith("~")
                        ? Path.of(
                                System.getProperty("user.home"),
                                path.substring(1).replaceFirst("^/", ""))
                        : Path.of(path);
        return Optional.of(
                new EmbeddedDatabase(settings.url(), database.toAbsolutePath().normalize()));
    }

    /** The file that holds the password, beside the database. */
    Path passwordFile() {
        return folder.resolve(name + ".password");
    }

    /**
     * Makes the folder and the database's files private, reads the password (generating it at first
     * start) and returns the settings to log in with.
     */
    DatabaseSettings prepare() {
        try {
            files.makeFolderPrivate();
            files.makeFilesPrivate();
            return new DatabaseSettings(url, USER, password());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot prepare the database folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * A first connection with the password. A database from before passwords (user sa, empty
     * password) is moved to it here: the password file is always written first, so a start that
     * stops between the two finds the database still on the empty password next time and moves it
     * then.
     */
    Connection connect(DatabaseSettings settings) throws SQLException {
        try {
            return DriverManager.getConnection(url, settings.user(), settings.password());
        } catch (SQLException refused) {
            if (refused.getErrorCode() != WRONG_USER_OR_PASSWORD) {
                throw refused;
            }
            Connection old = connectAsBefore(refused);
            try (PreparedStatement alter =
                    old.prepareStatement("ALTER USER " + USER + " SET PASSWORD ?")) {
                alter.setString(1, settings.password());
                alter.execute();
            } catch (SQLException | RuntimeException e) {
                old.close();
                throw e;
            }
            log.info(
                    "the database {} had no password; it now has the one in {}",
                    folder.resolve(name),
                    passwordFile());
            return old;
        }
    }

    private Connection connectAsBefore(SQLException refused) throws SQLException {
        try {
            return DriverManager.getConnection(url, USER, OLD_PASSWORD);
        } catch (SQLException e) {
            if (e.getErrorCode() != WRONG_USER_OR_PASSWORD) {
                throw e;
            }
            throw new IllegalStateException(
                    "the H2 database "
                            + folder.resolve(name)
                            + " refuses the password in "
                            + passwordFile()
                            + ". Put back the password file it was created with, or give the database's "
                            + "user and password explicitly.",
                    refused);
        }
    }

    /** Makes private the files H2 created on opening (the database, its lock and trace files). */
    void makeFilesPrivate() {
        files.makeFilesPrivate();
    }

    private String password() throws IOException {
        Path file = passwordFile();
        if (!Files.exists(file)) {
            writeNewPassword(file);
        }
        String password = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (password.isEmpty()) {
            throw new IllegalStateException(
                    "the database password file "
                            + file
                            + " is empty. Put back the "
                            + "password file the database was created with.");
        }
        return password;
    }

    /**
     * Written whole to a new file, flushed to disk, then moved into place: never half a password.
     */
    private void writeNewPassword(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        byte[] password =
                (Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n")
                        .getBytes(StandardCharsets.UTF_8);
        Path written = Files.createTempFile(folder, name + ".password.", ".new", files.ownerOnly());
        try {
            try (FileChannel channel = FileChannel.open(written, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(password));
                channel.force(true);
            }
            Files.move(written, file);
            log.info("generated a password for the database {} in {}", folder.resolve(name), file);
        } catch (FileAlreadyExistsException startedAlongside) {
            // Another start (`export`, `migrate`) wrote one meanwhile: that one counts.
        } finally {
            Files.deleteIfExists(written);
        }
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // Not every file system can sync a directory; the rename is then as durable as it gets.
        }
    }
}
