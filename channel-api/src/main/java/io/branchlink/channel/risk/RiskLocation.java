package io.branchlink.channel.risk;

/**
 * Where an action happens: the phone's reported position (both coordinates or neither) and/or the branch whose ITM
 * or counter is used.
 *
 * @param latitude degrees, -90..90, or null
 * @param longitude degrees, -180..180, or null
 * @param branchId the branch of the ITM or counter, or null
 */
public record RiskLocation(Double latitude, Double longitude, String branchId) {

    public RiskLocation {
        if ((latitude == null) != (longitude == null)) {
            throw new IllegalArgumentException("latitude and longitude come together");
        }
        if (latitude != null && (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180))) {
            throw new IllegalArgumentException("coordinates out of range");
        }
    }

    public boolean hasPosition() {
        return latitude != null;
    }
}
