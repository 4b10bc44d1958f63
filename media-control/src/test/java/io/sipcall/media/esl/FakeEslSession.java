package io.sipcall.media.esl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One inbound listener of the fake FreeSWITCH, answering as mod_event_socket's listener_run and
 * parse_command do: one command at a time on its own thread, then the reply; events only once
 * subscribed, in the subscribed format, through the filters.
 */
final class FakeEslSession {

    private final FakeFreeSwitch server;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Thread thread;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Set<String> events = ConcurrentHashMap.newKeySet();
    private final List<String[]> filters = new CopyOnWriteArrayList<>();
    private volatile boolean authenticated;
    private volatile EventFormat format = EventFormat.PLAIN;

    FakeEslSession(FakeFreeSwitch server, Socket socket, int index) throws IOException {
        this.server = server;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.thread = new Thread(this::run, "fake-fs-session-" + index + "-" + server.port());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Every command received, header lines included, in order. */
    List<String> received() {
        return List.copyOf(received);
    }

    boolean subscribedTo(String eventName) {
        return events.contains(eventName) || events.contains("ALL");
    }

    boolean isClosed() {
        return socket.isClosed();
    }

    /** Fires one event if this listener would receive it; returns whether it was sent. */
    boolean sendEvent(FakeEvent event) {
        if (!receives(event)) {
            return false;
        }
        return write(EslWire.eventFrame(format, event));
    }

    /** Fires events back to back in one write, as a burst leaves FreeSWITCH's event queue. */
    void sendEvents(List<FakeEvent> burst) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        burst.stream().filter(this::receives).forEach(event -> bytes.writeBytes(EslWire.eventFrame(format, event)));
        write(bytes.toByteArray());
    }

    synchronized boolean write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closed either way
        }
    }

    private void run() {
        try {
            if (server.rejectsByAcl()) {
                write(EslWire.rudeRejection());
                write(EslWire.disconnectNotice(EslWire.GOODBYE));
                return;
            }
            write(EslWire.authRequest());
            for (String command = readCommand(); command != null; command = readCommand()) {
                received.add(command);
                if (!handle(command)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            close();
        }
    }

    /** Lines up to a blank line, leading line ends skipped, CRs ignored, as read_packet does. */
    private String readCommand() throws IOException {
        ByteArrayOutputStream command = new ByteArrayOutputStream();
        int newlines = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\r' || (b == '\n' && command.size() == 0)) {
                continue;
            }
            newlines = b == '\n' ? newlines + 1 : 0;
            if (newlines == 2) {
                return command.toString(StandardCharsets.UTF_8).stripTrailing();
            }
            command.write(b);
        }
        return null;
    }

    /** Returns false when the listener ends after this command. */
    private boolean handle(String command) {
        String line = command.lines().findFirst().orElse("");
        if (!authenticated) {
            return authenticate(line);
        }
        String word = line.split(" ", 2)[0].toLowerCase(Locale.ROOT);
        String rest = line.contains(" ") ? line.substring(line.indexOf(' ') + 1) : "";
        switch (word) {
            case "exit" -> {
                write(EslWire.commandReply("+OK bye"));
                write(EslWire.disconnectNotice(EslWire.GOODBYE));
                return false;
            }
            case "api" -> {
                return api(rest);
            }
            case "bgapi" -> bgapi(rest, header(command, "Job-UUID"));
            case "event" -> write(EslWire.commandReply(subscribe(rest)));
            case "filter" -> write(EslWire.commandReply(filter(rest)));
            case "noevents" -> write(EslWire.commandReply(events.isEmpty() ? "-ERR not listening for events"
                    : clearEvents()));
            default -> write(EslWire.commandReply("-ERR command not found"));
        }
        return true;
    }

    private boolean authenticate(String line) {
        if (line.startsWith("auth ")) {
            if (line.substring(5).equals(server.password())) {
                authenticated = true;
                write(EslWire.commandReply("+OK accepted"));
                return true;
            }
            write(EslWire.commandReply("-ERR invalid"));
            write(EslWire.disconnectNotice(EslWire.GOODBYE));
            return false;
        }
        write(EslWire.commandReply("-ERR command not found"));
        return true;
    }

    private boolean api(String commandLine) {
        String name = commandLine.split(" ", 2)[0];
        String arguments = commandLine.contains(" ") ? commandLine.substring(commandLine.indexOf(' ') + 1) : "";
        try {
            String reply = run(name, arguments);
            write(EslWire.apiResponse(reply.isEmpty() ? "-ERR no reply\n" : reply));
            return true;
        } catch (FakeFreeSwitch.HangUp hangUp) {
            write(hangUp.lastWords);
            return false;
        }
    }

    private void bgapi(String commandLine, String requestedJobUuid) {
        String jobUuid = requestedJobUuid != null ? requestedJobUuid : UUID.randomUUID().toString();
        write(EslWire.bgapiAccepted(jobUuid));
        String name = commandLine.split(" ", 2)[0];
        String arguments = commandLine.contains(" ") ? commandLine.substring(commandLine.indexOf(' ') + 1) : "";
        Thread job = new Thread(() -> {
            try {
                sendEvent(FakeEvent.backgroundJob(jobUuid, name, arguments, run(name, arguments)));
            } catch (Exception e) {
                // a job that hung up or broke just ends, as when FreeSWITCH goes away
            }
        }, "fake-fs-bgapi-" + server.port());
        job.setDaemon(true);
        job.start();
    }

    private String run(String name, String arguments) throws FakeFreeSwitch.HangUp {
        FakeFreeSwitch.Api api = server.api(name);
        if (api == null) {
            return "-ERR " + name + " Command not found!\n";
        }
        try {
            return api.run(arguments, this);
        } catch (FakeFreeSwitch.HangUp hangUp) {
            throw hangUp;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String subscribe(String arguments) {
        int keywords = 0;
        for (String word : arguments.split(" ")) {
            switch (word.toLowerCase(Locale.ROOT)) {
                case "plain" -> format = EventFormat.PLAIN;
                case "json" -> format = EventFormat.JSON;
                case "" -> { }
                default -> {
                    events.add(word);
                    keywords++;
                }
            }
        }
        return keywords == 0 ? "-ERR no keywords supplied" : "+OK event listener enabled " + format.keyword();
    }

    private String filter(String arguments) {
        String[] parts = arguments.split(" ", 2);
        if (parts.length < 2) {
            return "-ERR invalid syntax";
        }
        filters.add(parts);
        return "+OK filter added. [" + parts[0] + "]=[" + parts[1] + "]";
    }

    private String clearEvents() {
        events.clear();
        return "+OK no longer listening for events";
    }

    private boolean receives(FakeEvent event) {
        if (!authenticated || !subscribedTo(event.name())) {
            return false;
        }
        return filters.isEmpty() || filters.stream().anyMatch(filter -> filter[1].equalsIgnoreCase(event.headers().get(filter[0])));
    }

    private static String header(String command, String name) {
        return command.lines().skip(1).filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(line -> line.substring(name.length() + 1).strip()).findFirst().orElse(null);
    }
}
