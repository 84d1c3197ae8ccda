package dev.wrapup.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wrapup.bot.testing.BotProcess;
import dev.wrapup.bot.testing.FakeSlack;
import dev.wrapup.bot.testing.SlackRequests;
import dev.wrapup.bot.testing.TestBot;
import dev.wrapup.persistence.Database;
import dev.wrapup.persistence.DatabaseSettings;
import dev.wrapup.persistence.Events;
import dev.wrapup.persistence.testing.ListeningSockets;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar on its default H2 file, as an operator upgrading from an earlier version runs it: the
 * database keeps its data, gets a password, its folder and files become private, and the server
 * `export` reads it through listens on loopback only.
 */
class EmbeddedDatabaseIT {
    @TempDir Path workDir;

    @Test
    void databaseFromAnEarlierVersionIsMadePrivateAndStillServesExport() throws Exception {
        assumeTrue(ListeningSockets.available(), "needs Linux's /proc/net/tcp to see the socket");
        Path data = workDir.resolve("data");
        Files.createDirectories(data);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        String url = DatabaseSettings.h2File(data).url();
        // What an earlier version left: user sa with an empty password, files readable by all.
        try (Database old = Database.open(new DatabaseSettings(url, "sa", ""))) {
            old.migrate();
            old.transaction(tx -> Events.claim(tx, "EvEarlier", Instant.now()));
        }
        for (Path file : list(data)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }

        try (FakeSlack fake = new FakeSlack()) {
            fake.addUser("U0ALICE", "Alice", "Europe/Berlin", 3600);
            fake.addChannel("C0OPS", "ops", false, "U0ALICE", FakeSlack.BOT_USER_ID);
            Map<String, String> env = BotProcess.env(fake);
            try (BotProcess bot = BotProcess.start(env, workDir)) {
                SlackRequests slack = new SlackRequests(bot.baseUrl(), TestBot.SIGNING_SECRET);
                assertEquals(
                        200,
                        slack.command(
                                        "/incident",
                                        "declare here sev2 Private data",
                                        "U0ALICE",
                                        "C0OPS")
                                .statusCode());
                fake.await("pins.add", c -> "C0OPS".equals(c.param("channel")));

                assertEquals("rwx------", permissions(data));
                List<Path> files = list(data);
                assertTrue(files.contains(data.resolve("wrapup.password")), files.toString());
                assertTrue(files.contains(data.resolve("wrapup.lock.db")), files.toString());
                assertTrue(files.contains(data.resolve("index")), files.toString());
                for (Path file : files) {
                    assertEquals(
                            Files.isDirectory(file) ? "rwx------" : "rw-------",
                            permissions(file),
                            file.toString());
                }

                Properties lock = ListeningSockets.h2Lock(data.resolve("wrapup.lock.db"));
                String server = lock.getProperty("server");
                int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
                assertTrue(
                        InetAddress.getByName(server.substring(0, server.lastIndexOf(':')))
                                .isLoopbackAddress(),
                        "the lock file names " + server);
                List<InetAddress> listening = ListeningSockets.on(port);
                assertFalse(listening.isEmpty(), "nothing listens on " + port);
                for (InetAddress address : listening) {
                    assertTrue(address.isLoopbackAddress(), "H2's server listens on " + address);
                }

                String remote = "jdbc:h2:tcp://" + server + "/" + lock.getProperty("id");
                SQLException refused =
                        assertThrows(
                                SQLException.class,
                                () -> DriverManager.getConnection(remote, "sa", "").close());
                assertEquals(28000, refused.getErrorCode(), refused.getMessage());
                String password = Files.readString(data.resolve("wrapup.password")).strip();
                try (Connection c = DriverManager.getConnection(remote, "sa", password);
                        ResultSet kept =
                                c.createStatement()
                                        .executeQuery(
                                                "SELECT COUNT(*) FROM processed_event WHERE event_id = 'EvEarlier'")) {
                    assertTrue(kept.next());
                    assertEquals(1, kept.getInt(1), "the earlier version's data is still there");
                }

                // `export` in a process of its own reads the file through that server while the bot
                // runs.
                assertTrue(BotProcess.export(workDir, "C0OPS").contains("Private data"));
            }
        }
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static List<Path> list(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
