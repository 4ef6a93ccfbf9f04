package vn.ispeed.gateway;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the route table for the cluster: Gateway API ({@code Gateway}, {@code HTTPRoute}) implemented by Envoy
 * Gateway, whose policies carry the limits ({@code BackendTrafficPolicy}: per-IP and per-install rate limits, body
 * limit, gzip, the gateway's own 413/429 problem documents; {@code ClientTrafficPolicy}: request ids, header and
 * path hygiene, client timeouts, TLS; {@code SecurityPolicy}: CORS for the portal's origin; {@code HTTPRouteFilter}:
 * the 404 of the paths no client may reach). One HTTPRoute per limit set, since a policy attaches to a route.
 */
public final class GatewayApiManifests {
    public static final String GATEWAY = "ispeed";
    public static final String GATEWAY_CLASS = "envoy-gateway";
    public static final String TLS_SECRET = "ispeed-tls";
    private static final String EG = "gateway.envoyproxy.io";
    private static final String EG_VERSION = EG + "/v1alpha1";
    private static final String GW_VERSION = "gateway.networking.k8s.io/v1";

    private GatewayApiManifests() {
    }

    public static String render(RouteTable table) {
        List<Map<String, Object>> docs = new ArrayList<>();
        docs.add(gatewayClass());
        docs.add(gateway(table));
        docs.add(httpsRedirect(table));
        docs.add(sso(table));
        for (RouteTable.Limits l : table.limitsInUse()) {
            docs.add(route(table, l));
            docs.add(backendPolicy(l));
        }
        docs.add(notFoundRoute(table));
        docs.add(notFoundFilter());
        docs.add(clientPolicy());
        docs.add(securityPolicy(table));
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setIndent(2);
        o.setIndicatorIndent(2);
        o.setIndentWithIndicator(true);
        o.setWidth(200);
        o.setSplitLines(false);
        StringBuilder out = new StringBuilder();
        out.append("# Rendered from gateway/routes.yaml by gateway/render (vn.ispeed.gateway.GatewayApiManifests): do not edit,\n")
                .append("# change the table. GatewayManifestsTest fails when this file differs from a fresh render.\n");
        Yaml yaml = new Yaml(o);
        for (Map<String, Object> doc : docs) {
            out.append("---\n").append(yaml.dump(doc));
        }
        return out.toString();
    }

    private static Map<String, Object> gatewayClass() {
        return doc(GW_VERSION, "GatewayClass", GATEWAY_CLASS, m("controllerName", EG + "/gatewayclass-controller"));
    }

    private static Map<String, Object> gateway(RouteTable t) {
        Map<String, Object> https = m("name", "https", "protocol", "HTTPS", "port", 443, "hostname", t.host(),
                "tls", m("mode", "Terminate", "certificateRefs", List.of(m("kind", "Secret", "name", TLS_SECRET))),
                "allowedRoutes", m("namespaces", m("from", "Same")));
        Map<String, Object> http = m("name", "http", "protocol", "HTTP", "port", 80, "hostname", t.host(),
                "allowedRoutes", m("namespaces", m("from", "Same")));
        Map<String, Object> sso = m("name", "sso", "protocol", "HTTPS", "port", 443, "hostname", t.ssoHost(),
                "tls", m("mode", "Terminate", "certificateRefs", List.of(m("kind", "Secret", "name", TLS_SECRET))),
                "allowedRoutes", m("namespaces", m("from", "Same")));
        return doc(GW_VERSION, "Gateway", GATEWAY, m("gatewayClassName", GATEWAY_CLASS, "listeners", List.of(https, http, sso)));
    }

    private static Map<String, Object> httpsRedirect(RouteTable t) {
        return doc(GW_VERSION, "HTTPRoute", "ispeed-https-redirect", m(
                "parentRefs", List.of(m("name", GATEWAY, "sectionName", "http")),
                "hostnames", List.of(t.host()),
                "rules", List.of(m("filters", List.of(m("type", "RequestRedirect",
                        "requestRedirect", m("scheme", "https", "statusCode", 301)))))));
    }

    /** Keycloak's login pages and token endpoints (the Keycloak operator's Service); not its admin console. */
    private static Map<String, Object> sso(RouteTable t) {
        List<Object> matches = new ArrayList<>();
        for (String prefix : List.of("/realms", "/resources")) {
            matches.add(m("path", m("type", "PathPrefix", "value", prefix)));
        }
        return route(doc(GW_VERSION, "HTTPRoute", "ispeed-sso", m(
                "parentRefs", List.of(m("name", GATEWAY, "sectionName", "sso")),
                "hostnames", List.of(t.ssoHost()),
                "rules", List.of(m("matches", matches, "backendRefs", List.of(m("name", "ispeed-keycloak-service", "port", 8080)))))), "sso");
    }

    private static Map<String, Object> route(RouteTable t, RouteTable.Limits l) {
        List<Object> rules = new ArrayList<>();
        for (RouteTable.Route r : t.routes()) {
            if (!r.limits().equals(l.name())) {
                continue;
            }
            Map<String, Object> path = r.suffix() != null ? m("type", "RegularExpression", "value", r.regex())
                    : m("type", r.exact() ? "Exact" : "PathPrefix", "value", r.path());
            Map<String, Object> rule = m("matches", List.of(m("path", path)));
            if (l.perInstall() != null) {
                rule.put("filters", List.of(m("type", "RequestHeaderModifier",
                        "requestHeaderModifier", m("remove", List.of(RouteTable.HEADER_INSTALL_ID)))));
            }
            rule.put("backendRefs", List.of(m("name", r.service(), "port", t.services().get(r.service()))));
            rule.put("timeouts", m("request", l.timeoutSeconds() + "s"));
            rules.add(rule);
        }
        return route(doc(GW_VERSION, "HTTPRoute", "ispeed-" + l.name(), m(
                "parentRefs", List.of(m("name", GATEWAY, "sectionName", "https")),
                "hostnames", List.of(t.host()),
                "rules", rules)), "https");
    }

