package dev.wrapup.bot.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP/1.1 over a plain socket, for what an ordinary client will not do: declare a body it never
 * sends, stream one without end, or send a request line Jetty must refuse.
 */
public final class RawHttp implements AutoCloseable {
    /** A response as read off the wire: status, headers (lower-case names) and body. */
    public record Answer(int status, Map<String, String> headers, String body) {}

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    public RawHttp(int port) throws IOException {
        this(port, Duration.ofSeconds(10));
    }

    /** Reads wait for the server up to the timeout. */
    public RawHttp(int port, Duration readTimeout) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout((int) readTimeout.toMillis());
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    /** Sends the request line and headers, and the blank line after them. */
    public RawHttp head(String requestLine, Map<String, String> headers) throws IOException {
        StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    public RawHttp write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** One chunk of a chunked body. */
    public RawHttp chunk(byte[] bytes) throws IOException {
        out.write(
                (Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /**
     * What a streamed body came to: the answer, and how many bytes of the body went out before it.
     */
    public record Streamed(Answer answer, long bytesSent) {}

    /**
     * Sends the chunk again and again as a chunked body, never ending it, up to the limit, while
     * reading the answer: a server that answers before the body ends is heard even though it then
     * closes the connection on the rest.
     */
    public Streamed streamUntilAnswered(byte[] chunk, long limit)
            throws IOException, InterruptedException {
        return streamUntilAnswered(chunk, limit, true);
    }

    /**
     * As {@link #streamUntilAnswered(byte[], long)}; unchunked, the bytes go out as they are, for a
     * body whose length the head declared.
     */
    public Streamed streamUntilAnswered(byte[] piece, long limit, boolean chunked)
            throws IOException, InterruptedException {
        AtomicLong sent = new AtomicLong();
        Thread writer =
                new Thread(
                        () -> {
                            try {
                                while (sent.get() < limit) {
                                    if (chunked) {
                                        chunk(piece);
                                    } else {
                                        write(piece);
                                    }
                                    sent.addAndGet(piece.length);
                                }
                            } catch (IOException closed) {
                                // the server closed the connection: what it answered is read below
                            }
                        },
                        "raw-http-writer");
        writer.setDaemon(true);
        writer.start();
        Answer answer = read();
        long before = sent.get();
        socket.shutdownOutput();
        writer.join(10_000);
        return new Streamed(answer, before);
    }

    /** Reads one response (its body by Content-Length, or to the end of the connection). */
    public Answer read() throws IOException {
        String statusLine = line();
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.put(
                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim());
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line().trim(), 16);
                    size > 0;
                    size = Integer.parseInt(line().trim(), 16)) {
                all.write(in.readNBytes(size));
                line();
            }
            line();
            body = all.toByteArray();
        } else {
            body = in.readAllBytes();
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    /** True when the server has closed the connection (reading finds its end). */
    public boolean closedByServer() {
        try {
            return in.read() == -1;
        } catch (IOException e) {
            return true; // reset
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new IOException("connection closed mid-response: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
