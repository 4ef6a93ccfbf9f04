package vn.ispeed.notify.message;

import java.util.List;

/**
 * What a weekly digest says for one province, network type by network type.
 *
 * @param sentences        the coverage sentence per network type (label → sentence)
 * @param insufficient     units still without enough samples, those needing the fewest tests first
 * @param moreInsufficient how many more were left out of the list
 * @param newlyPublished   units that became published since the previous digest
 */
@io.quarkus.qute.TemplateData
public record DigestContent(String week, String period, List<Sentence> sentences, List<Change> insufficient,
                            int moreInsufficient, List<Change> newlyPublished) {

    @io.quarkus.qute.TemplateData
    public record Sentence(String network, String networkLabel, String text, String source) {
    }
}