    /** Routes carry the listener they attach to as label ispeed.vn/listener, for an overlay to select them by. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> route(Map<String, Object> doc, String listener) {
        ((Map<String, Object>) doc.get("metadata")).put("labels", m("ispeed.vn/listener", listener));
        return doc;
    }

    private static Map<String, Object> backendPolicy(RouteTable.Limits l) {
        List<Object> rules = new ArrayList<>();
        for (String cidr : List.of("0.0.0.0/0", "::/0")) {
            rules.add(m("clientSelectors", List.of(m("sourceCIDR", m("type", "Distinct", "value", cidr))), "limit", limit(l.perIp())));
        }
        if (l.perInstall() != null) {
            rules.add(m("clientSelectors", List.of(m("headers", List.of(m("name", RouteTable.HEADER_INSTALL_ID, "type", "Distinct")))),
                    "limit", limit(l.perInstall())));
        }
        // Envoy counts in fixed windows of one unit: a client that used up its window waits for the next one.
        int window = l.perInstall() == null ? l.perIp().seconds() : Math.max(l.perIp().seconds(), l.perInstall().seconds());
        Problems.Problem tooMany = new Problems.Problem(429, "rate-limited", "Too many requests",
                "too many requests from this client; retry after " + window + " s");
        Problems.Problem tooLarge = Problems.BY_STATUS.get(413);
        return doc(EG_VERSION, "BackendTrafficPolicy", "ispeed-" + l.name(), m(
                "targetRefs", List.of(m("group", "gateway.networking.k8s.io", "kind", "HTTPRoute", "name", "ispeed-" + l.name())),
                "rateLimit", m("type", "Local", "local", m("rules", rules)),
                "requestBuffer", m("limit", l.bodyBytes()),
                "compression", List.of(m("type", "Gzip")),
                "responseOverride", List.of(
                        override(tooLarge, null),
                        override(tooMany, window))));
    }

    private static Map<String, Object> override(Problems.Problem p, Integer retryAfter) {
        Map<String, Object> response = m("contentType", Problems.MEDIA_TYPE,
                "body", m("type", "Inline", "inline", p.json(null)));
        if (retryAfter != null) {
            response.put("header", m("add", List.of(m("name", "Retry-After", "value", String.valueOf(retryAfter)))));
        }
        return m("match", m("statusCodes", List.of(m("type", "Value", "value", p.status()))), "response", response);
    }

    private static Map<String, Object> limit(RouteTable.Rate r) {
        return m("requests", r.requests(), "unit", r.per() == RouteTable.Rate.Per.SECOND ? "Second" : "Minute");
    }

    private static Map<String, Object> notFoundRoute(RouteTable t) {
        List<Object> rules = new ArrayList<>();
        for (String path : t.notFound()) {
            rules.add(m("matches", List.of(m("path", m("type", "PathPrefix", "value", path))),
                    "filters", List.of(m("type", "ExtensionRef",
                            "extensionRef", m("group", EG, "kind", "HTTPRouteFilter", "name", "ispeed-not-found")))));
        }
        return route(doc(GW_VERSION, "HTTPRoute", "ispeed-not-found", m(
                "parentRefs", List.of(m("name", GATEWAY, "sectionName", "https")),
                "hostnames", List.of(t.host()),
                "rules", rules)), "https");
    }

    private static Map<String, Object> notFoundFilter() {
        Problems.Problem p = Problems.BY_STATUS.get(404);
        return doc(EG_VERSION, "HTTPRouteFilter", "ispeed-not-found", m("directResponse", m(
                "statusCode", 404, "contentType", Problems.MEDIA_TYPE,
                "body", m("type", "Inline", "inline", p.json(null)))));
    }

    private static Map<String, Object> clientPolicy() {
        return doc(EG_VERSION, "ClientTrafficPolicy", "ispeed", m(
                "targetRefs", List.of(m("group", "gateway.networking.k8s.io", "kind", "Gateway", "name", GATEWAY)),
                "headers", m("requestID", "PreserveOrGenerate", "withUnderscoresAction", "RejectRequest"),
                "path", m("escapedSlashesAction", "RejectRequest", "disableMergeSlashes", false),
                "timeout", m("http", m("requestReceivedTimeout", "10s", "idleTimeout", "65s")),
                "tls", m("minVersion", "1.2", "alpnProtocols", List.of("h2", "http/1.1"))));
    }

    private static Map<String, Object> securityPolicy(RouteTable t) {
        return doc(EG_VERSION, "SecurityPolicy", "ispeed-cors", m(
                "targetRefs", List.of(m("group", "gateway.networking.k8s.io", "kind", "Gateway", "name", GATEWAY)),
                "cors", m("allowOrigins", t.corsOrigins(),
                        "allowMethods", List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"),
                        "allowHeaders", List.of("Authorization", "Content-Type", RouteTable.HEADER_REQUEST_ID, RouteTable.HEADER_INSTALL_ID),
                        "exposeHeaders", List.of(RouteTable.HEADER_REQUEST_ID, "Retry-After", "Location"),
                        "maxAge", "600s")));
    }

    private static Map<String, Object> doc(String apiVersion, String kind, String name, Map<String, Object> spec) {
        Map<String, Object> d = m("apiVersion", apiVersion, "kind", kind, "metadata", m("name", name));
        d.put("spec", spec);
        return d;
    }

    /** An ordered map from alternating keys and values. */
    static Map<String, Object> m(Object... kv) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            map.put((String) kv[i], kv[i + 1]);
        }
        return map;
    }
}
