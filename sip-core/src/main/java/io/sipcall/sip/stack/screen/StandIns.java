package io.sipcall.sip.stack.screen;

import gov.nist.core.Host;
import gov.nist.core.HostPort;
import gov.nist.javax.sip.address.AddressImpl;
import gov.nist.javax.sip.address.GenericURI;
import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import java.text.ParseException;
import java.util.regex.Pattern;
import javax.sip.header.ToHeader;

/**
 * Headers put where the parser found none it could read, so that the stack carries the message to
 * {@link RejectionValve}. From, To, Call-ID and CSeq stand-ins encode exactly the text the sender
 * wrote: a 400 copies them (RFC 3261 8.2.6.2) and the sender can match it to its request. The
 * others are placeholders no response ever shows.
 */
final class StandIns {

    /** RFC 2606 reserves the name, so a placeholder can never reach a real host. */
    static final String NOWHERE = "invalid.invalid";
    private static final Pattern TAG = Pattern.compile(";\\s*tag\\s*=", Pattern.CASE_INSENSITIVE);
    /** Neither {@link AddressImpl#NAME_ADDR}, {@link AddressImpl#ADDRESS_SPEC} nor {@link AddressImpl#WILD_CARD}. */
    private static final int VERBATIM = 0;

    private StandIns() {
    }

    static From from(String text) {
        From from = new From();
        from.setAddress(verbatimAddress(text));
        return from;
    }

    static To to(String text) {
        To to = new To();
        to.setAddress(verbatimAddress(text));
        return to;
    }

    /**
     * Whether a response may add its own tag to {@code to} (RFC 3261 8.2.6.2): it has none, and is
     * not a stand-in whose text already carries one.
     */
    static boolean lacksTag(ToHeader to) {
        if (to.getTag() != null) {
            return false;
        }
        return !(to.getAddress() instanceof AddressImpl address && address.getURI() instanceof VerbatimUri uri
                && TAG.matcher(uri.encode()).find());
    }

    static CallID callId(String text) {
        return new VerbatimCallId(text);
    }

    /** A CSeq that encodes as {@code text} but reports {@code method}, so the stack's method check passes. */
    static CSeq cSeq(String text, String method) {
        return new VerbatimCSeq(text, method);
    }

    static RequestLine requestLine(String method) {
        SipUri nowhere = new SipUri();
        nowhere.setHost(new Host(NOWHERE));
        return new RequestLine(nowhere, method);
    }

    static StatusLine statusLine() {
        StatusLine line = new StatusLine();
        line.setStatusCode(500);
        line.setReasonPhrase("Unreadable");
        return line;
    }

    /** A Via naming the peer the bytes came from, which is where the stack would answer anyway. */
    static Via via(String transport, String address, int port) {
        Via via = new Via();
        try {
            via.setTransport(transport);
        } catch (ParseException e) {
            throw new IllegalArgumentException("transport " + transport, e);
        }
        HostPort sentBy = new HostPort();
        sentBy.setHost(new Host(address == null ? NOWHERE : address));
        if (port > 0) {
            sentBy.setPort(port);
        }
        via.setSentBy(sentBy);
        return via;
    }

    /**
     * An address that encodes as {@code text} exactly: a URI holding the text, in an address that
     * is neither name-addr nor addr-spec, which the RI's AddressImpl and From/To encode bare, without
     * angle brackets. (From and To themselves are final.) ScreeningParserTest pins this down.
     */
    private static AddressImpl verbatimAddress(String text) {
        AddressImpl address = new AddressImpl();
        address.setAddess(new VerbatimUri(text));
        address.setAddressType(VERBATIM);
        return address;
    }

    /** A URI that is the sender's text, whatever it says. */
    private static final class VerbatimUri extends GenericURI {
        private static final long serialVersionUID = 1L;

        VerbatimUri(String text) {
            this.uriString = text;
            this.scheme = "";
        }
    }

    private static final class VerbatimCallId extends CallID {
        private static final long serialVersionUID = 1L;
        private final String text;

        VerbatimCallId(String text) {
            this.text = text;
        }

        @Override
        public String getCallId() {
            return text;
        }

        @Override
        protected StringBuilder encodeBody(StringBuilder buffer) {
            return buffer.append(text);
        }
    }

    private static final class VerbatimCSeq extends CSeq {
        private static final long serialVersionUID = 1L;
        private final String text;

        VerbatimCSeq(String text, String method) {
            super(0, method);
            this.text = text;
        }

        @Override
        protected StringBuilder encodeBody(StringBuilder buffer) {
            return buffer.append(text);
        }
    }
}
