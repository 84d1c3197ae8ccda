package dev.wrapup.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wrapup.persistence.jooq.Tables;
import dev.wrapup.persistence.testing.ListeningSockets;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An H2 file given without credentials (the default, and every URL the tests give the bot) is
 * private to its owner, has a generated password, and serves `export` on loopback only; databases
 * from before passwords keep working.
 */
class EmbeddedDatabaseTest {
    private static final int WRONG_USER_OR_PASSWORD = 28000;

    static {
        // As `main` does first: in this JVM a test may reach H2 before Database is loaded.
        Database.listenOnLoopbackOnly();
    }

    @TempDir Path tmp;

    @Test
    void freshStartMakesAPrivateFolderAndAPasswordTheOldLoginCannotOpen() throws Exception {
        Path data = tmp.resolve("data");
        DatabaseSettings settings = DatabaseSettings.h2File(data);
        String password;
        try (Database database = Database.open(settings)) {
            database.migrate();
            assertEquals("rwx------", permissions(data));
            List<Path> files = list(data);
            assertTrue(files.contains(data.resolve("wrapup.mv.db")), files.toString());
            assertTrue(files.contains(data.resolve("wrapup.password")), files.toString());
            for (Path file : files) {
                assertEquals("rw-------", permissions(file), file.toString());
            }
            password = Files.readString(data.resolve("wrapup.password")).strip();
            assertTrue(password.length() >= 40, "a long random password");
            assertRefusesOldLogin(settings.url());
        }
        assertRefusesOldLogin(settings.url());
        try (Connection c = DriverManager.getConnection(settings.url(), "sa", password)) {
            assertTrue(c.isValid(2));
        }
        assertEquals(
                password,
                Files.readString(data.resolve("wrapup.password")).strip(),
                "the same one next time");
    }

    @Test
    void databaseFromBeforePasswordsKeepsItsDataAndGetsThePassword() throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        String url = DatabaseSettings.h2File(data).url();
        // Created the way earlier versions did: user sa, empty password.
        try (Database old = Database.open(new DatabaseSettings(url, "sa", ""))) {
            old.migrate();
            old.dsl()
                    .insertInto(Tables.PROCESSED_EVENT)
                    .set(Tables.PROCESSED_EVENT.EVENT_ID, "EvBefore")
                    .set(Tables.PROCESSED_EVENT.RECEIVED_AT, Instant.now())
                    .execute();
        }
        assertFalse(
                Files.exists(data.resolve("wrapup.password")), "no password before this version");
        for (Path file : list(data)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }

