/// Which management events a trail records, from its event selectors.
///
/// Basic and advanced selectors both reduce to a list of filters, any of
/// which may record an event (selectors are OR-ed; the conditions inside
/// one are AND-ed). A trail whose filters do not record a watch's probe
/// event does not deliver that event to EventBridge either.
public struct ManagementCapture: Sendable, Equatable {
    public var filters: [Filter]

    public init(filters: [Filter]) {
        self.filters = filters
    }

    /// The default of a trail without custom selectors: every management event.
    public static let all = ManagementCapture(filters: [Filter(conditions: [])])
    public static let nothing = ManagementCapture(filters: [])

    /// One selector: management events for which every condition holds.
    public struct Filter: Sendable, Equatable {
        public var conditions: [Condition]

        public init(conditions: [Condition]) {
            self.conditions = conditions
        }
    }

    /// An advanced field selector (basic selectors are translated to these).
    public struct Condition: Sendable, Equatable {
        public var field: String
        public var equals: [String] = []
        public var notEquals: [String] = []
        public var startsWith: [String] = []
        public var notStartsWith: [String] = []
        public var endsWith: [String] = []
        public var notEndsWith: [String] = []

        public init(field: String, equals: [String] = [], notEquals: [String] = []) {
            self.field = field
            self.equals = equals
            self.notEquals = notEquals
        }

        /// nil when the event has no such field (a data-event field such as
        /// `resources.type`): such a selector is treated as not recording it.
        func holds(for fields: [String: String]) -> Bool {
            guard let value = fields[field] else { return false }
            if !equals.isEmpty && !equals.contains(value) { return false }
            if !startsWith.isEmpty && !startsWith.contains(where: { value.hasPrefix($0) }) { return false }
            if !endsWith.isEmpty && !endsWith.contains(where: { value.hasSuffix($0) }) { return false }
            if notEquals.contains(value) { return false }
            if notStartsWith.contains(where: { value.hasPrefix($0) }) { return false }
            if notEndsWith.contains(where: { value.hasSuffix($0) }) { return false }
            return true
        }
    }

    /// Whether a management event with these properties is recorded.
    public func records(eventSource: String, eventName: String, readOnly: Bool, eventType: String = "AwsApiCall") -> Bool {
        if filters.contains(where: { $0.conditions.isEmpty }) { return true }
        let fields = [
            "eventCategory": "Management", "eventSource": eventSource, "eventName": eventName,
            "readOnly": readOnly ? "true" : "false", "eventType": eventType,
        ]
        return filters.contains { filter in filter.conditions.allSatisfy { $0.holds(for: fields) } }
    }

    /// True when every management event is recorded (reads and writes, no source excluded).
    public var isComplete: Bool {
        filters.contains { $0.conditions.isEmpty || $0.conditions.allSatisfy { $0.field == "eventCategory" && $0.equals == ["Management"] && $0.isOnlyEquals } }
    }

    /// What is not recorded, in words, for reasons ("write events", "kms.amazonaws.com events").
    public var gapDescription: String {
        if filters.isEmpty { return "records no management events" }
        let writes = records(eventSource: "ec2.amazonaws.com", eventName: "AuthorizeSecurityGroupIngress", readOnly: false)
        let reads = records(eventSource: "ec2.amazonaws.com", eventName: "DescribeInstances", readOnly: true)
        switch (reads, writes) {
        case (true, false): return "records no write (mutating) management events"
        case (false, true): return "records no read-only management events"
        case (false, false): return "records only some management events"
        case (true, true): return "excludes some management event sources"
        }
    }
}

extension ManagementCapture.Condition {
    var isOnlyEquals: Bool {
        notEquals.isEmpty && startsWith.isEmpty && notStartsWith.isEmpty && endsWith.isEmpty && notEndsWith.isEmpty
    }
}

extension ManagementCapture {
    /// Reads `get-event-selectors` output (PascalCase, as the CLI prints) or a
    /// `PutEventSelectors` event's parameters (camelCase). Empty basic and
    /// advanced lists mean the default (every management event), as the
    /// emulator reports a trail that real AWS shows with the implicit selector.
    public init(selectorsIn document: JSONValue) {
        let basic = document.member("EventSelectors")?.arrayValue ?? []
        let advanced = document.member("AdvancedEventSelectors")?.arrayValue ?? []
        if basic.isEmpty && advanced.isEmpty {
            self = .all
            return
        }
        var filters: [Filter] = []
        for selector in basic {
            let includesManagement = selector.member("IncludeManagementEvents")?.boolValue ?? true
            guard includesManagement else { continue }
            var conditions: [Condition] = []
            switch selector.member("ReadWriteType")?.stringValue ?? "All" {
            case "ReadOnly": conditions.append(Condition(field: "readOnly", equals: ["true"]))
            case "WriteOnly": conditions.append(Condition(field: "readOnly", equals: ["false"]))
            default: break
            }
            let excluded = (selector.member("ExcludeManagementEventSources")?.arrayValue ?? []).compactMap(\.stringValue)
            if !excluded.isEmpty { conditions.append(Condition(field: "eventSource", notEquals: excluded)) }
            filters.append(Filter(conditions: conditions))
        }
        for selector in advanced {
            var conditions: [Condition] = []
            for item in selector.member("FieldSelectors")?.arrayValue ?? [] {
                guard let field = item.member("Field")?.stringValue else { continue }
                func strings(_ key: String) -> [String] { (item.member(key)?.arrayValue ?? []).compactMap(\.stringValue) }
                var condition = Condition(field: field, equals: strings("Equals"), notEquals: strings("NotEquals"))
                condition.startsWith = strings("StartsWith")
                condition.notStartsWith = strings("NotStartsWith")
                condition.endsWith = strings("EndsWith")
                condition.notEndsWith = strings("NotEndsWith")
                conditions.append(condition)
            }
            // Only selectors for the Management category record management events.
            guard conditions.contains(where: { $0.field == "eventCategory" && $0.equals.contains("Management") }) else { continue }
            filters.append(Filter(conditions: conditions))
        }
        self.init(filters: filters)
    }
}

extension JSONValue {
    /// The member named `key` in PascalCase or its camelCase spelling: the
    /// CLI prints the former, CloudTrail records' parameters use the latter.
    func member(_ key: String) -> JSONValue? {
        if let value = self[key] { return value }
        guard let first = key.first else { return nil }
        let camel = first.lowercased() + key.dropFirst()
        return self[camel]
    }
}
