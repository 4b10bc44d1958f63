package io.sipcall.sip.route.example;

import io.sipcall.config.TrunkConfig;
import io.sipcall.config.UserConfig.Role;
import io.sipcall.sip.port.RouteDecision;
import io.sipcall.sip.port.RoutePolicy;
import io.sipcall.sip.port.RouteRequest;
import io.sipcall.sip.route.E164Number;
import io.sipcall.sip.route.NumberNormaliser;
import io.sipcall.sip.route.Targets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * Calls to German numbers go to a cheap German trunk on weekdays from 8:00 to 18:00 Berlin time,
 * with Telnyx as the failover. Outside those hours, for admins at any time (they get the better
 * trunk), and for every other country, calls go to Telnyx.
 */
public final class CountrySplitPolicy implements RoutePolicy {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalTime OPENS = LocalTime.of(8, 0);
    private static final LocalTime CLOSES = LocalTime.of(18, 0);

    private final NumberNormaliser numbers = new NumberNormaliser("DE");
    private final TrunkConfig cheap;
    private final TrunkConfig telnyx;
    private final Clock clock;

    /** @param trunks the configured trunks ({@code Directory.trunks()}): needs "sipgate" and "telnyx" */
    public CountrySplitPolicy(Map<String, TrunkConfig> trunks, Clock clock) {
        this.cheap = required(trunks, "sipgate");
        this.telnyx = required(trunks, "telnyx");
        this.clock = clock;
    }

    @Override
    public RouteDecision route(RouteRequest request) {
        NumberNormaliser.Result read = numbers.normalise(request);
        if (read instanceof NumberNormaliser.Result.Invalid invalid) {
            return invalid.reject(); // 484, with the reason in plain words
        }
        E164Number number = ((NumberNormaliser.Result.Valid) read).number();
        RouteDecision.Target viaTelnyx = Targets.to("telnyx", telnyx, number, "DE", request);
        if (number.region().equals("DE") && !isAdmin(request) && businessHours()) {
            RouteDecision.Target viaCheap = Targets.to("sipgate", cheap, number, "DE", request);
            return new RouteDecision.Route(List.of(viaCheap, viaTelnyx)); // in failover order
        }
        return RouteDecision.Route.to(viaTelnyx);
    }

    private static boolean isAdmin(RouteRequest request) {
        return request.user().map(user -> user.config().role() == Role.ADMIN).orElse(false);
    }

    private boolean businessHours() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(BERLIN));
        boolean weekday = now.getDayOfWeek() != DayOfWeek.SATURDAY && now.getDayOfWeek() != DayOfWeek.SUNDAY;
        return weekday && !now.toLocalTime().isBefore(OPENS) && now.toLocalTime().isBefore(CLOSES);
    }

    private static TrunkConfig required(Map<String, TrunkConfig> trunks, String name) {
        TrunkConfig trunk = trunks.get(name);
        if (trunk == null) {
            throw new IllegalArgumentException("CountrySplitPolicy needs a trunk named " + name);
        }
        return trunk;
    }
}
