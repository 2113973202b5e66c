/// Where `condenserd` finds its configuration, as `kapacitord` does: the `-config` flag
/// (`/dev/null` meaning none), then `KAPACITOR_CONFIG_PATH`, then `~/.kapacitor/kapacitor.conf`
/// and `/etc/kapacitor/kapacitor.conf` when they exist and are not empty.
public enum ConfigPath {
    /// The path to load, or nil to run on the embedded defaults.
    public static func find(
        flag: String?, environment: [String: String], systemPath: String = "/etc/kapacitor/kapacitor.conf"
    ) -> String? {
        if let flag, !flag.isEmpty { return flag == "/dev/null" ? nil : flag }
        if let path = environment["KAPACITOR_CONFIG_PATH"], !path.isEmpty { return path }
        var candidates: [String] = []
        if let home = environment["HOME"], !home.isEmpty { candidates.append(home + "/.kapacitor/kapacitor.conf") }
        candidates.append(systemPath)
        return candidates.first { (readFile($0) ?? "").isEmpty == false }
    }
}

extension Config {
    /// The configuration `condenserd` runs on: the file at `path` or, with none, the embedded
    /// defaults with the data directory in `$HOME/.condenser` (Kapacitor's demo configuration
    /// uses `$HOME/.kapacitor`); then the environment overrides and the `-hostname` flag.
    public static func forDaemon(path: String?, environment: [String: String], hostname: String?) throws(ConfigError) -> Config {
        var config = try load(path: path, environment: [:])
        if path == nil {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
            config.set(["data_dir"], .string(home + "/.condenser"))
        }
        try config.applyEnvironment(environment)
        if let hostname, !hostname.isEmpty { config.set(["hostname"], .string(hostname)) }
        return config
    }
}
