package vn.ispeed.events;

/**
 * The network a test ran on.
 *
 * @param operator      the normalised operator id from the catalogue (e.g. {@code viettel}), or the value as given when unknown
 * @param operatorRaw   the operator exactly as the app sent it (MCC-MNC, ISP name or AS number)
 * @param operatorKnown whether {@code operator} was found in the catalogue
 */
public record Network(NetworkType type, Technology technology, String operator, String operatorRaw, boolean operatorKnown) {
    public Network {
        Require.field(type, "network.type");
        Require.field(technology, "network.technology");
        Require.text(operator, "network.operator");
    }
}
