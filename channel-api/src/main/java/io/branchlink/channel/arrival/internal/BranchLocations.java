package io.branchlink.channel.arrival.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where the branches are: each a circle (centre and radius in metres) in {@code branches}. A reported position is
 * at the branch whose circle holds it; when circles overlap, the nearest centre wins.
 *
 * @see io.branchlink.channel.arrival.internal.BranchLocationsTests
 */
@Component
public class BranchLocations {

    /** The mean Earth radius (IUGG), in metres. */
    static final double EARTH_RADIUS_METRES = 6_371_008.8;

    private final JdbcClient jdbc;

    BranchLocations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Branch(String id, String name, double latitude, double longitude, int radiusMetres) {
    }

    /** A branch whose circle holds the point, with the distance from its centre. */
    public record Found(Branch branch, double distanceMetres) {
    }

    /** The branch whose circle holds the point (the nearest centre among several), if any. */
    public Optional<Found> containing(double latitude, double longitude) {
        return containing(all(), latitude, longitude);
    }

    static Optional<Found> containing(List<Branch> branches, double latitude, double longitude) {
        return branches.stream()
                .map(b -> new Found(b, distanceMetres(latitude, longitude, b.latitude(), b.longitude())))
                .filter(f -> f.distanceMetres() <= f.branch().radiusMetres())
                .min(Comparator.comparingDouble(Found::distanceMetres));
    }

    /** A branch by id, whether it has a location or not. */
    public Optional<String> name(String branchId) {
        return jdbc.sql("select name from branches where id = ?").param(branchId).query(String.class).optional();
    }

    List<Branch> all() {
        return jdbc.sql("""
                select id, name, latitude, longitude, radius_metres from branches where latitude is not null
                """)
                .query((rs, n) -> new Branch(rs.getString("id"), rs.getString("name"), rs.getDouble("latitude"),
                        rs.getDouble("longitude"), rs.getInt("radius_metres")))
                .list();
    }

    /** The great-circle distance between two points (haversine), in metres. */
    static double distanceMetres(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2))
                * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
