import NIOSSL

extension InfluxDBClient {
    /// The TLS settings of `config` (`ssl-ca`, `ssl-cert` with `ssl-key`, `insecure-skip-verify`),
    /// with Kapacitor's messages for files that cannot be used.
    static func tlsConfiguration(_ config: InfluxDBConfig) throws(InfluxDBError) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if config.insecureSkipVerify { tls.certificateVerification = .none }
        switch (config.sslCert.isEmpty, config.sslKey.isEmpty) {
        case (false, false):
            do {
                tls.certificateChain = try NIOSSLCertificate.fromPEMFile(config.sslCert).map { .certificate($0) }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: config.sslKey, format: .pem))
            } catch {
                throw InfluxDBError("Could not load TLS client key/certificate: \(error)")
            }
        case (false, true):
            throw InfluxDBError("Must provide both key and cert files: only cert file provided.")
        case (true, false):
            throw InfluxDBError("Must provide both key and cert files: only key file provided.")
        case (true, true):
            break
        }
        if !config.sslCA.isEmpty {
            do {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(config.sslCA))
            } catch {
                throw InfluxDBError("Could not load TLS CA: \(error)")
            }
        }
        return tls
    }
}
