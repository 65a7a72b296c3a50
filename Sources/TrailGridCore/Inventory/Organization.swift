extension AccountInfo {
    /// The organization id in the account's ARN
    /// (`arn:aws:organizations::MGMT:account/o-xxxx/ACCT`): what a bus
    /// policy's `aws:PrincipalOrgID` condition is compared with.
    public var organizationID: String? {
        guard let arn, let parts = ARNParts(arn), parts.service == "organizations" else { return nil }
        let path = parts.resource.split(separator: "/")
        guard path.count >= 3, path[0] == "account", path[1].hasPrefix("o-") else { return nil }
        return String(path[1])
    }
}

extension Inventory {
    /// The organization `account` belongs to: known only from a read
    /// account list, which then also says who is outside it.
    public func organization(of account: String) -> OrganizationMembership {
        guard accountsListed else { return .unknown }
        guard let info = accounts[account], info.inOrganization == true, info.state != "REMOVED" else { return .outside }
        return info.organizationID.map(OrganizationMembership.member) ?? .unknown
    }
}