        try (Database database = Database.open(DatabaseSettings.h2File(data))) {
            assertEquals(0, database.migrate().migrationsExecuted);
            assertEquals(
                    1,
                    database.dsl()
                            .fetchCount(
                                    Tables.PROCESSED_EVENT,
                                    Tables.PROCESSED_EVENT.EVENT_ID.eq("EvBefore")));
            assertRefusesOldLogin(url);
        }
        assertEquals("rwx------", permissions(data));
        for (Path file : list(data)) {
            assertEquals("rw-------", permissions(file), file.toString());
        }
        String password = Files.readString(data.resolve("wrapup.password")).strip();
        try (Connection c = DriverManager.getConnection(url, "sa", password)) {
            assertTrue(c.isValid(2));
        }
    }

    @Test
    void startStoppedAfterWritingThePasswordFinishesTheMoveNextTime() throws Exception {
        Path data = tmp.resolve("data");
        String url = DatabaseSettings.h2File(data).url();
        try (Connection old = DriverManager.getConnection(url, "sa", "")) {
            old.createStatement().execute("CREATE TABLE kept (id INT)");
            old.createStatement().execute("INSERT INTO kept VALUES (42)");
        }
        // The file is written first; a start that stopped right after it left the database on the
        // empty password.
        Files.writeString(data.resolve("wrapup.password"), "written-by-a-start-that-stopped\n");

        try (Database database = Database.open(DatabaseSettings.h2File(data))) {
            assertEquals(42, database.dsl().fetchValue("SELECT id FROM kept"));
        }
        assertRefusesOldLogin(url);
        try (Connection c =
                DriverManager.getConnection(url, "sa", "written-by-a-start-that-stopped")) {
            assertTrue(c.isValid(2));
        }
    }

    @Test
    void databaseThatRefusesThePasswordSaysWhichFile() throws Exception {
        Path data = tmp.resolve("data");
        String url = DatabaseSettings.h2File(data).url();
        DriverManager.getConnection(url, "sa", "the-real-one").close();
        Files.writeString(data.resolve("wrapup.password"), "not-the-real-one\n");

        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () -> Database.open(DatabaseSettings.h2File(data)).close());
        assertTrue(
                e.getMessage().contains(data.resolve("wrapup.password").toString()),
                e.getMessage());
    }

    @Test
    void sharedFolderKeepsItsPermissionsWhileTheDatabaseFilesArePrivate() throws Exception {
        Path shared = tmp.resolve("shared");
        Files.createDirectories(shared);
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path notes = Files.writeString(shared.resolve("notes.txt"), "not the database's");
        Files.setPosixFilePermissions(notes, PosixFilePermissions.fromString("rw-r--r--"));

        try (Database database =
                Database.open(
                        new DatabaseSettings(
                                "jdbc:h2:file:" + shared.resolve("wrapup") + ";WRITE_DELAY=0",
                                null,
                                null))) {
            database.migrate();
        }
        assertEquals("rwxr-xr-x", permissions(shared));
        assertEquals("rw-r--r--", permissions(notes));
        for (Path file : list(shared)) {
            if (file.getFileName().toString().startsWith("wrapup.")) {
                assertEquals("rw-------", permissions(file), file.toString());
            }
        }
    }

    @Test
    void explicitCredentialsAreLeftAlone() throws Exception {
        String url = "jdbc:h2:file:" + tmp.resolve("wrapup") + ";WRITE_DELAY=0";
        try (Database database = Database.open(new DatabaseSettings(url, "sa", ""))) {
            database.migrate();
        }
        assertFalse(Files.exists(tmp.resolve("wrapup.password")));
        DriverManager.getConnection(url, "sa", "").close();
    }

    @Test
    void serverForExportListensOnLoopbackOnlyAndWantsThePassword() throws Exception {
        assumeTrue(ListeningSockets.available(), "needs Linux's /proc/net/tcp to see the socket");
        Path data = tmp.resolve("data");
        try (Database database = Database.open(DatabaseSettings.h2File(data))) {
            database.migrate();
            Properties lock = ListeningSockets.h2Lock(data.resolve("wrapup.lock.db"));
            String server = lock.getProperty("server");
            String host = server.substring(0, server.lastIndexOf(':'));
            int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
            assertTrue(
                    InetAddress.getByName(host).isLoopbackAddress(),
                    "the lock file names " + server);

            List<InetAddress> listening = ListeningSockets.on(port);
            assertFalse(listening.isEmpty(), "nothing listens on " + port);
            for (InetAddress address : listening) {
                assertTrue(address.isLoopbackAddress(), "port " + port + " listens on " + address);
            }
            for (InetAddress address : ownAddresses()) {
                if (!address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                    assertThrows(
                            ConnectException.class,
                            () -> {
                                try (Socket socket = new Socket()) {
                                    socket.connect(new InetSocketAddress(address, port), 2000);
                                }
                            },
                            "connected on " + address);
                }
            }

            // What `export` does while the bot runs: connect through the lock file's address.
            String remote = "jdbc:h2:tcp://" + server + "/" + lock.getProperty("id");
            String password = Files.readString(data.resolve("wrapup.password")).strip();
            try (Connection c = DriverManager.getConnection(remote, "sa", password);
                    ResultSet count =
                            c.createStatement()
                                    .executeQuery("SELECT COUNT(*) FROM processed_event")) {
                assertTrue(count.next());
                assertEquals(0, count.getInt(1));
            }
            SQLException refused =
                    assertThrows(
                            SQLException.class,
                            () -> DriverManager.getConnection(remote, "sa", "").close());
            assertEquals(WRONG_USER_OR_PASSWORD, refused.getErrorCode());
        }
    }

    private static void assertRefusesOldLogin(String url) {
        SQLException refused =
                assertThrows(
                        SQLException.class,
                        () -> DriverManager.getConnection(url, "sa", "").close());
        assertEquals(WRONG_USER_OR_PASSWORD, refused.getErrorCode(), refused.getMessage());
    }

    private static List<InetAddress> ownAddresses() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            addresses.addAll(Collections.list(nic.getInetAddresses()));
        }
        return addresses;
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
