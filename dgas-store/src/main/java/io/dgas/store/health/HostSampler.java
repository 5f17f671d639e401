package io.dgas.store.health;

import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * This process's CPU share and disk I/O rates between two samples (OSHI), and its heap use. Rates are real rates:
 * bytes moved since the previous sample divided by the time between them; the first sample has no rate (NaN).
 */
final class HostSampler {
    private final OperatingSystem os = new SystemInfo().getOperatingSystem();
    private final int pid = os.getProcessId();
    private OSProcess previous;
    private long previousNanos;

    /** [cpu %, heap %, read bytes/s, write bytes/s] */
    synchronized double[] sample() {
        OSProcess now = os.getProcess(pid);
        long t = System.nanoTime();
        double cpu = Double.NaN;
        double read = Double.NaN;
        double write = Double.NaN;
        if (previous != null && now != null) {
            double seconds = (t - previousNanos) / 1e9;
            cpu = 100
                    * now.getProcessCpuLoadBetweenTicks(previous)
                    / Math.max(1, Runtime.getRuntime().availableProcessors());
            read = seconds > 0 ? (now.getBytesRead() - previous.getBytesRead()) / seconds : Double.NaN;
            write = seconds > 0 ? (now.getBytesWritten() - previous.getBytesWritten()) / seconds : Double.NaN;
        }
        previous = now;
        previousNanos = t;
        Runtime rt = Runtime.getRuntime();
        double heap = 100.0 * (rt.totalMemory() - rt.freeMemory()) / rt.maxMemory();
        return new double[] {cpu, heap, read, write};
    }
}
