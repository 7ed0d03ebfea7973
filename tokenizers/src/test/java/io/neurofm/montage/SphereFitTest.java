package io.neurofm.montage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.Golden;
import io.neurofm.signal.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SphereFitTest {
    /**
     * MNE's origin='auto' fit of the 33 golden positions. MNE stops COBYLA at 1e-6 of its initial
     * radius; we solve the same least-squares problem to convergence, so agreement is ~1e-7 m.
     */
    @Test
    void matchesMnesAutomaticOrigin() {
        JsonNode golden = Golden.load("montage_interpolation");
        List<Position> positions = new ArrayList<>();
        for (JsonNode name : golden.get("model_channels")) {
            double[] p = SphericalSplineTest.vector(golden.get("positions").get(name.asString()));
            positions.add(new Position(p[0], p[1], p[2]));
        }
        Sphere sphere = SphereFit.fit(positions);
        double[] origin = SphericalSplineTest.vector(golden.get("origin"));
        Position mne = new Position(origin[0], origin[1], origin[2]);
        double distance = sphere.centre().distanceTo(mne);
        System.out.printf("sphere centre vs MNE: %.3g m apart; radius %.9f vs %.9f m%n", distance,
                sphere.radius(), golden.get("radius").asDouble());
        assertTrue(distance < 5e-7, "centre " + sphere.centre() + " vs MNE " + mne);
        assertEquals(golden.get("radius").asDouble(), sphere.radius(), 5e-7);
    }

    @Test
    void recoversAnExactSphere() {
        Random random = new Random(5);
        Position centre = new Position(0.003, 0.012, 0.041);
        double radius = 0.0875;
        List<Position> points = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double x = random.nextGaussian();
            double y = random.nextGaussian();
            double z = Math.abs(random.nextGaussian());
            double n = Math.sqrt(x * x + y * y + z * z);
            points.add(new Position(centre.x() + radius * x / n, centre.y() + radius * y / n,
                    centre.z() + radius * z / n));
        }
        Sphere sphere = SphereFit.fit(points);
        assertEquals(0, sphere.centre().distanceTo(centre), 1e-12);
        assertEquals(radius, sphere.radius(), 1e-12);
    }

    @Test
    void dropsLowFrontalPointsAsMneDoes() {
        List<Position> points = List.of(new Position(0, 0.09, -0.01), new Position(0, 0.09, 0.01),
                new Position(0, -0.09, -0.01), new Position(0.02, 0.05, -0.03));
        assertEquals(List.of(points.get(1), points.get(2)), SphereFit.fittingPoints(points));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SphereFit.fit(points));
        assertTrue(e.getMessage().contains("at least 4"), e.getMessage());
    }
}
