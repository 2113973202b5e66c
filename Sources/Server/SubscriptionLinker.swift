import HTTPAPI
import InfluxDB
import Logging
import ServiceLifecycle

/// Keeps the InfluxDB subscriptions of every enabled `[[influxdb]]` cluster without
/// `disable-subscriptions` pointing at this daemon, as Kapacitor's influxdb service does: at
/// start (retrying until `startup-timeout` while the cluster cannot be reached), then every
/// `subscriptions-sync-interval`. InfluxDB then pushes the writes it receives to `/write`.
public struct SubscriptionLinker: Service {
    /// One cluster's client and the subscriptions it should have.
    public struct Link: Sendable {
        /// The cluster's name.
        public var cluster: String
        /// Its client.
        public var client: InfluxDBClient
        /// Its subscriptions' name, destination and db/rp pairs.
        public var settings: SubscriptionSettings
    }

    /// The clusters whose subscriptions are kept.
    public let links: [Link]
    private let logger: Logger

    /// The links of `clusters` for a daemon of `identity` serving HTTP on `httpPort`; `udp`
    /// subscriptions, which need a UDP listener Condenser lacks, are skipped with an error.
    init(clusters: InfluxDBClusters?, identity: ServerIdentity, httpPort: Int, logger: Logger) {
        var links: [Link] = []
        for (name, client) in (clusters?.clients ?? [:]).sorted(by: { $0.key < $1.key }) where !client.config.disableSubscriptions {
            guard client.config.subscriptionProtocol != "udp" else {
                logger.error("udp subscriptions are not supported, set disable-subscriptions or use http", metadata: ["cluster": "\(name)"])
                continue
            }
            let settings = SubscriptionSettings(
                config: client.config, clusterID: identity.clusterID, serverID: identity.serverID, hostname: identity.hostname,
                httpPort: httpPort)
            links.append(Link(cluster: name, client: client, settings: settings))
        }
        self.links = links
        self.logger = logger
    }

    /// Links every cluster's subscriptions once, stopping at the first failure, which is
    /// Kapacitor's `linking cluster <name>: …`.
    public func linkAll() async throws(InfluxDBError) {
        for link in links {
            do {
                try await link.client.linkSubscriptions(link.settings)
            } catch {
                throw InfluxDBError("linking cluster \(link.cluster): \(error.message)", status: error.status, isUnreachable: error.isUnreachable)
            }
        }
    }

    /// Links at start and every sync interval until the daemon shuts down (a service that
    /// returned early would end the daemon's service group, so without links it just waits).
    public func run() async throws {
        guard !links.isEmpty else {
            try? await gracefulShutdown()
            return
        }
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                for link in links { group.addTask { await keepLinked(link) } }
            }
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
                let statements = try await link.client.linkSubscriptions(link.settings)
                linked = true
                for statement in statements { logger.info("linked subscription", metadata: ["cluster": "\(link.cluster)", "statement": "\(statement)"]) }
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
