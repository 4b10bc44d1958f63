package io.sipcall.config;

import java.util.Objects;

/**
 * Media anchoring.
 *
 * @param anchor which media anchor carries calls' media; key {@code media.anchor}
 */
public record MediaConfig(MediaAnchorKind anchor) {

    public MediaConfig {
        Objects.requireNonNull(anchor, "media.anchor");
    }

    /** The available media anchors. */
    public enum MediaAnchorKind {
        /** SDP relayed end to end unchanged; media flows directly between the far ends. */
        PASSTHROUGH
    }
}
