import Models

/// The statements that bring a server's subscriptions in line with `SubscriptionSettings`, as
/// Kapacitor's linkSubscriptions decides them, without the server: old-style subscriptions
/// (named `kapacitor` or the bare cluster ID) are renamed; this daemon's that point elsewhere or
/// cover an unwanted db/rp are dropped; every wanted db/rp without one gets one (`ANY`, one
/// destination). Other subscriptions are left alone.
public enum SubscriptionPlan {
    /// The `DROP`/`CREATE SUBSCRIPTION` statements, in order, given the server's db/rp pairs and
    /// its subscriptions; `udpPorts` holds the port of each db/rp's listener for `udp` settings.
    /// With tokens, `grant` is given each new subscription's token and its db/rp.
    public static func statements(
        _ settings: SubscriptionSettings, databases: [DBRP], existing: [Subscription], udpPorts: [DBRP: Int] = [:],
        grant: (String, DBRP) -> Void = { _, _ in }
    ) -> [String] {
        var statements: [String] = []
        var covered = Set<DBRP>()
        for subscription in existing {
            let dbrp = DBRP(db: subscription.database, rp: subscription.retentionPolicy)
            if subscription.name != settings.name
                && (subscription.name == SubscriptionSettings.legacyName || subscription.name == settings.clusterID)
            {
                statements.append(subscription.dropStatement)
                var renamed = subscription
                renamed.name = settings.name
                if settings.wants(dbrp) && settings.isCurrent(renamed, udpPort: udpPorts[dbrp]) {
                    statements.append(renamed.createStatement)
                    covered.insert(dbrp)
                }
            } else if subscription.name == settings.name {
                if settings.wants(dbrp) && settings.isCurrent(subscription, udpPort: udpPorts[dbrp]) {
                    covered.insert(dbrp)
                } else {
                    statements.append(subscription.dropStatement)
                }
            }
        }
        for dbrp in databases where settings.wants(dbrp) && !covered.contains(dbrp) {
            covered.insert(dbrp)
            let token = settings.tokenCluster.map { SubscriptionSettings.newToken(cluster: $0) }
            if let token { grant(token, dbrp) }
            let subscription = Subscription(
                database: dbrp.db, retentionPolicy: dbrp.rp, name: settings.name, mode: "ANY",
                destinations: [settings.destination(udpPort: udpPorts[dbrp], token: token)])
            statements.append(subscription.createStatement)
        }
        return statements
    }
}
