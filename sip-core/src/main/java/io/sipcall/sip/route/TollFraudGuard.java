package io.sipcall.sip.route;

import io.sipcall.config.SipCallConfig;
import io.sipcall.config.TollFraudConfig;
import io.sipcall.config.UserConfig;
import io.sipcall.sip.port.Directory;
import io.sipcall.sip.port.RouteDecision;
import io.sipcall.sip.port.RoutePolicy;
import io.sipcall.sip.port.RouteRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The toll-fraud guard: a {@link RoutePolicy} around any other that refuses, before the inner policy
 * is asked, calls that fraud is made of. The B2BUA always puts it around the configured policy, so
 * custom policies are guarded too.
 *
 * <p>In this order:
 * <ol>
 *   <li>The dialled number is read by the same {@link NumberNormaliser} as {@link DefaultRoutePolicy}.
 *       What it cannot read is refused with its 484: the guard does not let through what it cannot
 *       judge (so a custom policy behind it cannot route short codes or extensions either).</li>
 *   <li>Destination rules ({@code toll-fraud.*}), 403: denied prefixes, denied countries, allowed
 *       countries, satellite and international networks (+870, +881, +882, +883), premium rate, shared
 *       cost (national, and international +808). A number starting with one of the user's
 *       {@code allowed-prefixes} or of their role's {@code toll-fraud.role-allowlists} is exempt
 *       from these rules.</li>
 *   <li>The user's limits, 403, never exempt: {@code max-concurrent-calls} (the ledger already counts
 *       the call being routed, because the B2BUA reports {@code onStarted} before routing) and
 *       {@code daily-spend-cap}. Requests without a user have no limits.</li>
 * </ol>
 * Every refusal is logged once at WARN with the rule's configuration key and the number masked
 * ({@link Numbers#masked}); the call id is in the MDC.
 *
 * <p>{@code toll-fraud.enabled: false} switches off steps 1 and 2; the limits stay, because they are
 * the user's settings ({@code users.ID.*}), not the guard's: raise or remove them per user.
 *
 * <p>The guard judges the number as dialled. A policy that rewrites the number (number translation)
 * must not rewrite it into a destination the guard would refuse: trunk-formatted numbers (national,
 * tech prefixes) cannot be read back reliably.
 *
 * <p>Immutable apart from the shared ledger; thread-safe; nothing blocks.
 */
public final class TollFraudGuard implements RoutePolicy {

    private static final Logger LOG = LoggerFactory.getLogger(TollFraudGuard.class);

    private final RoutePolicy inner;
    private final boolean enabled;
    private final DestinationRules rules;
    private final Map<UserConfig.Role, PrefixTable<String>> roleAllowlists;
    private final NumberNormaliser numbers;
    private final UsageLedger ledger;

    /**
     * @param inner   the policy that routes what the guard lets through
     * @param config  {@code toll-fraud}
     * @param numbers reads dialled numbers; give it the same default country as the inner policy's
     * @param ledger  calls in progress and spend per user: the instance fed by the B2BUA's events
     * @throws IllegalArgumentException naming the key, for a prefix that is not E.164 or an unknown country
     */
    public TollFraudGuard(RoutePolicy inner, TollFraudConfig config, NumberNormaliser numbers, UsageLedger ledger) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.enabled = config.enabled();
        this.rules = new DestinationRules(config);
        this.roleAllowlists = roleAllowlists(config.roleAllowlists());
        this.numbers = Objects.requireNonNull(numbers, "numbers");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    /** The guard of a configuration ({@code toll-fraud}, {@code routing.default-country}) around {@code inner}. */
    public static TollFraudGuard around(RoutePolicy inner, SipCallConfig config, UsageLedger ledger) {
        NumberNormaliser numbers = NumberNormaliser.of(config);
        return new TollFraudGuard(inner, config.tollFraud(), numbers, ledger);
    }

    @Override
    public RouteDecision route(RouteRequest request) {
        Optional<Directory.User> user = request.user();
        String masked = Numbers.masked(request.dialled());
        if (enabled) {
            NumberNormaliser.Result read = numbers.normalise(request);
            if (read instanceof NumberNormaliser.Result.Invalid invalid) {
                LOG.info("toll-fraud guard: refused a number it cannot read: {}", invalid.reason());
                return invalid.reject();
            }
            E164Number number = ((NumberNormaliser.Result.Valid) read).number();
            masked = number.toString();
            Optional<DestinationRules.Refusal> refusal = exempt(number, user) ? Optional.empty() : rules.check(number);
            if (refusal.isPresent()) {
                return refuse(refusal.get(), user, masked);
            }
        }
        Optional<DestinationRules.Refusal> overLimit = user.flatMap(this::limits);
        if (overLimit.isPresent()) {
            return refuse(overLimit.get(), user, masked);
        }
        return inner.route(request);
    }

    private boolean exempt(E164Number number, Optional<Directory.User> user) {
        if (user.isEmpty()) {
            return false;
        }
        UserConfig config = user.get().config();
        boolean byUser = config.allowedPrefixes().stream()
                .map(prefix -> Numbers.e164Prefix(prefix, "users." + user.get().id() + ".allowed-prefixes"))
                .anyMatch(number::startsWith);
        PrefixTable<String> byRole = roleAllowlists.get(config.role());
        return byUser || (byRole != null && byRole.longestMatch(number).isPresent());
    }

    private Optional<DestinationRules.Refusal> limits(Directory.User user) {
        UserConfig config = user.config();
        int active = ledger.activeCalls(user.id());
        if (active > config.maxConcurrentCalls()) {
            int others = Math.max(0, active - 1);
            return Optional.of(new DestinationRules.Refusal("users." + user.id() + ".max-concurrent-calls",
                    "Forbidden: user " + user.id() + " has " + others + (others == 1 ? " call" : " calls")
                            + " in progress (max " + config.maxConcurrentCalls() + ")"));
        }
        Optional<BigDecimal> cap = config.dailySpendCap();
        if (cap.isPresent() && ledger.spentToday(user.id()).compareTo(cap.get()) >= 0) {
            int scale = Math.max(0, ledger.currency().getDefaultFractionDigits());
            return Optional.of(new DestinationRules.Refusal("users." + user.id() + ".daily-spend-cap",
                    "Forbidden: daily spend cap of " + cap.get().setScale(scale, RoundingMode.HALF_UP).toPlainString()
                            + " " + ledger.currency().getCurrencyCode() + " reached"));
        }
        return Optional.empty();
    }

    private static RouteDecision refuse(DestinationRules.Refusal refusal, Optional<Directory.User> user, String masked) {
        LOG.warn("toll-fraud guard: refused call of {} to {} by {}: {}",
                user.map(Directory.User::id).orElse("(no user)"), masked, refusal.rule(), refusal.reason());
        return new RouteDecision.Reject(403, refusal.reason());
    }

    private static Map<UserConfig.Role, PrefixTable<String>> roleAllowlists(Map<UserConfig.Role, List<String>> lists) {
        Map<UserConfig.Role, PrefixTable<String>> tables = new EnumMap<>(UserConfig.Role.class);
        lists.forEach((role, prefixes) -> tables.put(role, PrefixTable.ofPrefixes(prefixes,
                "toll-fraud.role-allowlists." + role.name().toLowerCase(java.util.Locale.ROOT))));
        return java.util.Collections.unmodifiableMap(tables);
    }
}
