package io.dgas.store.events;

import io.dgas.store.Database;
import io.dgas.store.SqlSession;
import java.util.List;
import java.util.Map;

/**
 * Announces what changed to every {@code dgas serve} on the database: {@code pg_notify} on {@link #CHANNEL} with a
 * payload {@code {"event": name, "data": {...}}} of at most {@link #MAX_PAYLOAD} bytes (PostgreSQL's limit). Sent in a
 * transaction, a notification is delivered at commit and never when the work rolls back.
 */
public interface EventPublisher {
    /** The channel every server LISTENs on. */
    String CHANNEL = "dgas_events";

    /** PostgreSQL refuses longer notification payloads. */
    int MAX_PAYLOAD = 8000;

    /** An event: its name ({@code bars}, {@code run}, {@code signals}, {@code alert}) and data (snake_case keys). */
    record Event(String name, Map<String, ?> data) {}

    /** Publishes nothing (events disabled, tests and benchmarks that measure without them). */
    EventPublisher NONE = new EventPublisher() {
        @Override
        public void publish(SqlSession s, List<Event> events) {}

        @Override
        public void publish(List<Event> events) {}
    };

    /** Queues {@code events} in {@code s}'s transaction, in order, with one statement: sent when it commits. */
    void publish(SqlSession s, List<Event> events);

    /** Sends {@code events} now (their own statement); a failure is logged, never thrown: the work is done already. */
    void publish(List<Event> events);

    /** The publisher over {@code db}. */
    static EventPublisher postgres(Database db) {
        return new PgEventPublisher(db);
    }
}
