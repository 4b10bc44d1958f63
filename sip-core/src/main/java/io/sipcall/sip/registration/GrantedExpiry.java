package io.sipcall.sip.registration;

import java.time.Duration;
import java.util.ListIterator;
import java.util.Locale;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.message.Response;

/**
 * How long a registrar's 200 says our binding lasts (RFC 3261 10.2.4): the {@code expires} parameter
 * of the Contact that is ours, else the Expires header, else what we asked for. A registrar returns
 * every binding of the address-of-record, other devices' too, so ours is picked out by its URI.
 */
final class GrantedExpiry {

    private GrantedExpiry() {
    }

    static Duration of(Response ok, SipURI ours, Duration requested) {
        ListIterator<?> contacts = ok.getHeaders(ContactHeader.NAME);
        while (contacts != null && contacts.hasNext()) {
            ContactHeader contact = (ContactHeader) contacts.next();
            if (contact.getAddress().getURI() instanceof SipURI uri && sameBinding(uri, ours)
                    && contact.getExpires() >= 0) {
                return Duration.ofSeconds(contact.getExpires());
            }
        }
        ExpiresHeader expires = ok.getExpires();
        if (expires != null) {
            return Duration.ofSeconds(expires.getExpires());
        }
        return requested;
    }

    /**
     * Whether a Contact the registrar returned is the one we sent: same user, host and port. Looser
     * than RFC 3261 19.1.4 URI equality on purpose, as registrars add or drop URI parameters.
     */
    static boolean sameBinding(SipURI returned, SipURI ours) {
        return same(returned.getUser(), ours.getUser())
                && returned.getHost() != null
                && returned.getHost().toLowerCase(Locale.ROOT).equals(ours.getHost().toLowerCase(Locale.ROOT))
                && port(returned) == port(ours);
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    private static int port(SipURI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "tls".equalsIgnoreCase(uri.getTransportParam()) || uri.isSecure() ? 5061 : 5060;
    }
}
