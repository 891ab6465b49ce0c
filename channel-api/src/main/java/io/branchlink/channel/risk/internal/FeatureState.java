package io.branchlink.channel.risk.internal;

import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskChannel;
import io.branchlink.channel.risk.RiskEvent;
import io.branchlink.channel.risk.RiskLocation;
import io.branchlink.channel.risk.RiskRequest;
import io.branchlink.channel.risk.RiskSignals;
import io.branchlink.channel.risk.internal.FeatureCatalogue.Point;
import io.branchlink.protocol.money.Money;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The in-memory feature state: one {@link EntityState} per entity key, updated by each recorded event in O(windows ×
 * filters of the event) and read at decision time without looking at any history. Computes the full feature map of
 * the catalogue for a request.
 *
 * @see RiskFeatureStateTests
 */
final class FeatureState {

    /** Positions are grouped into cells of a tenth of a degree (about 11 km north-south) to form areas. */
    static final double AREA_CELL_DEGREES = 0.1;

    private final FeatureCatalogue catalogue;
    private final Function<String, Optional<RiskLocation>> branchPositions;
    private final Duration coolOff;
    private final ZoneId zone;
    private final double largeAmount;
    private final TrustState trust;
    @SuppressWarnings("unchecked")
    private final Map<String, EntityState>[] states = new Map[Entity.ALL.length];
    /** Per entity, the other entities its keys are paired with: those a distinct count or a point feature reads. */
    private final Entity[][] paired;

    FeatureState(FeatureCatalogue catalogue, Function<String, Optional<RiskLocation>> branchPositions,
            Duration coolOff, ZoneId zone, double largeAmount) {
        this(catalogue, branchPositions, coolOff, zone, largeAmount, TrustProperties.DEFAULTS);
    }

    FeatureState(FeatureCatalogue catalogue, Function<String, Optional<RiskLocation>> branchPositions,
            Duration coolOff, ZoneId zone, double largeAmount, TrustProperties trust) {
        this.trust = new TrustState(trust, zone);
        this.catalogue = catalogue;
        this.branchPositions = branchPositions;
        this.coolOff = coolOff;
        this.zone = zone;
        this.largeAmount = largeAmount;
        for (Entity entity : Entity.ALL) {
            states[entity.ordinal()] = new ConcurrentHashMap<>();
        }
        this.paired = paired(catalogue);
    }

    /**
     * The pairings features read: the catalogue's distinct counts, and the customer's first and last time with a
     * device, counterparty, branch and area (the new-… and trusted-counterparty point features).
     */
    private static Entity[][] paired(FeatureCatalogue catalogue) {
        Entity[][] paired = new Entity[Entity.ALL.length][];
        for (Entity entity : Entity.ALL) {
            EnumSet<Entity> others = EnumSet.noneOf(Entity.class);
            for (Entity other : Entity.ALL) {
                if (Arrays.stream(catalogue.distinct[entity.ordinal()][other.ordinal()]).anyMatch(Objects::nonNull)) {
                    others.add(other);
                }
            }
            if (entity == Entity.CUSTOMER) {
                others.addAll(EnumSet.of(Entity.DEVICE, Entity.COUNTERPARTY, Entity.BRANCH, Entity.AREA));
            }
            paired[entity.ordinal()] = others.toArray(Entity[]::new);
        }
        return paired;
    }

    /**
     * How many parts a replay folds on threads of their own ({@link ReplayFold}): every entity belongs to one part,
     * and the trust state to the customer's. The customer's keys carry the most pairings and the trust state, so they
     * are a part alone.
     */
    static final int PARTS = 2;

    static int part(Entity entity) {
        return entity == Entity.CUSTOMER ? 0 : 1;
    }

