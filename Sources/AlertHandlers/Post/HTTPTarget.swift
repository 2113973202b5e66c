import Foundation
import NIOCore
import NIOHTTP1

/// Where a `post` handler's pipelined connection goes and the request head it sends with every
/// body: the head AsyncHTTPClient would send for the same URL and headers (`POST <path?query>
/// HTTP/1.1`, the given headers in order, then `host` unless given, then `Content-Length`, then
/// `Accept-Encoding: deflate, gzip` when its client decompresses).
struct HTTPTarget: Sendable {
    /// The host to connect to (an IPv6 address without brackets).
    let host: String
    /// The port to connect to.
    let port: Int
    /// Whether the connection speaks TLS.
    let tls: Bool
    /// The request head without `Content-Length`.
    let head: HTTPRequestHead
    /// Whether requests accept compressed answers, as a decompressing AsyncHTTPClient's do.
    let acceptsCompression: Bool

    /// The target of `url` with `headers`, accepting compressed answers when
    /// `acceptsCompression`; nil unless the URL is `http` or `https` with a host and every header
    /// is valid, which AsyncHTTPClient checks per request instead.
    init?(url: String, headers: [(String, String)], acceptsCompression: Bool) {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https",
              var host = parsed.host, !host.isEmpty
        else { return nil }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard headers.allSatisfy({ Self.isToken($0.0) && Self.isFieldValue($0.1) }) else { return nil }
        let tls = scheme == "https"
        let defaultPort = tls ? 443 : 80
        let port = parsed.port ?? defaultPort
        var fields = HTTPHeaders(headers)
        if !fields.contains(name: "host") {
            let isIPv6 = (try? SocketAddress(ipAddress: host, port: port)).map { if case .v6 = $0 { true } else { false } } ?? false
            var value = isIPv6 ? "[\(host)]" : host
            if port != defaultPort { value += ":\(port)" }
            fields.add(name: "host", value: value)
        }
        fields.remove(name: "Content-Length")
        fields.remove(name: "Transfer-Encoding")
        var uri = parsed.path.isEmpty
            ? "/" : URLComponents(url: parsed, resolvingAgainstBaseURL: true)?.percentEncodedPath ?? parsed.path
        if let query = parsed.query { uri += "?" + query }
        self.host = host
        self.port = port
        self.tls = tls
        self.acceptsCompression = acceptsCompression
        head = HTTPRequestHead(version: .http1_1, method: .POST, uri: uri, headers: fields)
    }

    /// The head of a request whose body has `length` bytes.
    func head(bodyLength length: Int) -> HTTPRequestHead {
        var head = head
        head.headers.add(name: "Content-Length", value: String(length))
        if acceptsCompression { head.headers.replaceOrAdd(name: "Accept-Encoding", value: "deflate, gzip") }
        return head
    }

    /// Whether `name` is an RFC 9110 token.
    private static func isToken(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                true
            default:
                "!#$%&'*+-.^_`|~".utf8.contains(byte)
            }
        }
    }

    /// Whether `value` holds no control character other than a tab.
    private static func isFieldValue(_ value: String) -> Bool {
        value.utf8.allSatisfy { $0 == UInt8(ascii: "\t") || ($0 >= 0x20 && $0 != 0x7F) }
    }
}
