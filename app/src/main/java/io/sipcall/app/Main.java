package io.sipcall.app;

/** Entry point of {@code sipcall.jar}; the composition root follows in the B2BUA change. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        throw new UnsupportedOperationException("composition root not wired yet");
    }
}
