package vn.ispeed.notify.support;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import vn.ispeed.testsupport.GreenMailResource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads what the real SMTP server received. */
public final class Mailbox {
    private Mailbox() {
    }

    /** Messages addressed to the address; GreenMail stores one copy per recipient, so unique by Message-ID. */
    public static List<MimeMessage> to(String address) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return Arrays.stream(GreenMailResource.greenMail().getReceivedMessages())
                .filter(m -> recipients(m).contains(address))
                .filter(m -> seen.add(header(m, "Message-ID")))
                .toList();
    }

    public static List<String> recipients(MimeMessage m) {
        try {
            List<String> result = new ArrayList<>();
            if (m.getRecipients(Message.RecipientType.TO) != null) {
                Arrays.stream(m.getRecipients(Message.RecipientType.TO)).forEach(a -> result.add(a.toString()));
            }
            return result;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body part of the given type ("text/plain" or "text/html"), decoded. */
    public static String part(MimeMessage m, String type) {
        try {
            return find(m, type);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String find(Part part, String type) throws MessagingException, IOException {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = find(child, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    public static String header(MimeMessage m, String name) {
        try {
            String[] values = m.getHeader(name);
            return values == null ? null : values[0];
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
