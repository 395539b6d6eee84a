package fr.relais.mail.intake;

import org.apache.poi.hmef.Attachment;
import org.apache.poi.hmef.HMEFMessage;
import org.apache.poi.hmef.attribute.MAPIAttribute;
import org.apache.poi.hmef.attribute.MAPIStringAttribute;
import org.apache.poi.hsmf.datatypes.MAPIProperty;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Unpacks Outlook's TNEF {@code winmail.dat} (Apache POI HMEF): its files and its plain-text body. */
final class TnefUnpacker {

    record File(String name, byte[] content) {
    }

    record Unpacked(List<File> files, String body) {
    }

    private TnefUnpacker() {
    }

    static boolean isTnef(String contentType, String fileName) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        return type.equals("application/ms-tnef") || type.equals("application/vnd.ms-tnef")
                || fileName != null && fileName.strip().equalsIgnoreCase("winmail.dat");
    }

    /** Unpacks the bytes; throws when they are not TNEF or are broken (the caller keeps them as they are). */
    static Unpacked unpack(byte[] bytes) throws IOException {
        HMEFMessage message = new HMEFMessage(new ByteArrayInputStream(bytes));
        List<File> files = new ArrayList<>();
        for (Attachment attachment : message.getAttachments()) {
            byte[] content;
            try {
                content = attachment.getContents();
            } catch (RuntimeException e) {
                continue; // an attachment record without data (e.g. an embedded OLE object)
            }
            String name = attachment.getLongFilename();
            if (name == null || name.isBlank()) {
                name = attachment.getFilename();
            }
            files.add(new File(name == null ? "" : name.replace("\0", ""), content));
        }
        String body = null;
        MAPIAttribute text = message.getMessageMAPIAttribute(MAPIProperty.BODY);
        if (text != null) {
            body = MAPIStringAttribute.getAsString(text);
        }
        return new Unpacked(files, body);
    }
}
