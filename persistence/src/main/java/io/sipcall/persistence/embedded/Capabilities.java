package io.sipcall.persistence.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Linux capabilities of this process, read from {@code /proc/self/status}. */
final class Capabilities {

    private static final int CAP_DAC_OVERRIDE = 1;
    private static final int CAP_DAC_READ_SEARCH = 2;

    private Capabilities() {
    }

    /**
     * The capability that lets an unprivileged child search directories it has no permission on:
     * {@code dac_read_search} where the bounding set has it, else {@code dac_override} (containers
     * often drop the former and keep the latter), else none.
     */
    static Optional<String> directorySearch() {
        long bounding = boundingSet();
        if ((bounding & (1L << CAP_DAC_READ_SEARCH)) != 0) {
            return Optional.of("dac_read_search");
        }
        if ((bounding & (1L << CAP_DAC_OVERRIDE)) != 0) {
            return Optional.of("dac_override");
        }
        return Optional.empty();
    }

    private static long boundingSet() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapBnd:")) {
                    return Long.parseUnsignedLong(line.substring("CapBnd:".length()).strip(), 16);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
