extension Config {
    /// The enabled `[[udp]]` sections; each needs a `bind-address` and a `database`, as
    /// Kapacitor's udp service requires (an empty `retention-policy` takes `default-retention-policy`).
    var udpInputs: [UDPInputConfig] {
        get throws {
            guard case .list(let sections)? = value("udp") else { return [] }
            return try sections.compactMap { section -> UDPInputConfig? in
                guard case .table(let entries) = section else { return nil }
                func value(_ key: String) -> ConfigValue? { entries.first(where: { $0.0 == key })?.1 }
                func string(_ key: String) -> String {
                    if case .string(let text)? = value(key) { return text }
                    return ""
                }
                guard case .bool(true)? = value("enabled") else { return nil }
                var readBuffer = 0
                if case .int(let bytes)? = value("read-buffer") { readBuffer = Int(bytes) }
                let bindAddress = string("bind-address"), database = string("database")
                guard !bindAddress.isEmpty else { throw ConfigError("[[udp]]: bind address has to be specified in config") }
                guard !database.isEmpty else { throw ConfigError("[[udp]]: database has to be specified in config") }
                let (host, port) = try Self.hostAndPort(bindAddress)
                return UDPInputConfig(
                    host: host, port: port, database: database,
                    retentionPolicy: string("retention-policy").isEmpty ? defaultRetentionPolicy : string("retention-policy"),
                    readBuffer: readBuffer)
            }
        }
    }

    /// The host and port of a `bind-address` (`:8089` binds every interface).
    private static func hostAndPort(_ address: String) throws -> (String, Int) {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]), (0...65535).contains(port) else {
            throw ConfigError("[[udp]] bind-address \"\(address)\" is not host:port")
        }
        var host = String(address[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host, port)
    }
}
