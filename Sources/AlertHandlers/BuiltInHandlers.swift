import Alerting

/// The alert handler kinds Condenser offers, with the long-lived connections they share (Kafka
/// producers, MQTT broker clients). A daemon makes one set, passes its `kinds` to the engine and
/// shuts it down when its tasks have stopped; another daemon in the same process has its own.
public final class BuiltInHandlers: Sendable {
    /// The `kafka` kind, whose producers the kafka service test shares.
    let kafka = KafkaHandlerKind()
    /// The `mqtt` kind, whose broker connections the mqtt service test shares.
    let mqtt = MQTTHandlerKind()
    /// Every built-in kind.
    public let kinds: HandlerKinds

    /// A fresh set of kinds, holding no connection yet.
    public init() {
        kinds = HandlerKinds([
            LogHandlerKind(),
            PostHandlerKind(),
            TCPHandlerKind(),
            ExecHandlerKind(),
            SMTPHandlerKind(),
            kafka,
            SlackHandlerKind(),
            PagerDuty2HandlerKind(),
            PagerDutyHandlerKind(),
            OpsGenie2HandlerKind(),
            OpsGenieHandlerKind(),
            VictorOpsHandlerKind(),
            TeamsHandlerKind(),
            TelegramHandlerKind(),
            PushoverHandlerKind(),
            DiscordHandlerKind(),
            TalkHandlerKind(),
            BigPandaHandlerKind(),
            ServiceNowHandlerKind(),
            AlertaHandlerKind(),
            ZenossHandlerKind(),
            SensuHandlerKind(),
            mqtt,
            SNMPTrapHandlerKind(),
        ])
    }

    /// Closes this set's long-lived connections: MQTT brokers get a DISCONNECT, and Kafka
    /// producers are let go (each flushes what it still holds when its last handler is gone).
    public func shutdown() async {
        await mqtt.clients.disconnectAll()
        kafka.producers.removeAll()
    }
}

/// A handler's failure: a bad option or a failed delivery, in words for the log and stats.
struct HandlerError: DeliveryError, CustomStringConvertible {
    let description: String
    /// Whether retrying cannot help (a disabled service, a request the peer rejects as invalid).
    let isPermanent: Bool

    init(_ description: String, permanent: Bool = false) {
        self.description = description
        isPermanent = permanent
    }
}
