package fr.relais.customer.match;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the customer CSV files of the {@code match-customers} contract: UTF-8 (a BOM is
 * allowed), RFC 4180, header {@code id,name,address,postcode,city,phone,email,siret}. Anything else is
 * refused with the file, the line and the reason.
 */
public final class CustomerCsv {

    public static final List<String> HEADER = List.of("id", "name", "address", "postcode", "city", "phone", "email",
            "siret");
    private static final Pattern LINE_IN_MESSAGE = Pattern.compile("line:? ?(\\d+)", Pattern.CASE_INSENSITIVE);

    private CustomerCsv() {
    }

    public static List<CustomerRecord> read(Path file) throws CustomerFileException {
        String name = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CustomerFileException(name, 0, "cannot read the file (" + e.getMessage() + ")");
        }
        return parse(name, bytes);
    }

    /** Parses the bytes of a customer file; {@code name} is used in messages. */
    public static List<CustomerRecord> parse(String name, byte[] bytes) throws CustomerFileException {
        String text = decodeUtf8(name, bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new CustomerFileException(name, 1, "empty file: expected the header " + String.join(",", HEADER));
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
        List<CustomerRecord> out = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        boolean header = true;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Iterator<CSVRecord> it = parser.iterator();
            long line = parser.getCurrentLineNumber() + 1;
            while (true) {
                CSVRecord r;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    r = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw quoting(name, line, e);
                }
                if (header) {
                    List<String> h = new ArrayList<>();
                    r.forEach(v -> h.add(v.strip().toLowerCase(java.util.Locale.ROOT)));
                    if (!h.equals(HEADER)) {
                        throw new CustomerFileException(name, line, "wrong header: expected "
                                + String.join(",", HEADER) + " but found " + String.join(",", r.toList()));
                    }
                    header = false;
                } else {
                    if (r.size() != HEADER.size()) {
                        throw new CustomerFileException(name, line, "expected " + HEADER.size() + " fields but found "
                                + r.size() + " (a comma inside a value must be quoted)");
                    }
                    String id = r.get(0).strip();
                    if (id.isEmpty()) {
                        throw new CustomerFileException(name, line, "empty id");
                    }
                    Long before = seen.putIfAbsent(id, line);
                    if (before != null) {
                        throw new CustomerFileException(name, line, "id '" + id + "' already used on line " + before);
                    }
                    out.add(new CustomerRecord(id, r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6),
                            r.get(7)));
                }
                line = parser.getCurrentLineNumber() + 1;
            }
        } catch (IOException e) {
            throw new CustomerFileException(name, 0, "cannot read the file (" + e.getMessage() + ")");
        }
        if (header) {
            throw new CustomerFileException(name, 1, "empty file: expected the header " + String.join(",", HEADER));
        }
        return out;
    }

    private static CustomerFileException quoting(String name, long line, RuntimeException e) {
        String msg = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                : String.valueOf(e.getMessage());
        long at = line;
        Matcher m = LINE_IN_MESSAGE.matcher(msg);
        if (m.find()) {
            at = Long.parseLong(m.group(1));
        }
        String reason;
        String lower = msg.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("eof reached before encapsulated token finished")) {
            reason = "bad quoting: a quoted value opened on line " + line + " is never closed";
            at = line;
        } else if (lower.contains("invalid char") && lower.contains("encapsulated token")) {
            reason = "bad quoting: text after a closing quote (a quote inside a value must be doubled)";
        } else {
            reason = "bad CSV: " + msg;
        }
        return new CustomerFileException(name, at, reason);
    }

    /** Strict UTF-8: an invalid byte is reported with its line. */
    static String decodeUtf8(String name, byte[] bytes) throws CustomerFileException {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = d.decode(in, out, true);
        if (!r.isError()) {
            r = d.flush(out);
        }
        if (r.isError()) {
            int pos = in.position();
            long line = 1;
            for (int i = 0; i < pos && i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new CustomerFileException(name, line, String.format(
                    "not UTF-8: invalid byte 0x%02X at byte offset %d (save the file as UTF-8, not Windows-1252/Latin-1)",
                    bytes[pos] & 0xFF, pos));
        }
        out.flip();
        return out.toString();
    }

    /** Writes rows with a header, RFC 4180. */
    public static void write(Writer w, List<String> header, List<List<String>> rows) throws IOException {
        try (CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            p.printRecord(header);
            for (List<String> row : rows) {
                p.printRecord(row);
            }
        }
    }

    /** Writes customer records in the contract's format. */
    public static void writeCustomers(Writer w, List<CustomerRecord> records) throws IOException {
        List<List<String>> rows = new ArrayList<>(records.size());
        for (CustomerRecord r : records) {
            rows.add(List.of(r.id(), r.name(), r.address(), r.postcode(), r.city(), r.phone(), r.email(), r.siret()));
        }
        write(w, HEADER, rows);
    }
}
