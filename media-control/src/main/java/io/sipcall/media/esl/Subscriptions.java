package io.sipcall.media.esl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The events and filters this client asked for, kept so that every new connection gets them again.
 *
 * <p>Two events are always subscribed: {@code HEARTBEAT} (the liveness signal) and
 * {@code BACKGROUND_JOB} (the results of {@code bgapi}). Once any filter exists, FreeSWITCH sends only
 * events that match a filter, so both get a filter of their own before the first user filter.
 * {@code CUSTOM} subclasses are always written last: in {@code event plain A CUSTOM x y}, every word
 * after {@code CUSTOM} is taken as a subclass.
 */
final class Subscriptions {

    private static final List<String> ALWAYS = List.of("HEARTBEAT", "BACKGROUND_JOB");
    private static final String CUSTOM = "CUSTOM";

    private final EventFormat format;
    private final Set<String> events = new LinkedHashSet<>(ALWAYS);
    private final Set<String> subclasses = new LinkedHashSet<>();
    private final Set<String> filters = new LinkedHashSet<>();

    Subscriptions(EventFormat format) {
        this.format = format;
    }

    /**
     * Adds event names ({@code CUSTOM} followed by subclass names for custom events) and returns the
     * {@code event} command that subscribes to everything so far (FreeSWITCH adds, never replaces).
     */
    synchronized String subscribe(List<String> names) {
        boolean custom = false;
        for (String name : names) {
            if (custom) {
                subclasses.add(name);
            } else if (name.equalsIgnoreCase(CUSTOM)) {
                custom = true;
            } else {
                events.add(name);
            }
        }
        return eventCommand();
    }

    /** Adds a filter and returns the commands that apply it: the internal filters first, if this is the first. */
    synchronized List<String> filter(String header, String value) {
        List<String> commands = new ArrayList<>();
        if (filters.isEmpty()) {
            ALWAYS.forEach(name -> commands.add(filterCommand(EslEvent.EVENT_NAME, name)));
        }
        String command = filterCommand(header, value);
        if (filters.add(command)) {
            commands.add(command);
        }
        return commands;
    }

    /** Everything a fresh connection must be told, in order. */
    synchronized List<String> commands() {
        List<String> commands = new ArrayList<>();
        commands.add(eventCommand());
        if (!filters.isEmpty()) {
            ALWAYS.forEach(name -> commands.add(filterCommand(EslEvent.EVENT_NAME, name)));
            commands.addAll(filters);
        }
        return commands;
    }

    private String eventCommand() {
        StringBuilder command = new StringBuilder("event ").append(format.keyword());
        events.forEach(name -> command.append(' ').append(name));
        if (!subclasses.isEmpty()) {
            command.append(' ').append(CUSTOM);
            subclasses.forEach(name -> command.append(' ').append(name));
        }
        return command.toString();
    }

    private static String filterCommand(String header, String value) {
        return "filter " + header + " " + value;
    }
}
