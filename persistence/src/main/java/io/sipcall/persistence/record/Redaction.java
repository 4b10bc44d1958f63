package io.sipcall.persistence.record;

import io.sipcall.sip.route.Numbers;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keeps phone numbers out of free text that is stored unencrypted (reason phrases). */
final class Redaction {

    /**
     * Six or more digits in a row: longer than any SIP status or Q.850 cause, shorter than any
     * callable number. A trunk's reason phrase may quote the number it refused.
     */
    private static final Pattern DIGIT_RUN = Pattern.compile("\\+?[0-9]{6,}");

    private Redaction() {
    }

    /** {@code text} with every long digit run masked as {@link Numbers#masked} does; null stays null. */
    static String maskDigits(String text) {
        if (text == null) {
            return null;
        }
        return DIGIT_RUN.matcher(text).replaceAll(run -> Matcher.quoteReplacement(Numbers.masked(run.group())));
    }
}
