package vn.ispeed.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.ispeed.testsupport.geojson.OgrInfo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The judge itself can say no: a clockwise shell, a bow-tie and a counterclockwise hole are each caught. */
class OgrInfoTest {
    @TempDir
    Path dir;

    private static String feature(String code, String rings) {
        return "{\"type\":\"Feature\",\"properties\":{\"code\":\"" + code + "\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + rings + "}}";
    }

    @Test
    void tellsValidCounterclockwiseFromTheRest() {
        String ccwWithCwHole = feature("good", "[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[1,2],[2,2],[2,1],[1,1]]]");
        String cwShell = feature("clockwise", "[[[0,0],[0,4],[4,4],[4,0],[0,0]]]");
        String ccwHole = feature("hole-ccw", "[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[2,1],[2,2],[1,2],[1,1]]]");
        String bowTie = feature("bow-tie", "[[[0,0],[4,4],[4,0],[0,4],[0,0]]]");
        String body = "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", ccwWithCwHole, cwShell, ccwHole, bowTie) + "]}";
        OgrInfo.Report report = OgrInfo.check(OgrInfo.write(dir, "sample", body.getBytes(StandardCharsets.UTF_8)), "code");
        assertThat(report.features()).isEqualTo(4);
        assertThat(report.geometries()).isEqualTo(4);
        assertThat(report.valid()).as("valid geometries").isEqualTo(3);
        assertThat(report.invalid()).containsOnlyKeys("bow-tie");
        assertThat(report.ccw()).as("counterclockwise shells with clockwise holes").isEqualTo(1);
    }
}
