package vn.ispeed.events;

public enum Platform {
    ANDROID, IOS, WEB
}
