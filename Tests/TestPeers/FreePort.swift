#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Free TCP ports on the loopback interface, for peers the tests start.
public enum FreePort {
    /// Where ports are drawn from: below Linux's ephemeral range (32768–60999), which outgoing
    /// connections and listeners on port 0 take their ports from. A port drawn from inside it
    /// could be taken by any of those between the draw and its use — or while a peer restarts on it.
    static let range = 20000..<32768

    /// A port nobody listens on right now: a random one of `range` that binds.
    public static func next() -> Int {
        for _ in 0..<1000 {
            let port = Int.random(in: range)
            if canBind(port) { return port }
        }
        return 0
    }

    private static func canBind(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
