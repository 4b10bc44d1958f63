package io.sipcall.sip.call;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Log lines about a call's trunk attempts, under the call's logger name. */
final class B2buaCallLog {

    private static final Logger LOG = LoggerFactory.getLogger(B2buaCall.class);

    private B2buaCallLog() {
    }

    static void skipped(String trunk) {
        LOG.info("trunk {} is at its channel or call-rate limit; skipped", trunk);
    }
}
