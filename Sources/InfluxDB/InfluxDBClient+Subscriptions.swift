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
    /// returns the statements run.
    @discardableResult
    public func linkSubscriptions(_ settings: SubscriptionSettings) async throws(InfluxDBError) -> [String] {
        let statements = SubscriptionPlan.statements(settings, databases: try await retentionPolicies(), existing: try await subscriptions())
        for statement in statements {
            do {
                _ = try await results(statement)
            } catch {
                throw InfluxDBError("\(statement): \(error.message)", status: error.status, isUnreachable: error.isUnreachable)
            }
        }
        return statements
    }

    /// The string in column `index` of a row.
    private static func text(_ index: Int) -> ([FieldValue?]) -> String? {
        { row in
            guard index < row.count, case .string(let text)? = row[index] else { return nil }
            return text
        }
    }
}
