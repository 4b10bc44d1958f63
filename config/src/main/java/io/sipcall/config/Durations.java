package io.sipcall.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as written in the configuration. */
final class Durations {

    private static final Pattern SHORT = Pattern.compile("([0-9]{1,12})\\s*(ms|s|m|h)");

    private Durations() {
    }

    /**
     * Parses {@code 500ms}, {@code 60s}, {@code 2m}, {@code 1h} or an ISO-8601 duration
     * ({@code PT60S}, any case).
     *
     * @return the duration, or {@code null} when {@code text} is neither form
     */
    static Duration parse(String text) {
        Matcher m = SHORT.matcher(text);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        if (text.length() > 1 && Character.toUpperCase(text.charAt(0)) == 'P') {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException | ArithmeticException e) {
                return null;
            }
        }
        return null;
    }

    /** {@code 90s}, or {@code 500ms} when not whole seconds: how durations are written in the configuration. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
