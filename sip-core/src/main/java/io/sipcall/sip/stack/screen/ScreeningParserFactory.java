package io.sipcall.sip.stack.screen;

import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/** Gives the stack a {@link ScreeningParser}; named by the stack property MESSAGE_PARSER_FACTORY. */
public final class ScreeningParserFactory implements MessageParserFactory {

    /** Called reflectively by the SIP stack. */
    public ScreeningParserFactory() {
    }

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        return new ScreeningParser(stack.getMaxMessageSize());
    }
}
