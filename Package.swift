// swift-tools-version: 6.0
import PackageDescription

/// Release builds of the engine's hot paths skip dynamic exclusivity checks.
let hotPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "Condenser",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "condenserd", targets: ["condenserd"]),
        .executable(name: "condenser", targets: ["condenser"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", exact: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", exact: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", exact: "0.6.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", exact: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log.git", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", exact: "2.101.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", exact: "2.13.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", exact: "1.5.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", exact: "1.8.0"),
        .package(url: "https://github.com/jpsim/Yams", exact: "5.0.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", exact: "2.37.6"),
        .package(url: "https://github.com/apple/swift-asn1.git", exact: "1.7.4"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", exact: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto.git", exact: "4.5.2"),
    ],
    targets: [
        .target(name: "GoEncoding"),
        .target(name: "Models", dependencies: ["GoEncoding"]),
        .target(name: "CMallocTuning"),
        .target(name: "LineProtocol", dependencies: ["Models"]),
        .target(name: "TICKscript"),
        .target(name: "InfluxQL", dependencies: ["Models"]),
        .target(name: "GoTemplate", dependencies: ["GoEncoding"]),
        .target(name: "Alerting", dependencies: [
            "Models", "GoTemplate", .product(name: "Logging", package: "swift-log"),
        ]),
        // The hot paths of a task (its graph, its queue) run confined to one Swift Task: release
        // builds leave out the dynamic exclusivity checks of their class properties (about a
        // third of the instructions per task-point); debug builds and tests keep them.
        .target(name: "Pipeline", dependencies: ["Models", "GoEncoding", "TICKscript", "Alerting", "GoTemplate", "InfluxQL"], swiftSettings: hotPath),
        .systemLibrary(name: "CRdKafka", pkgConfig: "rdkafka", providers: [.apt(["librdkafka-dev"])]),
        .target(name: "AlertHandlers", dependencies: [
            "Alerting", "Models", "GoTemplate", "CRdKafka",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "SwiftASN1", package: "swift-asn1"),
        ]),
        .target(name: "Storage", dependencies: [
            "Models",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .target(name: "InfluxDB", dependencies: [
            "Models", "GoEncoding", "LineProtocol", "InfluxQL",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "CompressNIO", package: "compress-nio"),
        ]),
        .target(name: "Engine", dependencies: [
            "Models", "LineProtocol", "InfluxQL", "Storage", "TICKscript", "Pipeline", "Alerting",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Yams", package: "Yams"),
            .product(name: "CompressNIO", package: "compress-nio"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], swiftSettings: hotPath),
        .target(name: "APIModels", dependencies: ["Models"]),
        .target(name: "HTTPAPI", dependencies: [
            "Engine", "Alerting", "APIModels", "LineProtocol", "Storage", "Models", "GoEncoding", "TICKscript", "InfluxDB",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "CryptoExtras", package: "swift-crypto"),
            .product(name: "CompressNIO", package: "compress-nio"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
        .target(name: "Server", dependencies: [
            "HTTPAPI", "Engine", "Storage", "Models", "Pipeline", "Alerting", "AlertHandlers", "CMallocTuning", "APIModels",
            "InfluxDB", "LineProtocol",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "TOMLKit", package: "TOMLKit"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "HummingbirdTLS", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "Client", dependencies: [
            "APIModels",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        .target(name: "CondenserCLI", dependencies: [
            "Client", "APIModels", "TICKscript", "Engine", "Models", "GoEncoding",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Yams", package: "Yams"),
        ]),
        .executableTarget(name: "condenserd", dependencies: [
            "Server",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "condenser", dependencies: ["CondenserCLI"]),
        .executableTarget(name: "LineProtocolBench", dependencies: ["LineProtocol", "Models", "CMallocTuning"], path: "Benchmarks/LineProtocolBench"),
        .executableTarget(
            name: "TaskMatrixBench", dependencies: [
                "Engine", "Storage", "Models", "LineProtocol", .product(name: "Logging", package: "swift-log"),
            ], path: "Benchmarks/TaskMatrixBench"),
        .executableTarget(
            name: "AlertLatencyBench", dependencies: [
                "Server", "AlertHandlers", "TestPeers",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ], path: "Benchmarks/AlertLatencyBench"),
        .executableTarget(name: "EngineBench", dependencies: ["Pipeline", "TICKscript", "Models"], path: "Benchmarks/EngineBench"),
        .executableTarget(name: "TICKscriptBench", dependencies: ["TICKscript", "Pipeline"], path: "Benchmarks/TICKscriptBench"),
        .executableTarget(name: "LambdaBench", dependencies: ["Pipeline", "TICKscript", "Models"]),
        .target(name: "TestPeers", dependencies: [
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ], path: "Tests/TestPeers"),
        .testTarget(name: "GoEncodingTests", dependencies: ["GoEncoding"]),
        .testTarget(name: "ModelsTests", dependencies: ["Models"]),
        .testTarget(name: "LineProtocolTests", dependencies: ["LineProtocol", "Models"]),
        .testTarget(name: "TICKscriptTests", dependencies: ["TICKscript"]),
        .testTarget(name: "InfluxQLTests", dependencies: ["InfluxQL", "Models"]),
        .testTarget(name: "GoTemplateTests", dependencies: ["GoTemplate"]),
        .testTarget(name: "AlertingTests", dependencies: ["Alerting", "Models"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "TICKscript", "Models", "Alerting"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "Storage", "Models"]),
        .testTarget(name: "CondenserCLITests", dependencies: [
            "CondenserCLI", "Server", "Client", "APIModels", "Storage",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        .testTarget(name: "ServiceHandlersTests", dependencies: [
            "AlertHandlers", "Alerting", "Models", "TestPeers", .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        .testTarget(name: "AlertHandlersTests", dependencies: [
            "AlertHandlers", "Alerting", "Models", "Engine", "Storage", "GoTemplate", "CRdKafka", "TestPeers",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        .testTarget(name: "InfluxDBTests", dependencies: [
            "InfluxDB", "TestPeers", "Models", "Pipeline", "TICKscript", "Server", "Engine", "Storage",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        .testTarget(name: "ServerTests", dependencies: [
            "Server", "HTTPAPI", "Engine", "Storage", "APIModels", "Client", "AlertHandlers", "Alerting", "TestPeers",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "CompressNIO", package: "compress-nio"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