    void record(RiskEvent event) {
        String[] keys = keys(event.customerId(), event.deviceId(), event.accountId(), event.counterparty(),
                event.location());
        EntityState[] found = new EntityState[Entity.ALL.length];
        for (Entity entity : Entity.ALL) {
            String key = keys[entity.ordinal()];
            if (key != null) {
                found[entity.ordinal()] = state(entity, key);
                // every key string is held once, by its own state
                keys[entity.ordinal()] = found[entity.ordinal()].key;
            }
        }
        long at = event.occurredAt().toEpochMilli();
        int[] buckets = Window.buckets(at);
        int[] filters = {0, Filter.of(event.action()), Filter.of(event.channel())};
        long amount = cents(event.amount());
        int[] hashes = new int[Entity.ALL.length];
        for (Entity entity : Entity.ALL) {
            String key = keys[entity.ordinal()];
            hashes[entity.ordinal()] = key == null ? 0 : key.hashCode();
        }
        for (Entity entity : Entity.ALL) {
            if (found[entity.ordinal()] != null) {
                add(found[entity.ordinal()], entity, at, buckets, amount, filters, keys, hashes);
            }
        }
        recordTrust(keys, at);
    }

    /** The state of an entity's key, made if new; thread-safe. */
    EntityState state(Entity entity, String key) {
        return states[entity.ordinal()].computeIfAbsent(key, EntityState::new);
    }

    /**
     * Adds an event to one key's state, pairing it with the event's {@code keys} (the states' own instances, with
     * their {@code hashes}, by entity ordinal) of the entities {@link #paired} names. The arrays are not kept.
     */
    void add(EntityState state, Entity entity, long at, int[] buckets, long amountCents, int[] filters,
            String[] keys, int[] hashes) {
        state.add(at, buckets, amountCents, filters, keys, hashes, paired[entity.ordinal()]);
    }

    /** The entities whose keys an entity's keys are paired with: those a distinct count or a point feature reads. */
    Entity[] paired(Entity entity) {
        return paired[entity.ordinal()];
    }

    /** Adds an event to the customer's trust state (devices, branches and areas used). */
    void recordTrust(String[] keys, long at) {
        trust.record(keys[Entity.CUSTOMER.ordinal()], keys[Entity.DEVICE.ordinal()],
                keys[Entity.BRANCH.ordinal()], keys[Entity.AREA.ordinal()], at);
    }

    /** How many entity keys are remembered, per entity. */
    Map<String, Integer> size() {
        Map<String, Integer> size = new HashMap<>();
        for (Entity entity : Entity.ALL) {
            size.put(entity.label, states[entity.ordinal()].size());
        }
        return size;
    }

    Map<String, Double> features(RiskRequest request, Instant now) {
        long nowMillis = now.toEpochMilli();
        String[] keys = keys(request.customerId(), request.deviceId(), request.accountId(), request.counterparty(),
                request.location());
        Map<String, Double> f = new HashMap<>(catalogue.names().size() * 2);
        double[] out = new double[4];
        EntityState[] found = new EntityState[Entity.ALL.length];
        for (Entity entity : Entity.ALL) {
            String key = keys[entity.ordinal()];
            EntityState state = key == null ? null : states[entity.ordinal()].get(key);
            found[entity.ordinal()] = state;
            windowed(f, entity, state, nowMillis, out);
            distinct(f, entity, state, nowMillis);
            recency(f, entity, key, state, nowMillis);
        }
        points(f, request, keys, found, nowMillis, now, out);
        trust(f, keys, found[Entity.CUSTOMER.ordinal()], nowMillis);
        return f;
    }

    private void windowed(Map<String, Double> f, Entity entity, EntityState state, long now, double[] out) {
        String[][][] names = catalogue.windowed[entity.ordinal()];
        for (int filter = 0; filter < Filter.COUNT; filter++) {
            for (Window window : Window.ALL) {
                String[] byAggregate = names[filter][window.ordinal()];
                if (byAggregate[0] == null && byAggregate[1] == null && byAggregate[2] == null) {
                    continue;
                }
                if (state == null) {
                    java.util.Arrays.fill(out, 0);
                } else {
                    state.read(filter, window, now, out);
                }
                for (int aggregate = 0; aggregate < 3; aggregate++) {
                    if (byAggregate[aggregate] != null) {
                        f.put(byAggregate[aggregate], out[aggregate]);
                    }
                }
            }
        }
    }

    private void distinct(Map<String, Double> f, Entity entity, EntityState state, long now) {
        String[][] names = catalogue.distinct[entity.ordinal()];
        for (Entity other : Entity.ALL) {
            for (Window window : Window.ALL) {
                String name = names[other.ordinal()][window.ordinal()];
                if (name != null) {
                    f.put(name, state == null ? 0.0 : state.distinct(other, window, now));
                }
            }
        }
    }

