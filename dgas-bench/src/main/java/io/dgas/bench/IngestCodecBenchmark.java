package io.dgas.bench;

import io.dgas.store.ingest.CsvReader;
import io.dgas.store.ingest.PgBinaryWriter;
import io.dgas.store.ingest.Timestamps;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The ingest hot path without the database: CSV line splitting, number and timestamp parsing, and PGCOPY binary
 * encoding into a reused buffer, per row. Run with {@code -prof gc} for bytes allocated per row ("gc.alloc.rate.norm"
 * divided by {@value #ROWS}).
 *
 * <pre>java -jar dgas-bench/target/benchmarks.jar IngestCodecBenchmark -prof gc -wi 3 -i 5 -f 1</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IngestCodecBenchmark {
    static final int ROWS = 10_000;

    private String csv;

    @Setup
    public void setUp() {
        StringBuilder sb = new StringBuilder("timestamp,symbol,interval,open,high,low,close,volume\n");
        long ts = 1_704_067_200L;
        double p = 100;
        for (int i = 0; i < ROWS; i++) {
            double c = p * (1 + ((i * 7919) % 200 - 100) / 10_000.0);
            sb.append(java.time.Instant.ofEpochSecond(ts + 3600L * i))
                    .append(",SYM")
                    .append(i % 50)
                    .append(",1h,")
                    .append(String.format(
                            Locale.ROOT, "%.4f,%.4f,%.4f,%.4f", p, Math.max(p, c) + 0.1, Math.min(p, c) - 0.1, c))
                    .append(',')
                    .append(1000 + i % 977)
                    .append('\n');
            p = c;
        }
        csv = sb.toString();
    }

    /** Parse every row and encode it as a PGCOPY tuple: ns per row. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long parseAndEncode(Blackhole bh) throws Exception {
        long[] bytes = {0};
        PgBinaryWriter w = new PgBinaryWriter((b, off, len) -> bytes[0] += len, 64 * 1024);
        try (CsvReader r = new CsvReader(new StringReader(csv))) {
            r.next();
            while (r.next()) {
                List<String> f = r.fields();
                long micros = Timestamps.parseMicros(f.get(0));
                w.startRow(8);
                w.int8(f.get(1).length());
                w.text(f.get(2));
                w.timestamptz(micros);
                w.float8(Double.parseDouble(f.get(3)));
                w.float8(Double.parseDouble(f.get(4)));
                w.float8(Double.parseDouble(f.get(5)));
                w.float8(Double.parseDouble(f.get(6)));
                w.float8(Double.parseDouble(f.get(7)));
            }
        }
        bh.consume(w.finish());
        return bytes[0];
    }

    /** The CSV reader alone (line split into fields): ns per row. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long splitOnly(Blackhole bh) throws Exception {
        long n = 0;
        try (CsvReader r = new CsvReader(new StringReader(csv))) {
            while (r.next()) {
                bh.consume(r.fields());
                n++;
            }
        }
        return n;
    }
}
