import Foundation
import InfluxQL
import Models

extension InfluxDBClient {
    /// Every database's retention policies (`SHOW DATABASES`, then `SHOW RETENTION POLICIES ON`
    /// each), as db/rp pairs.
    public func retentionPolicies() async throws(InfluxDBError) -> [DBRP] {
        var pairs: [DBRP] = []
        for database in try await query("SHOW DATABASES").flatMap(\.values).compactMap(Self.text(0)) {
            let policies = try await query("SHOW RETENTION POLICIES ON " + InfluxQLSyntax.doubleQuoted(database))
            pairs += policies.flatMap(\.values).compactMap(Self.text(0)).map { DBRP(db: database, rp: $0) }
        }
        return pairs
    }

    /// Revokes the tokens of `cluster` that no subscription named `subscription` sends with any
    /// more, as Kapacitor does after linking.
    private func revokeUnused(_ tokens: any SubscriptionTokens, cluster: String, subscription: String) async throws(InfluxDBError) {
        let inUse = Set(try await subscriptions().filter { $0.name == subscription }.flatMap(\.destinations).compactMap {
            URLComponents(string: $0)?.password
        })
        do {
            for token in try tokens.all() where SubscriptionSettings.cluster(ofToken: token) == cluster && !inUse.contains(token) {
                try tokens.revoke(token)
            }
        } catch {
            throw InfluxDBError("failed to revoke subscription access: \(error)")
        }
    }

    /// The server's subscriptions (`SHOW SUBSCRIPTIONS`: one series per database).
    public func subscriptions() async throws(InfluxDBError) -> [Subscription] {
        try await query("SHOW SUBSCRIPTIONS").flatMap { series in
            let column = { (name: String) in series.columns.firstIndex(of: name) }
            return series.values.map { row in
                func cell(_ name: String) -> String? { column(name).flatMap { Self.text($0)(row) } }
                let destinations = cell("destinations").flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) }
                return Subscription(
                    database: series.name, retentionPolicy: cell("retention_policy") ?? "", name: cell("name") ?? "",
                    mode: cell("mode") ?? "", destinations: destinations ?? [])
            }
        }
    }

    /// Brings the server's subscriptions in line with `settings` (see `SubscriptionPlan`) and
    /// returns the statements run and how many db/rp pairs are now subscribed. With `udp` settings, `listeners` gets a listener for every
    /// wanted db/rp first — on the port its subscription already sends to, when there is one —
    /// and the subscriptions send to those ports.
    @discardableResult
    public func linkSubscriptions(
        _ settings: SubscriptionSettings, listeners: (any UDPSubscriptionListeners)? = nil,
        tokens: (any SubscriptionTokens)? = nil
    ) async throws(InfluxDBError) -> LinkedSubscriptions {
        let databases = try await retentionPolicies()
        let existing = try await subscriptions()
        var udpPorts: [DBRP: Int] = [:]
        if settings.isUDP, let listeners {
            var previous: [DBRP: Int] = [:]
            for subscription in existing where [settings.name, settings.clusterID, SubscriptionSettings.legacyName].contains(subscription.name) {
                previous[DBRP(db: subscription.database, rp: subscription.retentionPolicy)] = settings.udpDestinationPort(of: subscription)
            }
            for dbrp in databases where settings.wants(dbrp) {
                do {
                    udpPorts[dbrp] = try await listeners.listen(dbrp, port: previous[dbrp] ?? 0, settings: settings)
                } catch {
                    throw InfluxDBError("failed to start UDP listener for \(dbrp.db).\(dbrp.rp): \(error)")
                }
            }
            await listeners.keepOnly(Set(udpPorts.keys))
        }
        var refused: (any Error)?
        let statements = SubscriptionPlan.statements(settings, databases: databases, existing: existing, udpPorts: udpPorts) { token, dbrp in
            do {
                try tokens?.grant(token, to: dbrp)
            } catch {
                refused = error
            }
        }
        if let refused { throw InfluxDBError("failed to grant subscription access: \(refused)") }
        for statement in statements {
            do {
                _ = try await results(statement)
            } catch {
                throw InfluxDBError("\(statement): \(error.message)", status: error.status, isUnreachable: error.isUnreachable)
            }
        }
        if let tokens, let cluster = settings.tokenCluster {
            try await revokeUnused(tokens, cluster: cluster, subscription: settings.name)
        }
        return LinkedSubscriptions(statements: statements, count: databases.filter(settings.wants).count)
    }

    /// The string in column `index` of a row.
    private static func text(_ index: Int) -> ([FieldValue?]) -> String? {
        { row in
            guard index < row.count, case .string(let text)? = row[index] else { return nil }
            return text
        }
    }
}

/// The UDP listeners `udp` subscriptions send to, one per db/rp (the daemon's; Kapacitor's
/// influxdb service starts a udp service per subscription).
public protocol UDPSubscriptionListeners: Sendable {
    /// Listens for the writes of `dbrp` — keeping its listener when one runs, else binding
    /// `udp-bind` on `port`, or on a free port when that fails or `port` is 0 — and returns the port.
    func listen(_ dbrp: DBRP, port: Int, settings: SubscriptionSettings) async throws -> Int
    /// Closes the listeners of every db/rp not in `wanted`.
    func keepOnly(_ wanted: Set<DBRP>) async
}

/// What linking a cluster's subscriptions did.
public struct LinkedSubscriptions: Sendable {
    /// The `DROP`/`CREATE SUBSCRIPTION` statements run, in order.
    public var statements: [String]
    /// How many db/rp pairs have this daemon's subscription now.
    public var count: Int
}
