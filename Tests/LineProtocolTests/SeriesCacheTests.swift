import LineProtocol
import Models
import Testing

@Suite struct SeriesCacheTests {
    @Test func repeatedSeriesShareTagsAndStayCorrect() {
        var body = ""
        for round in 0..<3 {
            for series in 0..<500 {
                body += "cpu,host=h\(series),dc=d\\ \(series % 7) usage_idle=\(round).5,usage_user=\(series)i \(round * 1000 + series)\n"
            }
        }
        let result = LineProtocolParser().parse(body)
        #expect(result.errors.isEmpty)
        #expect(result.points.count == 1500)
        for (index, point) in result.points.enumerated() {
            let series = index % 500
            #expect(point.tags["host"] == "h\(series)")
            #expect(point.tags["dc"] == "d \(series % 7)")
            #expect(point.fields["usage_user"] == .int(Int64(series)))
            #expect(point.time == Int64(index / 500 * 1000 + series))
        }
    }

    @Test func fieldKeysThatCollideInTheKeyCacheStayDistinct() {
        var body = ""
        for key in 0..<200 { body += "m k\(key)=1i,k\(key + 1000)=2i \(key)\n" }
        let result = LineProtocolParser().parse(body)
        #expect(result.errors.isEmpty)
        for (index, point) in result.points.enumerated() {
            #expect(point.fields.map(\.key) == ["k\(index)", "k\(index + 1000)"])
        }
    }

    @Test func aLineWhoseKeyMatchesAnEarlierOneButFailsLaterIsStillAnError() {
        let result = LineProtocolParser().parse("cpu,host=a v=1 1\ncpu,host=a v=\ncpu,host=a v=3 3\n")
        #expect(result.points.map(\.time) == [1, 3])
        #expect(result.errors.map(\.reason) == [.missingFieldValue])
    }
}
