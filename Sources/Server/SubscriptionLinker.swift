import HTTPAPI
import InfluxDB
import Logging
import Models
import ServiceLifecycle
import Synchronization

/// Keeps the InfluxDB subscriptions of every enabled `[[influxdb]]` cluster without
/// `disable-subscriptions` pointing at this daemon, as Kapacitor's influxdb service does: at
/// start (retrying until `startup-timeout` while the cluster cannot be reached), then every
/// `subscriptions-sync-interval`. InfluxDB then pushes the writes it receives to `/write`, or
/// with `subscription-protocol = "udp"` to a UDP listener per db/rp that the linker opens.
public struct SubscriptionLinker: Service {
    /// One cluster's client and the subscriptions it should have.
    public struct Link: Sendable {
        /// The cluster's name.
        public var cluster: String
        /// Its client.
        public var client: InfluxDBClient
        /// Its subscriptions' name, destination and db/rp pairs.
        public var settings: SubscriptionSettings
        /// The listeners of its `udp` subscriptions (nil for http and https).
        let listeners: SubscriptionUDPListeners?
    }

    /// The clusters whose subscriptions are kept.
    public let links: [Link]
    private let logger: Logger
    /// Where subscriptions' tokens are granted (with `[http] auth-enabled`).
    private let tokens: Authenticator
    /// How many db/rp pairs each cluster had subscribed at its last successful link.
    private let counts = SubscriptionCounts()

    /// The links of `clusters` for a daemon of `identity` serving HTTP on `httpPort`; what its
    /// `udp` listeners receive goes to `write`. With `authenticator` requiring authentication,
    /// http(s) subscriptions carry tokens it grants.
    init(
        clusters: InfluxDBClusters?, identity: ServerIdentity, httpPort: Int, clock: any WallClock, logger: Logger,
        authenticator: Authenticator, write: @escaping @Sendable ([Point], DBRP) -> Void
    ) {
        var links: [Link] = []
        for (name, client) in (clusters?.clients ?? [:]).sorted(by: { $0.key < $1.key }) where !client.config.disableSubscriptions {
            let settings = SubscriptionSettings(
                config: client.config, clusterID: identity.clusterID, serverID: identity.serverID, hostname: identity.hostname,
                httpPort: httpPort, useTokens: authenticator.required)
            let listeners = settings.isUDP ? SubscriptionUDPListeners(clock: clock, logger: logger, write: write) : nil
            links.append(Link(cluster: name, client: client, settings: settings, listeners: listeners))
        }
        self.links = links
        self.logger = logger
        tokens = authenticator
    }

    /// How many subscriptions of this daemon the clusters have, as of their last successful link
    /// (Kapacitor's `num_subscriptions`).
    public var subscriptionCount: Int { counts.total }

    /// Links every cluster's subscriptions once, stopping at the first failure, which is
    /// Kapacitor's `linking cluster <name>: …`.
    public func linkAll() async throws(InfluxDBError) {
        for link in links {
            do {
                counts.set(link.cluster, try await link.client.linkSubscriptions(link.settings, listeners: link.listeners, tokens: tokens).count)
            } catch {
                throw InfluxDBError("linking cluster \(link.cluster): \(error.message)", status: error.status, isUnreachable: error.isUnreachable)
            }
        }
    }

    /// Links at start and every sync interval until the daemon shuts down (a service that
    /// returned early would end the daemon's service group, so without links it just waits).
    public func run() async throws {
        revokeTokensOfOtherClusters()
        guard !links.isEmpty else {
            try? await gracefulShutdown()
            return
        }
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                for link in links { group.addTask { await keepLinked(link) } }
            }
        }
        for link in links { await link.listeners?.closeAll() }
    }

    /// Revokes the subscription tokens of clusters this daemon no longer links (removed from the
    /// file, disabled, or without subscriptions), as Kapacitor's `revokeClusterTokens` does at start.
    func revokeTokensOfOtherClusters() {
        let clusters = Set(links.compactMap(\.settings.tokenCluster))
        do {
            for token in try tokens.all() where !clusters.contains(SubscriptionSettings.cluster(ofToken: token) ?? "") {
                try tokens.revoke(token)
            }
        } catch {
            logger.error("failed to revoke subscription tokens", metadata: ["error": "\(error)"])
        }
    }

    private func keepLinked(_ link: Link) async {
        let clock = ContinuousClock()
        let startupDeadline = clock.now + .nanoseconds(link.client.config.startupTimeout)
        let interval = Duration.nanoseconds(link.client.config.subscriptionsSyncInterval)
        var retry = Duration.milliseconds(500)
        var linked = false
        while !Task.isCancelled {
            do {
                let result = try await link.client.linkSubscriptions(link.settings, listeners: link.listeners, tokens: tokens)
                counts.set(link.cluster, result.count)
                linked = true
                for statement in result.statements { logger.info("linked subscription", metadata: ["cluster": "\(link.cluster)", "statement": "\(statement)"]) }
            } catch {
                // While the cluster may still be starting, retries are quiet, as Kapacitor's backoff is.
                if linked || clock.now >= startupDeadline {
                    logger.error("failed to link subscriptions", metadata: ["cluster": "\(link.cluster)", "error": "\(error)"])
                }
            }
            var wait = interval
            if !linked && clock.now < startupDeadline {
                wait = min(retry, interval)
                retry = min(retry * 2, .seconds(10))
            }
            do {
                try await Task.sleep(for: wait)
            } catch {
                return
            }
        }
    }
}

/// Subscribed db/rp pairs per cluster.
private final class SubscriptionCounts: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    func set(_ cluster: String, _ count: Int) {
        counts.withLock { $0[cluster] = count }
    }

    var total: Int { counts.withLock { $0.values.reduce(0, +) } }
}
