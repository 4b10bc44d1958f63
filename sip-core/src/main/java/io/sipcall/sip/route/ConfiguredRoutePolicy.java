package io.sipcall.sip.route;

import io.sipcall.config.RouteConfig;
import io.sipcall.config.TrunkConfig;
import io.sipcall.sip.port.RouteDecision;
import io.sipcall.sip.port.RoutePolicy;
import io.sipcall.sip.port.RouteRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Routes by the {@code routes} table of the configuration: the longest prefix of the dialled number
 * wins, and its trunks are the targets in order. The dialled number is sent to the trunk as dialled.
 */
public final class ConfiguredRoutePolicy implements RoutePolicy {

    /** What may be dialled: an optional {@code +}, then digits, {@code *} and {@code #}. */
    private static final Pattern DIALLABLE = Pattern.compile("\\+?[0-9*#]{1,32}");

    private final List<Row> rows;

    private record Row(String prefix, List<RouteDecision.Target> targets) {
    }

    public ConfiguredRoutePolicy(List<RouteConfig> routes, Map<String, TrunkConfig> trunks) {
        List<Row> table = new ArrayList<>();
        for (RouteConfig route : routes) {
            List<RouteDecision.Target> targets = new ArrayList<>();
            for (String name : route.trunks()) {
                TrunkConfig trunk = trunks.get(name);
                if (trunk == null) {
                    throw new IllegalArgumentException("route " + route.prefix() + " names unknown trunk " + name);
                }
                targets.add(new RouteDecision.Target(name, trunk.host(), trunk.effectivePort(), trunk.transport(), ""));
            }
            table.add(new Row(route.prefix(), List.copyOf(targets)));
        }
        table.sort(Comparator.comparingInt((Row row) -> row.prefix().length()).reversed());
        this.rows = List.copyOf(table);
    }

    @Override
    public RouteDecision route(RouteRequest request) {
        String dialled = request.dialled();
        if (!DIALLABLE.matcher(dialled).matches()) {
            return new RouteDecision.Reject(484, "Address Incomplete");
        }
        for (Row row : rows) {
            if (dialled.startsWith(row.prefix()) && !row.targets().isEmpty()) {
                return new RouteDecision.Route(row.targets().stream()
                        .map(t -> new RouteDecision.Target(t.trunk(), t.host(), t.port(), t.transport(), dialled))
                        .toList());
            }
        }
        return new RouteDecision.Reject(404, "No Route");
    }
}
