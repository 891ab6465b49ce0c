package io.branchlink.channel.risk.internal;

import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The feature catalogue: a few declarative families (entity × window × aggregate × filter) expanded into named
 * features, plus the point features of the request itself. The names are what rules read as {@code f["name"]}.
 *
 * <p>Grammar: {@code <entity>.<count|sum|max>.<window>.<all|action.x|channel.x>},
 * {@code <entity>.distinct_<entity>.<window>}, {@code <entity>.since_last_s.<filter>}, {@code <entity>.first_seen}
 * and {@code point.<name>}.
 *
 * @see RiskFeatureCatalogueTests
 */
final class FeatureCatalogue {

    enum Aggregate {
        COUNT,
        SUM,
        MAX;

        final String label = name().toLowerCase(Locale.ROOT);
    }

    /** One family of generated features. */
    sealed interface Family permits Windowed, Distinct, Recency {
    }

    /** Count, sum or max of amounts of the events of an entity key in a window, for all events and per filter. */
    record Windowed(Set<Entity> entities, Set<Window> windows, Set<Aggregate> aggregates, boolean byAction,
            boolean byChannel) implements Family {
    }

    /** How many different keys of other entities an entity key was seen with in a window. */
    record Distinct(Entity entity, Set<Entity> others, Set<Window> windows) implements Family {
    }

    /** Seconds since the entity key's last event (all and per filter), and whether the key is new. */
    record Recency(Set<Entity> entities, boolean byAction, boolean byChannel) implements Family {
    }

    static final List<Family> STANDARD = List.of(
            new Windowed(EnumSet.allOf(Entity.class), EnumSet.allOf(Window.class), EnumSet.allOf(Aggregate.class),
                    true, true),
            new Distinct(Entity.CUSTOMER, EnumSet.of(Entity.DEVICE, Entity.ACCOUNT, Entity.COUNTERPARTY,
                    Entity.BRANCH, Entity.AREA), EnumSet.range(Window.H1, Window.D90)),
            new Distinct(Entity.DEVICE, EnumSet.of(Entity.CUSTOMER, Entity.ACCOUNT, Entity.AREA),
                    EnumSet.range(Window.H1, Window.D90)),
            new Distinct(Entity.ACCOUNT, EnumSet.of(Entity.DEVICE, Entity.COUNTERPARTY),
                    EnumSet.range(Window.H1, Window.D90)),
            new Distinct(Entity.COUNTERPARTY, EnumSet.of(Entity.CUSTOMER, Entity.ACCOUNT),
                    EnumSet.range(Window.H1, Window.D90)),
            new Distinct(Entity.BRANCH, EnumSet.of(Entity.CUSTOMER, Entity.DEVICE),
                    EnumSet.range(Window.M15, Window.D1)),
            new Distinct(Entity.AREA, EnumSet.of(Entity.CUSTOMER, Entity.DEVICE),
                    EnumSet.range(Window.M15, Window.D1)),
            new Recency(EnumSet.allOf(Entity.class), true, true));

    /** Point features: facts of the request and pairings of its keys, computed at decision time. */
    static final class Point {
        static final String AMOUNT = "point.amount";
        static final String USUAL_AMOUNT = "point.usual_amount_90d";
        static final String AMOUNT_VS_USUAL = "point.amount_vs_usual";
        static final String HOUR_OF_DAY = "point.hour_of_day";
        static final String NIGHT = "point.night";
        static final String NEW_DEVICE = "point.new_device";
        static final String NEW_DEVICE_AMOUNT = "point.new_device_amount";
        static final String DEVICE_KNOWN_DAYS = "point.device_known_days";
        static final String HAS_COUNTERPARTY = "point.has_counterparty";
        static final String NEW_COUNTERPARTY = "point.new_counterparty";
        static final String NEW_BRANCH = "point.new_branch";
        static final String NEW_AREA = "point.new_area";
        static final String DISTANCE_KNOWN = "point.distance_known";
        static final String DISTANCE_KM = "point.distance_km";
        static final String COOLOFF_DEVICE_BINDING = "point.cooloff_device_binding";
        static final String COOLOFF_PHONE_CHANGE = "point.cooloff_phone_change";
        static final String CUSTOMER_AGE = "point.customer_age_years";
        static final String CUSTOMER_AGE_KNOWN = "point.customer_age_known";
        static final String TRUSTED_DEVICE = "point.trusted_device";
        static final String TRUSTED_COUNTERPARTY = "point.trusted_counterparty";
        static final String USUAL_BRANCH = "point.usual_branch";
        static final String USUAL_AREA = "point.usual_area";
        static final String INTEGRITY_REPORTED = "point.device_integrity_reported";
        static final String ROOTED = "point.device_rooted";
        static final String EMULATOR = "point.device_emulator";
        static final String TOKEN_AGE = "point.token_age_s";

