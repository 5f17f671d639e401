package io.dgas.app.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CalibrationBucketsTest {
    @Test
    void bucketOf_edges_fallInTheBucketTheyOpen() {
        assertThat(CalibrationJob.bucketOf(0.0)).isZero();
        assertThat(CalibrationJob.bucketOf(0.4999)).isZero();
        assertThat(CalibrationJob.bucketOf(0.5)).isEqualTo(1);
        assertThat(CalibrationJob.bucketOf(0.75)).isEqualTo(3);
        assertThat(CalibrationJob.bucketOf(0.9)).isEqualTo(5);
    }

    @Test
    void bucketOf_fullConfidence_isInTheLastBucket() {
        assertThat(CalibrationJob.bucketOf(1.0)).isEqualTo(CalibrationJob.BUCKET_EDGES.length - 1);
    }
}
