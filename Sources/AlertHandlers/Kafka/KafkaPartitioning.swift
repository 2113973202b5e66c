/// How a `kafka` handler picks the partition of an alert's message from its key, the alert ID —
/// the algorithms Kapacitor offers, each matching the client it is named for.
enum KafkaPartitioning: Int, Sendable, CaseIterable {
    /// No key: librdkafka's random partitioner (`disablePartitionById`).
    case random = 1
    /// librdkafka's `consistent_random`: CRC-32 (IEEE) of the key modulo the partition count, random
    /// for an empty key (Kapacitor's default, `crc32`).
    case crc32
    /// Java's default partitioner: `toPositive(murmur2(key)) % partitions`.
    case murmur2
    /// sarama's custom hash partitioner over 32-bit murmur3.
    case murmur3
    /// sarama's default hash partitioner: FNV-1a, as int32, modulo, negated when negative.
    case fnv1a

    /// The algorithm named `name` in handler options (`""` is `crc32`); nil when unknown.
    init?(algorithm name: String) {
        switch name {
        case "", "crc32": self = .crc32
        case "murmur2": self = .murmur2
        case "murmur3": self = .murmur3
        case "fnv-1a": self = .fnv1a
        default: return nil
        }
    }

    /// The partition of `key` among `count` partitions, for the algorithms Condenser computes
    /// itself (murmur2, murmur3, FNV-1a); nil for those librdkafka decides.
    func partition(of key: UnsafeRawBufferPointer, count: Int32) -> Int32? {
        guard count > 0 else { return nil }
        switch self {
        case .random, .crc32:
            return nil
        case .murmur2:
            return Int32(bitPattern: Self.murmur2(key) & 0x7fff_ffff) % count
        case .murmur3:
            return Self.saramaPartition(Self.murmur3(key), count: count)
        case .fnv1a:
            return Self.saramaPartition(Self.fnv1a(key), count: count)
        }
    }

    /// sarama's `hashPartitioner`: the hash as int32, modulo, negated when negative.
    private static func saramaPartition(_ hash: UInt32, count: Int32) -> Int32 {
        let partition = Int32(bitPattern: hash) % count
        return partition < 0 ? -partition : partition
    }

    /// Kafka's murmur2 (`org.apache.kafka.common.utils.Utils.murmur2`), seed 0x9747b28c.
    static func murmur2(_ data: UnsafeRawBufferPointer) -> UInt32 {
        let m: UInt32 = 0x5bd1_e995
        let length = data.count
        var h: UInt32 = 0x9747_b28c ^ UInt32(truncatingIfNeeded: length)
        for block in 0..<(length / 4) {
            let i = block * 4
            var k = UInt32(data[i]) | UInt32(data[i + 1]) << 8 | UInt32(data[i + 2]) << 16 | UInt32(data[i + 3]) << 24
            k &*= m
            k ^= k >> 24
            k &*= m
            h &*= m
            h ^= k
        }
        let tail = length & ~3
        let extra = length % 4
        if extra >= 3 { h ^= UInt32(data[tail + 2]) << 16 }
        if extra >= 2 { h ^= UInt32(data[tail + 1]) << 8 }
        if extra >= 1 {
            h ^= UInt32(data[tail])
            h &*= m
        }
        h ^= h >> 13
        h &*= m
        h ^= h >> 15
        return h
    }

    /// 32-bit murmur3 (x86_32), seed 0, as spaolacci/murmur3's `New32` computes it.
    static func murmur3(_ data: UnsafeRawBufferPointer) -> UInt32 {
        let c1: UInt32 = 0xcc9e_2d51, c2: UInt32 = 0x1b87_3593
        let length = data.count
        var h: UInt32 = 0
        func scramble(_ value: UInt32) -> UInt32 {
            var k = value &* c1
            k = (k << 15) | (k >> 17)
            return k &* c2
        }
        for block in 0..<(length / 4) {
            let i = block * 4
            let k = UInt32(data[i]) | UInt32(data[i + 1]) << 8 | UInt32(data[i + 2]) << 16 | UInt32(data[i + 3]) << 24
            h ^= scramble(k)
            h = (h << 13) | (h >> 19)
            h = h &* 5 &+ 0xe654_6b64
        }
        let tail = length & ~3
        var k: UInt32 = 0
        switch length & 3 {
        case 3:
            k ^= UInt32(data[tail + 2]) << 16
            fallthrough
        case 2:
            k ^= UInt32(data[tail + 1]) << 8
            fallthrough
        case 1:
            k ^= UInt32(data[tail])
            h ^= scramble(k)
        default:
            break
        }
        h ^= UInt32(truncatingIfNeeded: length)
        h ^= h >> 16
        h &*= 0x85eb_ca6b
        h ^= h >> 13
        h &*= 0xc2b2_ae35
        h ^= h >> 16
        return h
    }

    /// 32-bit FNV-1a.
    static func fnv1a(_ data: UnsafeRawBufferPointer) -> UInt32 {
        var hash: UInt32 = 0x811c_9dc5
        for byte in data {
            hash ^= UInt32(byte)
            hash &*= 0x0100_0193
        }
        return hash
    }
}
