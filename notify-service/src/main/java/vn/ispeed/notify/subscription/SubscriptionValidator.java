package vn.ispeed.notify.subscription;

import jakarta.enterprise.context.ApplicationScoped;
import vn.ispeed.events.NetworkType;
import vn.ispeed.notify.api.FieldError;
import vn.ispeed.notify.config.NotifyConfig;
import vn.ispeed.notify.geo.ProvinceDirectory;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a request field by field and returns every error at once, or the normalised values. */
@ApplicationScoped
public class SubscriptionValidator {
    static final Set<String> KINDS = Set.of(Subscription.COVERAGE_CHANGES, Subscription.WEEKLY_DIGEST);
    static final Set<String> LANGUAGES = Set.of("vi", "en");
    static final int MAX_EMAILS = 20;
    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 256;
    private static final Pattern PROVINCE = Pattern.compile("\\d{2}");
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    /** The request after validation: defaults applied, lists de-duplicated, names normalised. */
    public record Valid(String province, String channel, List<String> emails, URI webhookUrl, String webhookSecret,
                        List<String> kinds, String language, List<String> networks, String boundarySet) {
    }

    public record Result(Valid valid, List<FieldError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private final NotifyConfig config;
    private final ProvinceDirectory provinces;

    public SubscriptionValidator(NotifyConfig config, ProvinceDirectory provinces) {
        this.config = config;
        this.provinces = provinces;
    }

    /**
     * @param creating on update a missing webhook secret keeps the stored one
     */
    public Result validate(SubscriptionRequest r, boolean creating) {
        List<FieldError> errors = new ArrayList<>();
        if (r == null) {
            return new Result(null, List.of(new FieldError("body", "a JSON object is required")));
        }
        String boundarySet = blank(r.boundarySet()) ? "vn-2025" : r.boundarySet().trim();
        if (!config.boundarySets().contains(boundarySet)) {
            errors.add(new FieldError("boundarySet", "unknown boundary set, expected one of " + config.boundarySets()));
        }
        String province = r.province() == null ? null : r.province().trim();
        if (blank(province)) {
            errors.add(new FieldError("province", "required"));
        } else if (!PROVINCE.matcher(province).matches()) {
            errors.add(new FieldError("province", "a two-digit province code is expected"));
        } else if (!provinces.isProvince(boundarySet, province)) {
            errors.add(new FieldError("province", "not a province of " + boundarySet));
        }

        String channel = r.channel() == null ? null : r.channel().trim().toLowerCase(Locale.ROOT);
        List<String> emails = List.of();
        URI url = null;
        String secret = null;
        if (blank(channel)) {
            errors.add(new FieldError("channel", "required: email or webhook"));
        } else if (Subscription.EMAIL.equals(channel)) {
            emails = emails(r.emails(), errors);
            if (!blank(r.webhookUrl())) {
                errors.add(new FieldError("webhookUrl", "only for channel webhook"));
            }
            if (!blank(r.webhookSecret())) {
                errors.add(new FieldError("webhookSecret", "only for channel webhook"));
            }
        } else if (Subscription.WEBHOOK.equals(channel)) {
            url = url(r.webhookUrl(), errors);
            secret = r.webhookSecret();
            if (blank(secret)) {
                if (creating) {
                    errors.add(new FieldError("webhookSecret", "required for a webhook"));
                }
                secret = null;
            } else if (secret.length() < MIN_SECRET || secret.length() > MAX_SECRET) {
                errors.add(new FieldError("webhookSecret", "between " + MIN_SECRET + " and " + MAX_SECRET + " characters"));
            }
            if (r.emails() != null && !r.emails().isEmpty()) {
                errors.add(new FieldError("emails", "only for channel email"));
            }
        } else {
            errors.add(new FieldError("channel", "unknown channel, expected email or webhook"));
        }

        List<String> kinds = new ArrayList<>(new LinkedHashSet<>(nonNull(r.kinds())));
        if (kinds.isEmpty()) {
            errors.add(new FieldError("kinds", "required: one or more of " + Subscription.COVERAGE_CHANGES
                    + ", " + Subscription.WEEKLY_DIGEST));
        }
        for (int i = 0; i < kinds.size(); i++) {
            if (kinds.get(i) == null || !KINDS.contains(kinds.get(i))) {
                errors.add(new FieldError("kinds[" + i + "]", "unknown kind, expected " + Subscription.COVERAGE_CHANGES
                        + " or " + Subscription.WEEKLY_DIGEST));
            }
        }

        String language = blank(r.language()) ? "vi" : r.language().trim().toLowerCase(Locale.ROOT);
        if (!LANGUAGES.contains(language)) {
            errors.add(new FieldError("language", "unknown language, expected vi or en"));
        }

        List<String> networks = new ArrayList<>();
        List<String> requested = r.networks() == null || r.networks().isEmpty()
                ? List.of(NetworkType.FIXED.name(), NetworkType.MOBILE.name()) : r.networks();
        for (int i = 0; i < requested.size(); i++) {
            String n = requested.get(i) == null ? "" : requested.get(i).trim().toUpperCase(Locale.ROOT);
            if (!n.equals(NetworkType.FIXED.name()) && !n.equals(NetworkType.MOBILE.name())) {
                errors.add(new FieldError("networks[" + i + "]", "unknown network type, expected FIXED or MOBILE"));
            } else if (!networks.contains(n)) {
                networks.add(n);
            }
        }
        return new Result(new Valid(province, channel, emails, url, secret, kinds, language, networks, boundarySet),
                errors);
    }

    private static List<String> emails(List<String> given, List<FieldError> errors) {
        if (given == null || given.isEmpty()) {
            errors.add(new FieldError("emails", "one or more addresses are required"));
            return List.of();
        }
        if (given.size() > MAX_EMAILS) {
            errors.add(new FieldError("emails", "at most " + MAX_EMAILS + " addresses"));
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String e = given.get(i) == null ? "" : given.get(i).trim();
            if (e.length() > 254 || !EMAIL.matcher(e).matches()) {
                errors.add(new FieldError("emails[" + i + "]", "not a valid e-mail address"));
            } else if (!result.contains(e.toLowerCase(Locale.ROOT))) {
                result.add(e.toLowerCase(Locale.ROOT));
            }
        }
        return result;
    }

    private URI url(String given, List<FieldError> errors) {
        if (blank(given)) {
            errors.add(new FieldError("webhookUrl", "required for a webhook"));
            return null;
        }
        URI uri;
        try {
            uri = new URI(given.trim());
        } catch (URISyntaxException e) {
            errors.add(new FieldError("webhookUrl", "not a valid URL"));
            return null;
        }
        if (given.length() > 2000 || !uri.isAbsolute() || uri.getHost() == null || uri.getHost().isBlank()) {
            errors.add(new FieldError("webhookUrl", "not a valid absolute URL with a host"));
            return null;
        }
        if (uri.getUserInfo() != null || uri.getFragment() != null) {
            errors.add(new FieldError("webhookUrl", "user info and fragments are not allowed"));
            return null;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean insecureAllowed = "http".equals(scheme) && config.webhook().allowInsecureHttp()
                && WebhookTargetPolicy.allowListed(config, uri.getHost());
        if (!"https".equals(scheme) && !insecureAllowed) {
            errors.add(new FieldError("webhookUrl", "must be an https:// URL"));
            return null;
        }
        return uri;
    }

    private static List<String> nonNull(List<String> list) {
        return list == null ? List.of() : list;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
