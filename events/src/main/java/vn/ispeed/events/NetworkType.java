package vn.ispeed.events;

/** FIXED = Wi-Fi/Ethernet on a fixed line; MOBILE = cellular. */
public enum NetworkType {
    FIXED, MOBILE
}
