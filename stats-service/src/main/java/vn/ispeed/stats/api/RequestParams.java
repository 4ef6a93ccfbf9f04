package vn.ispeed.stats.api;

import vn.ispeed.events.NetworkType;
import vn.ispeed.stats.catalogue.Unit;
import vn.ispeed.stats.catalogue.UnitCatalogue;
import vn.ispeed.stats.period.Period;

import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Pattern;

/** Validation of the API's path and query parameters, each failure a 400 or 404 problem naming the field. */
public final class RequestParams {
    private static final Pattern OPERATOR = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private RequestParams() {
    }

    public static UnitCatalogue.BoundarySet set(UnitCatalogue catalogue, String set) {
        return catalogue.set(set).orElseThrow(() -> ApiProblem.notFound("unknown boundary set '" + set + "'"));
    }

    public static Unit unit(UnitCatalogue.BoundarySet set, String code) {
        return set.unit(code).orElseThrow(() -> ApiProblem.notFound("unknown unit '" + code + "' in set " + set.name()));
    }

    public static NetworkType network(String network) {
        if (network == null || network.isBlank()) {
            throw ApiProblem.validation("network", "network is required: fixed or mobile");
        }
        return switch (network.trim().toLowerCase(Locale.ROOT)) {
            case "fixed" -> NetworkType.FIXED;
            case "mobile" -> NetworkType.MOBILE;
            default -> throw ApiProblem.validation("network", "network must be fixed or mobile");
        };
    }

    public static Period period(String period, ZoneId zone) {
        try {
            return Period.parse(period, zone);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.validation("period", e.getMessage());
        }
    }

    public static String operator(String operator) {
        if (operator == null || operator.isBlank()) {
            return null;
        }
        if (!OPERATOR.matcher(operator).matches() || "ALL".equalsIgnoreCase(operator)) {
            throw ApiProblem.validation("operator", "operator must be an operator id like viettel");
        }
        return operator;
    }

    public static String level(UnitCatalogue.BoundarySet set, String level) {
        if (level == null || level.isBlank()) {
            throw ApiProblem.validation("level", "level is required: one of " + set.levels());
        }
        if (!set.levels().contains(level) && !Unit.NATION.equals(level)) {
            throw ApiProblem.validation("level", "level must be one of " + set.levels() + " for set " + set.name());
        }
        return level;
    }
}
