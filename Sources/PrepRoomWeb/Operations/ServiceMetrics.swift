import Fluent
import Metrics
import Prometheus
import PrepRoomStore
import Vapor

/// The process's metrics in Prometheus's text format. Vapor reports every request through
/// swift-metrics (`http_requests_total`, `http_request_errors_total` and the latency
/// histogram `http_request_duration_seconds`, by method, route pattern and status; unknown
/// paths as one `vapor_route_undefined`, so scanners cannot grow the series), the booking
/// desk counts places and waiting-list moves, and a scrape adds the outbox's length and age
/// and the database's answer time and connections, read then.
enum ServiceMetrics {
    static let registry = PrometheusCollectorRegistry()

    /// swift-metrics takes one backend per process, so the first app to start installs it
    /// and the rest (tests run many) share it.
    private static let installed: Void = {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }()

    static func install() { _ = installed }

    /// The gauges read at scrape time, then everything in the text format.
    static func scrape(_ db: any Database, poolSize: Int) async throws -> [UInt8] {
        let started = ContinuousClock.now
        let outbox = try await OutboxMessage.queueState(now: Date(), on: db)
        let answered = ContinuousClock.now - started
        // The pool: this instance's most connections, and (PostgreSQL) what the server holds
        // for every instance together, by state; a state gone since the last scrape reads 0.
        Gauge(label: "preproom_database_pool_size").record(poolSize)
        if let connections = try await DatabaseConnections.byState(on: db) {
            for state in Set(connections.keys).union(["active", "idle", "idle in transaction"]) {
                Gauge(label: "preproom_database_connections", dimensions: [("state", state)]).record(connections[state] ?? 0)
            }
        }
        Gauge(label: "preproom_outbox_pending").record(outbox.pending)
        Gauge(label: "preproom_outbox_oldest_age_seconds").record(outbox.oldestAge ?? 0)
        Gauge(label: "preproom_database_answer_seconds").record(Double(answered.components.attoseconds) / 1e18 + Double(answered.components.seconds))
        return registry.emitToBuffer()
    }
}
