package dev.wrapup.persistence.testing;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * What the kernel says listens on a port (Linux's /proc/net/tcp and tcp6), and where H2's lock file
 * says its server is.
 */
public final class ListeningSockets {
    private ListeningSockets() {}

    public static boolean available() {
        return Files.isReadable(Path.of("/proc/net/tcp"));
    }

    /** The local address of every socket in LISTEN state on the port. */
    public static List<InetAddress> on(int port) throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.isReadable(path)) {
                continue;
            }
            List<String> lines = Files.readAllLines(path);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if (fields[3].equals("0A") && Integer.parseInt(local[1], 16) == port) {
                    addresses.add(address(local[0]));
                }
            }
        }
        return addresses;
    }

    /**
     * The "server" (host:port) and "id" an H2 lock file holds while AUTO_SERVER serves the
     * database.
     */
    public static Properties h2Lock(Path lockFile) throws IOException {
        Properties lock = new Properties();
        try (Reader in = Files.newBufferedReader(lockFile)) {
            lock.load(in);
        }
        return lock;
    }

    /** /proc/net/tcp writes an address as 32-bit words in the host's (little-endian) byte order. */
    private static InetAddress address(String hex) throws IOException {
        byte[] raw = HexFormat.of().parseHex(hex);
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 2; i++) {
                byte b = raw[word + i];
                raw[word + i] = raw[word + 3 - i];
                raw[word + 3 - i] = b;
            }
        }
        return InetAddress.getByAddress(raw); // an IPv4-mapped IPv6 address comes back as IPv4
    }
}
