package vn.ispeed.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Access technology as the app reports it; the cellular ones carry their common names on the wire. */
public enum Technology {
    WIFI,
    ETHERNET,
    @JsonProperty("2G") G2,
    @JsonProperty("3G") G3,
    @JsonProperty("4G") G4,
    @JsonProperty("5G") G5;

    public boolean cellular() {
        return this != WIFI && this != ETHERNET;
    }

    public String wireName() {
        return switch (this) {
            case G2 -> "2G";
            case G3 -> "3G";
            case G4 -> "4G";
            case G5 -> "5G";
            default -> name();
        };
    }
}
