import InfluxDB
import Models
import TestPeers
import Testing

@Suite(.enabled(if: InfluxD.shouldRun, "influxd (Debian package influxdb) is not installed"))
struct InfluxDBClientTests {
    func client(_ influxd: InfluxD, urls: [String]? = nil, compression: String = "gzip", user: String? = nil, password: String? = nil) throws -> InfluxDBClient {
        var config = InfluxDBConfig(
            name: "local", urls: urls ?? [influxd.url], username: user ?? influxd.adminUser, password: password ?? influxd.adminPassword)
        config.compression = compression
        return try InfluxDBClient(config)
    }

    @Test func queryReturnsDataWrittenToInfluxd() async throws {
        let influxd = try InfluxD()
        try influxd.write("cpu,host=a value=1.5,count=3i,ok=true,text=\"x y\" 1000000000\ncpu,host=b value=2 2000000000\n")
        let series = try await client(influxd).query("SELECT * FROM \"condenser\".\"autogen\".\"cpu\" GROUP BY host")
        #expect(series == [
            QuerySeries(name: "cpu", tags: ["host": "a"], columns: ["time", "count", "ok", "text", "value"],
                        values: [[.int(1_000_000_000), .int(3), .bool(true), .string("x y"), .float(1.5)]]),
            QuerySeries(name: "cpu", tags: ["host": "b"], columns: ["time", "count", "ok", "text", "value"],
                        values: [[.int(2_000_000_000), nil, nil, nil, .int(2)]]),
        ])
    }

    @Test(arguments: ["gzip", "none"])
    func writesAreReadableBack(compression: String) async throws {
        let influxd = try InfluxD()
        let points = (0..<3).map { index in
            Point(measurement: "mem", tags: Tags(["host": "h\(index)"]), fields: Fields([Field("used", .float(Double(index) + 0.5))]),
                  time: Int64(index + 1) * 1_000_000_000)
        }
        try await client(influxd, compression: compression).write(points, database: "condenser", retentionPolicy: "autogen", precision: "s")
        let body = try influxd.query("SELECT used, host FROM mem")
        #expect(body.contains("[1000000000,0.5,\"h0\"],[2000000000,1.5,\"h1\"],[3000000000,2.5,\"h2\"]"))
    }

    @Test func tokenUserReadsAndWritesItsDatabaseOnly() async throws {
        let influxd = try InfluxD()
        let client = try client(influxd, user: influxd.tokenUser, password: influxd.token)
        try await client.write(
            [Point(measurement: "m", fields: Fields([Field("v", .int(7))]), time: 5)], database: "condenser")
        let series = try await client.query("SELECT v FROM \"condenser\"..\"m\"")
        #expect(series.first?.values == [[.int(5), .int(7)]])
        let error = await #expect(throws: InfluxDBError.self) { try await client.createDatabase("other") }
        #expect(error?.message == "error authorizing query: condenser not authorized to execute statement 'CREATE DATABASE other', requires admin privilege")
    }

    @Test func wrongCredentialsGiveInfluxDBsError() async throws {
        let influxd = try InfluxD()
        let client = try client(influxd, password: "wrong")
        let queryError = await #expect(throws: InfluxDBError.self) { try await client.query("SHOW DATABASES") }
        #expect(queryError?.message == "authorization failed")
        #expect(queryError?.status == 401 && queryError?.isTemporary == false)
        let writeError = await #expect(throws: InfluxDBError.self) {
            try await client.write([Point(measurement: "m", fields: Fields([Field("v", .int(1))]), time: 1)], database: "condenser")
        }
        #expect(writeError?.message == "authorization failed")
    }

    @Test func statementErrorsAndCreateDatabase() async throws {
        let influxd = try InfluxD()
        let client = try client(influxd)
        let error = await #expect(throws: InfluxDBError.self) { try await client.query("SELECT * FROM \"nope\"..\"cpu\"") }
        #expect(error?.message == "database not found: nope")
        let parse = await #expect(throws: InfluxDBError.self) { try await client.query("SELEKT 1") }
        #expect(parse?.message.hasPrefix("error parsing query: ") == true)
        try await client.createDatabase("made", retentionPolicy: "short")
        let policies = try await client.query("SHOW RETENTION POLICIES ON \"made\"")
        #expect(policies.first?.values.map { $0[0] } == [.string("short")])
        _ = try await client.query("CREATE SUBSCRIPTION \"kapacitor-x\" ON \"made\".\"short\" DESTINATIONS ALL 'http://127.0.0.1:9092'")
        let subscriptions = try await client.query("SHOW SUBSCRIPTIONS")
        #expect(subscriptions.first?.name == "made")
        #expect(subscriptions.first?.values == [[.string("short"), .string("kapacitor-x"), .string("ALL"), .string("[\"http://127.0.0.1:9092\"]")]])
        #expect(try await client.ping() == "1.6.7~rc0")
    }

    @Test func failsOverFromADeadURL() async throws {
        let influxd = try InfluxD()
        let dead = "http://127.0.0.1:\(FreePort.next())"
        let client = try client(influxd, urls: [dead, influxd.url])
        #expect(try await client.query("SHOW DATABASES").first?.values.contains([.string("condenser")]) == true)
        #expect(try await client.query("SHOW DATABASES").first?.values.contains([.string("condenser")]) == true)
        let alone = try self.client(influxd, urls: [dead])
        let error = await #expect(throws: InfluxDBError.self) { try await alone.query("SHOW DATABASES") }
        #expect(error?.isUnreachable == true && error?.message.hasPrefix("failed to reach InfluxDB: \(dead): ") == true)
    }

    @Test func aHangingURLTimesOutAndTheNextOneAnswers() async throws {
        let influxd = try InfluxD()
        let hanging = SilentListener()
        var config = InfluxDBConfig(
            name: "slow", urls: ["http://127.0.0.1:\(hanging.port)"], username: influxd.adminUser, password: influxd.adminPassword)
        config.timeout = 300_000_000
        let start = ContinuousClock.now
        let error = await #expect(throws: InfluxDBError.self) { try await InfluxDBClient(config).ping() }
        // Without the timeout the silent listener would hold the request forever; the bound is loose
        // because the suite shares two cores with builds.
        #expect(error?.isUnreachable == true && ContinuousClock.now - start < .seconds(30))
        config.urls.append(influxd.url)
        #expect(try await InfluxDBClient(config).ping() == "1.6.7~rc0")
    }

    @Test func tlsWithTheClustersCAOrSkippingVerification() async throws {
        let influxd = try InfluxD()
        let certificate = try influxd.enableTLS()
        var config = InfluxDBConfig(name: "tls", urls: [influxd.url], username: influxd.adminUser, password: influxd.adminPassword)
        let untrusted = try InfluxDBClient(config)
        let error = await #expect(throws: InfluxDBError.self) { try await untrusted.query("SHOW DATABASES") }
        #expect(error?.isUnreachable == true && error?.message.contains("CERTIFICATE_VERIFY_FAILED") == true, "\(String(describing: error))")
        config.sslCA = certificate
        #expect(try await InfluxDBClient(config).query("SHOW DATABASES").first?.values.contains([.string("condenser")]) == true)
        config.sslCA = ""
        config.insecureSkipVerify = true
        #expect(try await InfluxDBClient(config).ping() == "1.6.7~rc0")
    }

    @Test func clustersPickTheDefaultAndTestCredentials() async throws {
        let influxd = try InfluxD()
        var good = InfluxDBConfig(name: "good", urls: [influxd.url], username: influxd.adminUser, password: influxd.adminPassword)
        good.isDefault = true
        let bad = InfluxDBConfig(name: "bad", urls: [influxd.url], username: influxd.adminUser, password: "nope")
        var off = InfluxDBConfig(name: "off")
        off.enabled = false
        let clusters = try InfluxDBClusters([good, bad, off])
        #expect(clusters.defaultName == "good")
        #expect(try await clusters.query(cluster: "", "SHOW DATABASES").isEmpty == false)
        try await clusters.test(cluster: "good")
        let failed = await #expect(throws: InfluxDBError.self) { try await clusters.test(cluster: "bad") }
        #expect(failed?.message == "failed to ping the influxdb cluster \"bad\": authorization failed")
        let missing = await #expect(throws: InfluxDBError.self) { try await clusters.test(cluster: "off") }
        #expect(missing?.message == "cluster \"off\" is not enabled or does not exist")
        let unnamed = await #expect(throws: InfluxDBError.self) { try await clusters.test(cluster: "") }
        #expect(unnamed?.message == "cluster \"\" is not enabled or does not exist")
        #expect(clusters.clusterError("off") == "failed to get InfluxDB client: no such InfluxDB config off")
        #expect(clusters.clusterError("") == nil)
    }
}

@Suite struct InfluxDBConfigTests {
    @Test func defaultsAndValidation() throws {
        let only = try InfluxDBClusters([InfluxDBConfig(name: "one")])
        #expect(only.defaultName == "one")
        #expect(throws: InfluxDBError("no default cluster found")) {
            try InfluxDBClusters([InfluxDBConfig(name: "a"), InfluxDBConfig(name: "b")])
        }
        var config = InfluxDBConfig()
        config.compression = "zstd"
        #expect(throws: InfluxDBError("Invalid compression, must be one of 'gzip' or 'none', got zstd")) { try config.validate() }
        config = InfluxDBConfig(name: "a b")
        #expect(throws: InfluxDBError("influxdb cluster name must contain only numbers, letters or '.', '-', and '_' characters")) {
            try config.validate()
        }
        config = InfluxDBConfig()
        config.sslCert = "/nowhere.pem"
        #expect(throws: InfluxDBError("Must provide both key and cert files: only cert file provided.")) { try config.validate() }
    }
}
