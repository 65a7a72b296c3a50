extension CoverageModel {
    /// EnableRegion/DisableRegion name the region, and the member account when
    /// the management account calls for it.
    mutating func applyRegionChange(_ call: ManagementCall) -> CoverageChange? {
        guard let region = call.parameters.member("RegionName")?.stringValue else { return nil }
        let account = call.parameters.member("AccountId")?.stringValue ?? call.event.account
        let cell = CellKey(account: account, region: region)
        let current = isCurrent("region:\(cell)", call.event)
        let enabling = call.event.eventName == "EnableRegion"
        if current {
            if inventory.accounts[account] == nil { inventory.addAccount(AccountInfo(id: account)) }
            setRegionOverride(cell, RegionStatus(enabled: enabling, status: enabling ? "ENABLING" : "DISABLING"))
        }
        return change(cell, call, "region \(region) \(enabling ? "enabled" : "disabled") for \(account)", applied: current)
    }

    /// Organization membership decides which accounts organization trails cover.
    mutating func applyAccountChange(_ call: ManagementCall) -> CoverageChange? {
        let event = call.event
        switch event.eventName {
        case "CreateAccount", "CreateAccountResult":
            let status = call.response["createAccountStatus"]
            guard let id = status?["accountId"]?.stringValue, !id.isEmpty else { return nil }
            if let state = status?["state"]?.stringValue, state != "SUCCEEDED" { return nil }
            let name = status?["accountName"]?.stringValue ?? call.parameters["accountName"]?.stringValue
            inventory.addAccount(AccountInfo(id: id, name: name, state: "ACTIVE", inOrganization: true))
            return change(CellKey(account: id, region: event.awsRegion), call, "account \(id) created in the organization")
        case "CloseAccount", "RemoveAccountFromOrganization", "LeaveOrganization":
            let id = call.parameters["accountId"]?.stringValue ?? event.account
            let current = isCurrent("account:" + id, event)
            let state = event.eventName == "CloseAccount" ? "CLOSED" : "REMOVED"
            if current { inventory.addAccount(AccountInfo(id: id, state: state)) }
            let words = state == "CLOSED" ? "closed" : "left the organization"
            return change(CellKey(account: id, region: event.awsRegion), call, "account \(id) \(words)", applied: current)
        default:
            return nil
        }
    }
}
