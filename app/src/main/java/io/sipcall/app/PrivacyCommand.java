package io.sipcall.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sipcall.config.SipCallConfig;
import io.sipcall.persistence.Database;
import io.sipcall.persistence.PersistenceException;
import io.sipcall.persistence.crypto.KeyRing;
import io.sipcall.persistence.privacy.ErasureSummary;
import io.sipcall.persistence.privacy.PrivacyService;
import io.sipcall.persistence.privacy.UnknownUserException;
import java.io.PrintStream;
import java.util.List;

/**
 * The GDPR commands an admin runs against the configured database: {@code privacy export USER}
 * prints everything stored about USER as JSON; {@code privacy erase USER} deletes the user and
 * anonymises their call records. Both are audited with the operating-system user as actor and
 * {@code cli} as source. With the embedded database, SIPCall must be stopped first (the cluster is
 * locked by the running instance).
 */
final class PrivacyCommand {

    static final String SOURCE = "cli";

    private PrivacyCommand() {
    }

    /** Refuses command words that are not a privacy command. */
    static void check(List<String> words) {
        if (words.isEmpty()) {
            return;
        }
        if (!words.get(0).equals("privacy")) {
            throw new IllegalArgumentException("unknown argument: " + words.get(0));
        }
        if (words.size() != 3 || !List.of("export", "erase").contains(words.get(1)) || words.get(2).isBlank()) {
            throw new IllegalArgumentException("privacy needs 'export USER' or 'erase USER'");
        }
    }

    /** Runs {@code words} on {@code config}'s database; returns the exit status. */
    static int run(SipCallConfig config, List<String> words, PrintStream out, PrintStream err) {
        String user = words.get(2);
        String actor = "cli:" + System.getProperty("user.name");
        KeyRing keys = KeyRing.load(config.encryption(), config.dataDir());
        try (Database database = Database.open(config.database(), config.dataDir())) {
            PrivacyService privacy = new PrivacyService(database.jdbi(), keys);
            if (words.get(1).equals("export")) {
                ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                out.println(json.writeValueAsString(privacy.export(user, actor, SOURCE)));
            } else {
                ErasureSummary summary = privacy.erase(user, actor, SOURCE);
                out.println(summary.erasedAnything()
                        ? "erased: pseudonym " + summary.pseudonym().orElseThrow() + ", "
                                + summary.callRecordsAnonymised() + " call records anonymised, "
                                + summary.auditEntriesScrubbed() + " audit entries scrubbed"
                        : "nothing stored about that user");
            }
            return 0;
        } catch (UnknownUserException e) {
            err.println("privacy " + words.get(1) + ": " + e.getMessage());
            return Main.EXIT_CANNOT_START;
        } catch (PersistenceException | com.fasterxml.jackson.core.JsonProcessingException e) {
            err.println("privacy " + words.get(1) + " failed: " + e.getMessage());
            return Main.EXIT_CANNOT_START;
        }
    }
}
