package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class OrderedShutdownTest {
    @Test
    void run_twiceWithAFailingStep_runsEveryStepOnceInOrder() {
        List<String> ran = new CopyOnWriteArrayList<>();
        OrderedShutdown stop = new OrderedShutdown()
                .then("web", () -> ran.add("web"))
                .then("scheduler", () -> {
                    ran.add("scheduler");
                    throw new IllegalStateException("boom");
                })
                .then("pools", () -> ran.add("pools"));

        stop.run();
        stop.run();

        assertThat(ran).containsExactly("web", "scheduler", "pools");
    }

    @Test
    void run_fromTwoThreads_secondWaitsForTheFirstToFinish() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        OrderedShutdown stop = new OrderedShutdown()
                .then("slow", () -> {
                    inStep.countDown();
                    release.await();
                    ran.add("slow");
                })
                .then("pools", () -> ran.add("pools"));
        Thread hook = new Thread(stop);
        hook.start();
        inStep.await();
        Thread second = new Thread(() -> {
            stop.run();
            ran.add("second returned");
        });
        second.start();
        while (second.getState() != Thread.State.BLOCKED) {
            Thread.onSpinWait();
        }

        release.countDown();
        hook.join();
        second.join();

        assertThat(ran).containsExactly("slow", "pools", "second returned");
    }
}
