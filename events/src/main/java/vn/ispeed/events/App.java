package vn.ispeed.events;

public record App(Platform platform, String version) {
    public App {
        Require.field(platform, "app.platform");
    }
}
