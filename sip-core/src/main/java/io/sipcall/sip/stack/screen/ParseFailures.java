package io.sipcall.sip.stack.screen;

import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stands between the RI's parser and the channel that received the bytes, for one message. A
 * mandatory header (or first line) the parser cannot read is remembered here, with the sender's
 * text, instead of reaching the channel, whose reaction is what we replace. Any other unreadable
 * header goes to the channel, which keeps it as unparsed text and carries on (the RI's choice,
 * and ours: an unreadable optional header does not make a request unanswerable).
 */
final class ParseFailures implements ParseExceptionListener {

    /** What the RI's channels treat as fatal: the headers every response copies, framing, first line. */
    private static final Set<Class<?>> MANDATORY = Set.of(From.class, To.class, CSeq.class, CallID.class,
            Via.class, ContentLength.class, RequestLine.class, StatusLine.class);

    private final ParseExceptionListener next;
    private final Map<Class<?>, String> failed = new HashMap<>();

    ParseFailures(ParseExceptionListener next) {
        this.next = next;
    }

    @Override
    public void handleException(ParseException ex, SIPMessage message, @SuppressWarnings("rawtypes") Class headerClass,
            String headerText, String messageText) throws ParseException {
        if (headerClass != null && MANDATORY.contains(headerClass)) {
            failed.putIfAbsent(headerClass, headerText == null ? "" : headerText);
        } else if (next != null) {
            next.handleException(ex, message, headerClass, headerText, messageText);
        } else {
            message.addUnparsed(headerText);
        }
    }

    boolean failed(Class<?> headerClass) {
        return failed.containsKey(headerClass);
    }

    /**
     * The value the sender wrote for a header that failed (the text after the first colon), or for
     * the first line the whole line.
     */
    Optional<String> text(Class<?> headerClass) {
        String text = failed.get(headerClass);
        if (text == null) {
            return Optional.empty();
        }
        if (headerClass == RequestLine.class || headerClass == StatusLine.class) {
            return Optional.of(text.strip());
        }
        int colon = text.indexOf(':');
        return Optional.of((colon < 0 ? text : text.substring(colon + 1)).strip());
    }
}
