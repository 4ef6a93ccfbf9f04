package vn.ispeed.events;

public enum LocationSource {
    GPS, NETWORK
}
