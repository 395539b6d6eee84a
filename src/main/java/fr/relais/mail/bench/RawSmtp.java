package fr.relais.mail.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A bare SMTP client that sends a mail's bytes exactly as given (no header rewritten, no Message-ID added), as a
 * customer's server would: for the benchmark and the tests, against the embedded server (no TLS, no login).
 * One connection, several mails. Not thread-safe.
 */
public final class RawSmtp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawSmtp(String host, int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(30_000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        expect(reply(), "220");
        command("EHLO relais-bench", "250");
    }

    /** Sends one mail to the given recipients; returns when the server accepted it (250 after DATA). */
    public void send(String from, List<String> to, byte[] raw) throws IOException {
        command("MAIL FROM:<" + from + ">", "250");
        for (String rcpt : to) {
            command("RCPT TO:<" + rcpt + ">", "250");
        }
        command("DATA", "354");
        out.write(dotStuffed(raw));
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(reply(), "250");
    }

    /** The bytes with CRLF line ends, a leading dot doubled, and a final line end. */
    static byte[] dotStuffed(byte[] raw) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(raw.length + 64);
        boolean lineStart = true;
        for (int i = 0; i < raw.length; i++) {
            byte c = raw[i];
            if (lineStart && c == '.') {
                b.write('.');
            }
            if (c == '\n' && (i == 0 || raw[i - 1] != '\r')) {
                b.write('\r');
            }
            if (c == '\r' && (i + 1 >= raw.length || raw[i + 1] != '\n')) {
                b.write('\r');
                b.write('\n');
                lineStart = true;
                continue;
            }
            b.write(c);
            lineStart = c == '\n';
        }
        if (!lineStart) {
            b.write('\r');
            b.write('\n');
        }
        return b.toByteArray();
    }

    private void command(String line, String expected) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(reply(), expected);
    }

    private static void expect(String reply, String code) throws IOException {
        if (!reply.startsWith(code)) {
            throw new IOException("SMTP server answered '" + reply.strip() + "', expected " + code);
        }
    }

    /** The last line of a (possibly multi-line) reply. */
    private String reply() throws IOException {
        while (true) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                line.append((char) c);
            }
            if (c == -1) {
                throw new IOException("SMTP connection closed");
            }
            if (line.length() < 4 || line.charAt(3) != '-') {
                return line.toString();
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException ignored) {
            // closing anyway
        }
        socket.close();
    }
}
