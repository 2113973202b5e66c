import Hummingbird

extension CondenserAPI {
    /// POST `/kapacitor/v1/subscriptions`: links every InfluxDB cluster's subscriptions now, as
    /// Kapacitor's influxdb service does; 204, or 500 with `failed to link subscriptions: …`.
    func refreshSubscriptions() async throws -> Response {
        do {
            try await linkSubscriptions()
        } catch {
            throw APIError(.internalServerError, "failed to link subscriptions: \(error)")
        }
        return Response(status: .noContent)
    }
}