    private void recency(Map<String, Double> f, Entity entity, String key, EntityState state, long now) {
        String[] names = catalogue.sinceLast[entity.ordinal()];
        for (int filter = 0; filter < Filter.COUNT; filter++) {
            if (names[filter] != null) {
                long last = state == null ? Long.MIN_VALUE : state.lastAt(filter);
                f.put(names[filter], last == Long.MIN_VALUE ? -1.0 : Math.max(0, now - last) / 1000.0);
            }
        }
        String firstSeen = catalogue.firstSeen[entity.ordinal()];
        if (firstSeen != null) {
            f.put(firstSeen, key != null && state == null ? 1.0 : 0.0);
        }
    }

    private void points(Map<String, Double> f, RiskRequest request, String[] keys, EntityState[] found, long now,
            Instant instant, double[] out) {
        EntityState customer = found[Entity.CUSTOMER.ordinal()];
        double amount = major(request.amount());
        f.put(Point.AMOUNT, amount);
        double usual = 0;
        if (customer != null) {
            customer.read(0, Window.D90, now, out);
            usual = out[3] == 0 ? 0 : out[1] / out[3];
        }
        f.put(Point.USUAL_AMOUNT, usual);
        f.put(Point.AMOUNT_VS_USUAL, usual == 0 ? 0.0 : amount / usual);
        int hour = instant.atZone(zone).getHour();
        f.put(Point.HOUR_OF_DAY, (double) hour);
        f.put(Point.NIGHT, hour < 6 ? 1.0 : 0.0);

        String device = keys[Entity.DEVICE.ordinal()];
        long deviceFirst = device == null || customer == null ? Long.MIN_VALUE
                : customer.firstSeenWith(Entity.DEVICE, device, now);
        boolean newDevice = device != null && deviceFirst == Long.MIN_VALUE;
        f.put(Point.NEW_DEVICE, flag(newDevice));
        f.put(Point.NEW_DEVICE_AMOUNT, newDevice && amount >= largeAmount ? amount : 0.0);
        f.put(Point.DEVICE_KNOWN_DAYS, deviceFirst == Long.MIN_VALUE ? 0.0
                : Math.max(0, now - deviceFirst) / (double) Window.D1.millis);

        String counterparty = keys[Entity.COUNTERPARTY.ordinal()];
        f.put(Point.HAS_COUNTERPARTY, flag(counterparty != null));
        f.put(Point.NEW_COUNTERPARTY, flag(counterparty != null && (customer == null
                || customer.firstSeenWith(Entity.COUNTERPARTY, counterparty, now) == Long.MIN_VALUE)));
        String branch = keys[Entity.BRANCH.ordinal()];
        f.put(Point.NEW_BRANCH, flag(branch != null && (customer == null
                || customer.firstSeenWith(Entity.BRANCH, branch, now) == Long.MIN_VALUE)));
        String area = keys[Entity.AREA.ordinal()];
        f.put(Point.NEW_AREA, flag(area != null && (customer == null
                || customer.firstSeenWith(Entity.AREA, area, now) == Long.MIN_VALUE)));

        double distance = distanceKm(request.location());
        f.put(Point.DISTANCE_KNOWN, flag(distance >= 0));
        f.put(Point.DISTANCE_KM, Math.max(0, distance));

        f.put(Point.COOLOFF_DEVICE_BINDING, flag(within(customer, RiskAction.DEVICE_BINDING, now)));
        f.put(Point.COOLOFF_PHONE_CHANGE, flag(within(customer, RiskAction.PHONE_CHANGE, now)));
        f.put(Point.CUSTOMER_AGE, request.customerAge() == null ? 0.0 : request.customerAge().doubleValue());
        f.put(Point.CUSTOMER_AGE_KNOWN, flag(request.customerAge() != null));
        RiskSignals signals = request.signals();
        f.put(Point.INTEGRITY_REPORTED, flag(signals.integrityReported()));
        f.put(Point.ROOTED, flag(Boolean.TRUE.equals(signals.rooted())));
        f.put(Point.EMULATOR, flag(Boolean.TRUE.equals(signals.emulator())));
        f.put(Point.TOKEN_AGE, signals.tokenIssuedAt() == null ? -1.0
                : Math.max(0, now - signals.tokenIssuedAt().toEpochMilli()) / 1000.0);
        for (RiskAction action : RiskAction.values()) {
            f.put(Point.action(action), flag(action == request.action()));
        }
        for (RiskChannel channel : RiskChannel.values()) {
            f.put(Point.channel(channel), flag(channel == request.channel()));
        }
    }

