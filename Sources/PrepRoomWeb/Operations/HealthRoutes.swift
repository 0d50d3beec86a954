import Fluent
import PrepRoomServices
import PrepRoomStore
import Vapor

/// What a load balancer, an orchestrator and Prometheus ask of an instance.
/// - `/healthz`: the process answers (no database: a slow database must not get healthy
///   instances killed);
/// - `/readyz`: it can serve: the database answers and no migration is pending (an
///   instance of a newer version waits until `migrate` has run);
/// - `/metrics`: for an admin's API token, or HTTP Basic `metrics:PREPROOM_METRICS_TOKEN`
///   (Prometheus's `basic_auth`), since route names and counts are not for the public.
struct HealthRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("healthz") { _ in "ok" }
        routes.get("readyz", use: ready)
        routes.get("metrics", use: metrics)
    }

    struct Readiness: Content {
        var ready: Bool
        var database: String
        var pendingMigrations: Int
    }

    func ready(req: Request) async throws -> Response {
        var readiness = Readiness(ready: false, database: "ok", pendingMigrations: 0)
        do {
            // The migration log is made first when missing (as `migrate` would), so a new
            // database reads as "every migration pending", not as a database that is down.
            let migrator = req.application.migrator
            try await migrator.setupIfNeeded().get()
            readiness.pendingMigrations = try await migrator.previewPrepareBatch().get().count
            readiness.ready = readiness.pendingMigrations == 0
        } catch {
            req.logger.warning("Not ready: the database did not answer: \(error)")
            readiness.database = "not answering"
        }
        let response = try await readiness.encodeResponse(for: req)
        response.status = readiness.ready ? .ok : .serviceUnavailable
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    func metrics(req: Request) async throws -> Response {
        if !scraperIsKnown(req) {
            _ = try req.require(\.canManageAccounts, "Only admins and the metrics scraper may read the metrics.")
        }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        // One pool per event loop, as configure.swift sets it up.
        let loops = req.application.eventLoopGroup.makeIterator().reduce(0) { count, _ in count + 1 }
        let poolSize = (req.application.configuration?.connectionsPerEventLoop ?? 1) * loops
        return Response(status: .ok, headers: headers, body: .init(data: Data(try await ServiceMetrics.scrape(req.db, poolSize: poolSize))))
    }

    /// HTTP Basic with the user `metrics` and the configured token, compared in constant time.
    private func scraperIsKnown(_ req: Request) -> Bool {
        guard let token = req.application.configuration?.metricsToken, let basic = req.headers.basicAuthorization,
              basic.username == "metrics" else { return false }
        return Secrets.same(basic.password, token)
    }
}
