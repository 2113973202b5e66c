import Foundation
import GoEncoding
import Models

/// What one cluster's subscriptions should be, from its `[[influxdb]]` section and the daemon's
/// identity, as Kapacitor's influxdb service derives it: the name `kapacitor-<cluster id>` (or
/// `kapacitor-<server id>` in `server` mode), the destination `<protocol>://<host>:<port><path>`
/// (`kapacitor-hostname` and `http-port` overriding the daemon's), and which db/rp pairs get one.
public struct SubscriptionSettings: Sendable, Equatable {
    /// The name of this daemon's subscriptions.
    public var name: String
    /// The cluster ID, a name older Kapacitors gave subscriptions (renamed when found).
    public var clusterID: String
    /// `http`, `https` or `udp`.
    public var subscriptionProtocol: String
    /// The host InfluxDB sends the writes to.
    public var hostname: String
    /// The port InfluxDB sends the writes to.
    public var port: Int
    /// The path below the destination's root (`subscription-path`).
    public var path: String
    /// The host `udp` subscriptions' listeners bind to (`udp-bind`; empty: every interface).
    public var udpBind: String
    /// Their sockets' receive buffer in bytes (`udp-read-buffer`; 0: the system's).
    public var udpReadBuffer: Int
    /// The only db/rp pairs subscribed to, when not empty (`[influxdb.subscriptions]`).
    public var only: Set<DBRP>
    /// The db/rp pairs never subscribed to (`[influxdb.excluded-subscriptions]`).
    public var excluded: Set<DBRP>
    /// With `[http] auth-enabled`, the cluster's name, which prefixes the token each http(s)
    /// subscription authenticates with (`~subscriber:<token>@` in its destination); else nil.
    public var tokenCluster: String?

    /// The user name of subscriptions' destinations.
    public static let subscriptionUser = "~subscriber"

    /// The name Kapacitor 0.x gave every subscription (renamed when found).
    public static let legacyName = "kapacitor"

    /// The settings of `config` for a daemon with these IDs, host name and HTTP port;
    /// `useTokens` when the daemon requires authentication.
    public init(config: InfluxDBConfig, clusterID: String, serverID: String, hostname: String, httpPort: Int, useTokens: Bool = false) {
        name = "kapacitor-" + (config.subscriptionMode == "server" ? serverID : clusterID)
        self.clusterID = clusterID
        subscriptionProtocol = config.subscriptionProtocol
        self.hostname = config.kapacitorHostname.isEmpty ? hostname : config.kapacitorHostname
        port = config.httpPort != 0 ? config.httpPort : httpPort
        path = config.subscriptionPath
        udpBind = config.udpBind
        udpReadBuffer = config.udpReadBuffer
        only = Self.pairs(config.subscriptions)
        excluded = Self.pairs(config.excludedSubscriptions)
        tokenCluster = useTokens && !isUDP ? config.name : nil
    }

    private static func pairs(_ map: [String: [String]]) -> Set<DBRP> {
        Set(map.flatMap { database, policies in policies.map { DBRP(db: database, rp: $0) } })
    }

    /// Whether the subscriptions send to UDP listeners, one per db/rp, instead of `/write`.
    public var isUDP: Bool { subscriptionProtocol == "udp" }

    /// The URL new subscriptions send to, as Go's url.URL prints it; `udp` ones send to the
    /// port of their db/rp's listener, and with a `token` http(s) ones authenticate with it.
    public func destination(udpPort: Int? = nil, token: String? = nil) -> String {
        if isUDP, let udpPort { return "udp://\(hostname):\(udpPort)" }
        let user = token.map { Self.subscriptionUser + ":" + $0 + "@" } ?? ""
        var url = "\(subscriptionProtocol)://\(user)\(hostname):\(port)"
        if !path.isEmpty {
            if !path.hasPrefix("/") { url += "/" }
            url += path
        }
        return url
    }

    /// Whether `dbrp` should have a subscription: listed (or no list) and not excluded.
    public func wants(_ dbrp: DBRP) -> Bool {
        (only.isEmpty || only.contains(dbrp)) && !excluded.contains(dbrp)
    }

    /// Whether an existing subscription still points where these settings say: its first
    /// destination has the protocol and host, and for http(s) the port and no user info — or,
    /// with tokens, a token of this cluster; for udp, the port of its db/rp's listener
    /// (`udpPort`; any port when not known).
    public func isCurrent(_ subscription: Subscription, udpPort: Int? = nil) -> Bool {
        guard let destinationPort = udpDestinationPort(of: subscription) ?? httpPort(of: subscription) else { return false }
        if isUDP { return udpPort == nil || destinationPort == udpPort }
        return destinationPort == port
    }

    /// The port of a subscription sending to this host over UDP (when the settings are udp).
    public func udpDestinationPort(of subscription: Subscription) -> Int? {
        guard isUDP, let url = firstDestination(subscription) else { return nil }
        return url.port
    }

    private func httpPort(of subscription: Subscription) -> Int? {
        guard !isUDP, let url = firstDestination(subscription) else { return nil }
        if let tokenCluster {
            guard url.user == Self.subscriptionUser, let token = url.password, Self.cluster(ofToken: token) == tokenCluster else { return nil }
        } else if url.user != nil || url.password != nil {
            return nil
        }
        return url.port
    }

    /// A new token of `cluster`: base64url of `<cluster>;<16 random bytes>`, as Kapacitor makes them.
    public static func newToken(cluster: String) -> String {
        var bytes = Array(cluster.utf8) + [UInt8(ascii: ";")]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<16 { bytes.append(UInt8.random(in: 0...255, using: &generator)) }
        return Base64URL.encode(bytes)
    }

    /// The cluster a token was made for, or nil when it is not one.
    public static func cluster(ofToken token: String) -> String? {
        guard let raw = Base64URL.decode(token), let delimiter = raw.firstIndex(of: UInt8(ascii: ";")), delimiter > raw.startIndex
        else { return nil }
        return String(decoding: raw[..<delimiter], as: UTF8.self)
    }

    private func firstDestination(_ subscription: Subscription) -> URLComponents? {
        guard let first = subscription.destinations.first, let url = URLComponents(string: first),
              url.scheme == subscriptionProtocol, url.host == hostname, url.port != nil
        else { return nil }
        return url
    }
}

/// Where subscription tokens are granted the right to write (Kapacitor's auth service).
public protocol SubscriptionTokens: Sendable {
    /// Lets a subscription sending with `token` write to `dbrp`'s database.
    func grant(_ token: String, to dbrp: DBRP) throws
    /// Every granted token.
    func all() throws -> [String]
    /// Takes a token's right away.
    func revoke(_ token: String) throws
}