    /** The trust point features: learned from use, with expiry ({@link TrustState}, the payee's pairing). */
    private void trust(Map<String, Double> f, String[] keys, EntityState customerState, long now) {
        String customer = keys[Entity.CUSTOMER.ordinal()];
        String device = keys[Entity.DEVICE.ordinal()];
        f.put(Point.TRUSTED_DEVICE, flag(device != null && trust.trustedDevice(customer, device, now)));
        String counterparty = keys[Entity.COUNTERPARTY.ordinal()];
        long paid = counterparty == null || customerState == null ? Long.MIN_VALUE
                : customerState.lastSeenWith(Entity.COUNTERPARTY, counterparty);
        f.put(Point.TRUSTED_COUNTERPARTY, flag(paid != Long.MIN_VALUE && paid <= now
                && now - paid < Window.LONGEST.millis));
        f.put(Point.USUAL_BRANCH, flag(trust.usual(customer, TrustState.Kind.BRANCH, keys[Entity.BRANCH.ordinal()],
                now)));
        f.put(Point.USUAL_AREA, flag(trust.usual(customer, TrustState.Kind.AREA, keys[Entity.AREA.ordinal()], now)));
    }

    private boolean within(EntityState customer, RiskAction action, long now) {
        if (customer == null) {
            return false;
        }
        long last = customer.lastAt(Filter.of(action));
        return last != Long.MIN_VALUE && now - last < coolOff.toMillis();
    }

    /** Great-circle distance between the phone and the branch, or -1 when either position is unknown. */
    private double distanceKm(RiskLocation location) {
        if (location == null || !location.hasPosition() || location.branchId() == null) {
            return -1;
        }
        Optional<RiskLocation> branch = branchPositions.apply(location.branchId());
        if (branch.isEmpty() || !branch.get().hasPosition()) {
            return -1;
        }
        return haversineKm(location.latitude(), location.longitude(), branch.get().latitude(),
                branch.get().longitude());
    }

    static double haversineKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 6371.0088 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }

    static String[] keys(UUID customer, String device, UUID account, String counterparty, RiskLocation location) {
        String[] keys = new String[Entity.ALL.length];
        for (Entity entity : Entity.ALL) {
            Object id = id(entity, customer, device, account, counterparty, location);
            keys[entity.ordinal()] = id == null ? null : id.toString();
        }
        return keys;
    }

    /**
     * What names an entity's key before it is named, or null when there is none: the UUID of a customer or an
     * account (cheaper to hash and compare than its name, for the replay), the name itself otherwise. Its
     * {@code toString()} is the key.
     */
    static Object id(Entity entity, UUID customer, String device, UUID account, String counterparty,
            RiskLocation location) {
        return switch (entity) {
            case CUSTOMER -> customer;
            case DEVICE -> blankToNull(device);
            case ACCOUNT -> account;
            case COUNTERPARTY -> blankToNull(counterparty);
            case BRANCH -> location == null ? null : blankToNull(location.branchId());
            case AREA -> location == null || !location.hasPosition() ? null
                    : area(location.latitude(), location.longitude());
        };
    }

    /** The cell's south-west corner as {@code "%.1f:%.1f"} would print it, without a formatter (replay calls it per event). */
    static String area(double latitude, double longitude) {
        return AreaCells.name(latitude, longitude);
    }

    /** Amounts are kept in hundredths of a major unit (fen for CNY), exactly. */
    static long cents(Money amount) {
        return amount == null ? 0
                : amount.toDecimal().movePointRight(2).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    /** Amounts are features in major units (yuan for CNY). */
    static double major(Money amount) {
        return amount == null ? 0.0 : amount.toDecimal().doubleValue();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static double flag(boolean value) {
        return value ? 1.0 : 0.0;
    }
}
