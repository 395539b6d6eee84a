package fr.relais.mail.intake;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.Base64;
import java.util.Map;

/**
 * Writes a real TNEF stream (winmail.dat) as Outlook does ([MS-OXTNEF]: signature, key, then attribute records
 * of level, id, type, length, data and checksum), for tests: Apache POI HMEF reads it back.
 */
final class TnefSample {

    private static final int SIGNATURE = 0x223E9F78;
    private static final int LEVEL_MESSAGE = 1;
    private static final int LEVEL_ATTACHMENT = 2;

    private TnefSample() {
    }

    /** A winmail.dat holding the given files (name → content), in order. */
    static byte[] winmail(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(le(4, SIGNATURE));
        out.writeBytes(le(2, 1));
        attribute(out, LEVEL_MESSAGE, 0x9006, 8, le(4, 0x00010000));                  // attTnefVersion
        attribute(out, LEVEL_MESSAGE, 0x8008, 1, cString("IPM.Microsoft Mail.Note")); // attMessageClass
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            attribute(out, LEVEL_ATTACHMENT, 0x9002, 6, new byte[14]);                 // attAttachRendData
            attribute(out, LEVEL_ATTACHMENT, 0x8010, 1, cString(file.getKey()));        // attAttachTitle
            attribute(out, LEVEL_ATTACHMENT, 0x800F, 6, file.getValue());              // attAttachData
        }
        return out.toByteArray();
    }

    /** A mail carrying a winmail.dat as Exchange sends it. */
    static String mail(byte[] winmail) {
        return """
                From: Outlook <outlook@example.fr>
                To: contact@relais.local
                Subject: TNEF
                Message-ID: <tnef@example.fr>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="T"

                --T
                Content-Type: text/plain

                Voir pieces jointes.
                --T
                Content-Type: application/ms-tnef; name="winmail.dat"
                Content-Disposition: attachment; filename="winmail.dat"
                Content-Transfer-Encoding: base64

                """ + Base64.getMimeEncoder().encodeToString(winmail) + "\n--T--\n";
    }

    private static void attribute(ByteArrayOutputStream out, int level, int id, int type, byte[] data) {
        out.write(level);
        out.writeBytes(le(2, id));
        out.writeBytes(le(2, type));
        out.writeBytes(le(4, data.length));
        out.writeBytes(data);
        int checksum = 0;
        for (byte b : data) {
            checksum += b & 0xff;
        }
        out.writeBytes(le(2, checksum & 0xffff));
    }

    private static byte[] cString(String s) {
        byte[] bytes = s.getBytes(Charset.forName("windows-1252"));
        byte[] withNul = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, withNul, 0, bytes.length);
        return withNul;
    }

    private static byte[] le(int size, int value) {
        ByteBuffer buffer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value);
        byte[] bytes = new byte[size];
        System.arraycopy(buffer.array(), 0, bytes, 0, size);
        return bytes;
    }
}
