import Models

/// Remembers the measurement and tag set already built for a series key (the bytes of a line up to
/// its first unescaped space), so that the points of one series share one tag array instead of
/// rebuilding strings and arrays per line. Keys point into the body being parsed, so a cache lives
/// for one `parse` call. Open addressing, bounded: when half full it stops taking new series.
struct SeriesCache {
    struct Entry {
        var hash: UInt64
        var start: Int
        var length: Int
        var measurement: String
        var tags: Tags
    }

    /// Open-addressing slots holding an index into `entries`, or -1.
    private var slots: [Int32]
    private var entries: [Entry] = []
    private let mask: Int

    /// A cache for about `capacity` series.
    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        entries.reserveCapacity(capacity)
    }

    /// The cached measurement and tags for the key at `bytes[start..<start+length]`, if any.
    func lookup(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ length: Int, hash: UInt64) -> (String, Tags)? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let index = Int(slots[slot])
            if index < 0 { return nil }
            let entry = entries[index]
            if entry.hash == hash && entry.length == length && memoryEqual(bytes + entry.start, bytes + start, length) {
                return (entry.measurement, entry.tags)
            }
            slot = (slot + 1) & mask
        }
    }

    /// Remembers the measurement and tags of a key that `lookup` did not find.
    mutating func insert(_ start: Int, _ length: Int, hash: UInt64, measurement: String, tags: Tags) {
        guard length > 0, entries.count * 2 < slots.count else { return }
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(entries.count)
        entries.append(Entry(hash: hash, start: start, length: length, measurement: measurement, tags: tags))
    }

    /// Mixes one eight-byte word into a running series-key hash.
    @inline(__always)
    static func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        let mixed = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
        return mixed ^ (mixed >> 32)
    }

    /// Finishes a series-key hash over the bytes left after the whole words `mix` took.
    @inline(__always)
    static func finish(_ hash: UInt64, _ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        var hash = hash
        var index = start
        let raw = UnsafeRawPointer(bytes)
        while index + 8 <= end {
            hash = mix(hash, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < end {
            tail |= UInt64(bytes[index]) << shift
            shift += 8
            index += 1
        }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 29)
    }
}

/// A small direct-mapped table of field keys already turned into strings in this body, so that
/// repeated keys skip UTF-8 validation and string building.
struct FieldKeyCache {
    private struct Entry {
        var hash: UInt64 = 0
        var start = 0
        var length = 0
        var key = ""
    }

    private var entries = [Entry](repeating: Entry(), count: 64)

    /// A constant-time hash of a short key: its length and its first and last eight bytes. Keys
    /// that collide only miss the cache, so sampling is safe here (unlike for series keys).
    @inline(__always)
    static func hash(_ bytes: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
        let raw = UnsafeRawPointer(bytes)
        var first: UInt64 = 0, last: UInt64 = 0
        if length >= 8 {
            first = raw.loadUnaligned(as: UInt64.self)
            last = raw.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
        } else {
            for index in 0..<length { first |= UInt64(bytes[index]) << UInt64(index * 8) }
        }
        var hash = (first ^ UInt64(length)) &* 0x9E37_79B9_7F4A_7C15
        hash ^= last &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 31)
    }

    /// The string for the key bytes at `start..<start+length`, built by `make` on a miss.
    mutating func key(
        _ bytes: UnsafePointer<UInt8>, _ start: Int, _ length: Int, make: () -> String
    ) -> String {
        let hash = Self.hash(bytes + start, length)
        let slot = Int(truncatingIfNeeded: hash) & 63
        let entry = entries[slot]
        if entry.length == length && entry.hash == hash && memoryEqual(bytes + entry.start, bytes + start, length) {
            return entry.key
        }
        let key = make()
        entries[slot] = Entry(hash: hash, start: start, length: length, key: key)
        return key
    }
}

@inline(__always)
func memoryEqual(_ lhs: UnsafePointer<UInt8>, _ rhs: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    var index = 0
    let left = UnsafeRawPointer(lhs), right = UnsafeRawPointer(rhs)
    while index + 8 <= count {
        if left.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            != right.loadUnaligned(fromByteOffset: index, as: UInt64.self) { return false }
        index += 8
    }
    while index < count {
        if lhs[index] != rhs[index] { return false }
        index += 1
    }
    return true
}
