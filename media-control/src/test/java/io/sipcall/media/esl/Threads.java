package io.sipcall.media.esl;

import java.util.List;

/** The live threads of the ESL client talking to a given local port. */
final class Threads {

    private Threads() {
    }

    static List<String> ofClient(int port) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("esl-") && name.endsWith(":" + port)).toList();
    }
}
