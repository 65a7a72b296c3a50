extension CoverageModel {
    /// EnableRegion/DisableRegion name the region, and the member account when
    /// the management account calls for it.
    static func regionTarget(of call: ManagementCall) -> (CoverageResource, CellKey)? {
        guard ["EnableRegion", "DisableRegion"].contains(call.event.eventName),
              let region = call.parameters.member("RegionName")?.stringValue else { return nil }
        let account = call.parameters.member("AccountId")?.stringValue ?? call.event.account
        let cell = CellKey(account: account, region: region)
        return (.region(cell), cell)
    }

    static func regionStep(_ call: ManagementCall, _ cell: CellKey) -> CallOutcome {
        let enabling = call.event.eventName == "EnableRegion"
        return CallOutcome(state: .region(RegionStatus(enabled: enabling, status: enabling ? "ENABLING" : "DISABLING")),
                           summary: "region \(cell.region) \(enabling ? "enabled" : "disabled") for \(cell.account)")
    }

    /// Organization membership decides which accounts organization trails cover.
    static func accountTarget(of call: ManagementCall) -> (CoverageResource, CellKey)? {
        let event = call.event
        let id: String
        switch event.eventName {
        case "CreateAccount", "CreateAccountResult":
            let status = call.response["createAccountStatus"]
            guard let created = status?["accountId"]?.stringValue, !created.isEmpty else { return nil }
            if let state = status?["state"]?.stringValue, state != "SUCCEEDED" { return nil }
            id = created
        case "CloseAccount", "RemoveAccountFromOrganization", "LeaveOrganization":
            id = call.parameters["accountId"]?.stringValue ?? event.account
        default:
            return nil
        }
        return (.account(id), CellKey(account: id, region: event.awsRegion))
    }

    static func accountStep(_ call: ManagementCall, id: String, _ account: AccountInfo?) -> CallOutcome {
        let old = account ?? AccountInfo(id: id)
        switch call.event.eventName {
        case "CreateAccount", "CreateAccountResult":
            let name = call.response["createAccountStatus"]?["accountName"]?.stringValue ?? call.parameters["accountName"]?.stringValue
            return CallOutcome(state: .account(old.updated(with: AccountInfo(id: id, name: name, state: "ACTIVE", inOrganization: true))),
                               summary: "account \(id) created in the organization")
        default:
            let state = call.event.eventName == "CloseAccount" ? "CLOSED" : "REMOVED"
            return CallOutcome(state: .account(old.updated(with: AccountInfo(id: id, state: state))),
                               summary: "account \(id) \(state == "CLOSED" ? "closed" : "left the organization")")
        }
    }
}
