package io.sipcall.media.esl;

import io.sipcall.config.Secret;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start of an inbound ESL connection: FreeSWITCH either refuses the client outright
 * ({@code text/rude-rejection}, its ACL) or asks for the password ({@code auth/request}); the client
 * answers {@code auth <password>} and FreeSWITCH replies {@code +OK accepted} or {@code -ERR invalid}
 * (mod_event_socket.c, {@code parse_command}).
 */
final class Handshake {

    private static final Logger LOG = LoggerFactory.getLogger(Handshake.class);

    private Handshake() {
    }

    static void authenticate(FrameDecoder in, OutputStream out, Secret password, String peer) throws IOException {
        EslFrame greeting = require(in.next(), "before asking for the password");
        String type = greeting.contentType();
        if (type.equals(EslFrame.RUDE_REJECTION)) {
            throw new EslRejectedException(peer + ": FreeSWITCH's inbound ACL refused this client: "
                    + Commands.oneLine(greeting.bodyText()));
        }
        if (!type.equals(EslFrame.AUTH_REQUEST)) {
            throw new EslProtocolException("expected auth/request, FreeSWITCH sent '" + type + "'");
        }
        LOG.debug("ESL {}: sending the password", peer);
        out.write(("auth " + password.reveal() + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        EslFrame reply = require(in.next(), "after the password was sent");
        String text = reply.header(EslFrame.REPLY_TEXT);
        if (!reply.contentType().equals(EslFrame.COMMAND_REPLY) || text == null) {
            throw new EslProtocolException("expected a reply to auth, FreeSWITCH sent '" + reply.contentType() + "'");
        }
        if (!text.startsWith("+OK")) {
            throw new EslAuthenticationException(peer + ": FreeSWITCH refused the ESL password (" + text.strip() + ")");
        }
    }

    private static EslFrame require(EslFrame frame, String when) throws EOFException {
        if (frame == null) {
            throw new EOFException("FreeSWITCH closed the connection " + when);
        }
        return frame;
    }
}
