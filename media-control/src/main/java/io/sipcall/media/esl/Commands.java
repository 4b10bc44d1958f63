package io.sipcall.media.esl;

/**
 * Checks on what callers put on the wire. mod_event_socket reads a command up to the first blank
 * line, so a stray line break would smuggle a second command into the stream and every later reply
 * would be matched to the wrong command. Commands are therefore checked before they are queued.
 */
final class Commands {

    private Commands() {
    }

    /** An {@code api}/{@code bgapi} argument or a header value: one non-blank line. */
    static String requireLine(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(what + " must be one line");
        }
        return text;
    }

    /** A command line, optionally followed by header lines ({@code sendmsg}), but no blank line. */
    static String requireCommand(String command) {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("the command is empty");
        }
        if (command.indexOf('\r') >= 0 || command.contains("\n\n") || command.startsWith("\n") || command.endsWith("\n")) {
            throw new IllegalArgumentException("a command is lines separated by single line feeds, without a blank line");
        }
        return command;
    }

    /** An event name, subclass or header name: one word. */
    static String requireWord(String word, String what) {
        requireLine(word, what);
        if (word.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(what + " '" + word + "' must be one word");
        }
        return word;
    }

    static String firstLine(String command) {
        int end = command.indexOf('\n');
        return end < 0 ? command : command.substring(0, end);
    }

    /** Text for one log line or exception message: line breaks become spaces. */
    static String oneLine(String text) {
        return text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