        static final List<String> FIXED = List.of(AMOUNT, USUAL_AMOUNT, AMOUNT_VS_USUAL, HOUR_OF_DAY, NIGHT,
                NEW_DEVICE, NEW_DEVICE_AMOUNT, DEVICE_KNOWN_DAYS, HAS_COUNTERPARTY, NEW_COUNTERPARTY, NEW_BRANCH,
                NEW_AREA, DISTANCE_KNOWN, DISTANCE_KM, COOLOFF_DEVICE_BINDING, COOLOFF_PHONE_CHANGE, CUSTOMER_AGE,
                CUSTOMER_AGE_KNOWN, TRUSTED_DEVICE, TRUSTED_COUNTERPARTY, USUAL_BRANCH, USUAL_AREA,
                INTEGRITY_REPORTED, ROOTED, EMULATOR, TOKEN_AGE);

        static String action(RiskAction action) {
            return "point.action." + action.name().toLowerCase(Locale.ROOT);
        }

        static String channel(RiskChannel channel) {
            return "point.channel." + channel.name().toLowerCase(Locale.ROOT);
        }

        private Point() {
        }
    }

    /** [entity][filter][window][aggregate] → name, null where the catalogue has no such feature. */
    final String[][][][] windowed;
    /** [entity][other entity][window] → name. */
    final String[][][] distinct;
    /** [entity][filter] → name. */
    final String[][] sinceLast;
    /** [entity] → name. */
    final String[] firstSeen;
    private final List<String> names;

    FeatureCatalogue(List<Family> families) {
        int entities = Entity.ALL.length;
        windowed = new String[entities][Filter.COUNT][Window.ALL.length][Aggregate.values().length];
        distinct = new String[entities][entities][Window.ALL.length];
        sinceLast = new String[entities][Filter.COUNT];
        firstSeen = new String[entities];
        Set<String> all = new LinkedHashSet<>();
        for (Family family : families) {
            if (family instanceof Windowed w) {
                for (Entity entity : w.entities()) {
                    for (int filter : filters(w.byAction(), w.byChannel())) {
                        for (Window window : w.windows()) {
                            for (Aggregate aggregate : w.aggregates()) {
                                String name = entity.label + "." + aggregate.label + "." + window.label + "."
                                        + Filter.label(filter);
                                windowed[entity.ordinal()][filter][window.ordinal()][aggregate.ordinal()] = name;
                                all.add(name);
                            }
                        }
                    }
                }
            } else if (family instanceof Distinct d) {
                for (Entity other : d.others()) {
                    if (other == d.entity()) {
                        throw new IllegalArgumentException("distinct " + other.label + " of itself");
                    }
                    for (Window window : d.windows()) {
                        String name = d.entity().label + ".distinct_" + other.label + "." + window.label;
                        distinct[d.entity().ordinal()][other.ordinal()][window.ordinal()] = name;
                        all.add(name);
                    }
                }
            } else if (family instanceof Recency r) {
                for (Entity entity : r.entities()) {
                    for (int filter : filters(r.byAction(), r.byChannel())) {
                        String name = entity.label + ".since_last_s." + Filter.label(filter);
                        sinceLast[entity.ordinal()][filter] = name;
                        all.add(name);
                    }
                    firstSeen[entity.ordinal()] = entity.label + ".first_seen";
                    all.add(firstSeen[entity.ordinal()]);
                }
            }
        }
        all.addAll(Point.FIXED);
        for (RiskAction action : RiskAction.values()) {
            all.add(Point.action(action));
        }
        for (RiskChannel channel : RiskChannel.values()) {
            all.add(Point.channel(channel));
        }
        names = List.copyOf(all);
    }

    static FeatureCatalogue standard() {
        return new FeatureCatalogue(STANDARD);
    }

    List<String> names() {
        return names;
    }

    /** Every feature at zero: what rules are trial-evaluated on before they may run. */
    Map<String, Double> zeros() {
        Map<String, Double> zeros = new LinkedHashMap<>(names.size() * 2);
        for (String name : names) {
            zeros.put(name, 0.0);
        }
        return Collections.unmodifiableMap(zeros);
    }

    private static List<Integer> filters(boolean byAction, boolean byChannel) {
        List<Integer> filters = new ArrayList<>();
        filters.add(0);
        if (byAction) {
            for (RiskAction action : RiskAction.values()) {
                filters.add(Filter.of(action));
            }
        }
        if (byChannel) {
            for (RiskChannel channel : RiskChannel.values()) {
                filters.add(Filter.of(channel));
            }
        }
        return filters;
    }
}
