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

extension AccountInfo {
    /// The management account, the one the organization's ARNs are under.
    public var managementAccount: String? {
        guard let arn, let parts = ARNParts(arn), parts.service == "organizations", !parts.account.isEmpty else { return nil }
        return parts.account
    }
}

extension Inventory {
    /// What a remediation needs to know of the organization: its id (for a
    /// bus policy admitting it) and its management account (where Terraform
    /// deploys without assuming a member role). Unknown without accounts.json.
    public var remediationContext: RemediationPlan.Context {
        guard accountsListed else { return RemediationPlan.Context() }
        let listed = accounts.values.filter { $0.inOrganization == true }.sorted { $0.id < $1.id }
        return RemediationPlan.Context(
            organizationID: listed.lazy.compactMap(\.organizationID).first,
            managementAccount: listed.lazy.compactMap(\.managementAccount).first)
    }

    /// The organization `account` belongs to: known only from a read
    /// account list, which then also says who is outside it.
    public func organization(of account: String) -> OrganizationMembership {
        guard accountsListed else { return .unknown }
        guard let info = accounts[account], info.inOrganization == true, info.state != "REMOVED" else { return .outside }
        return info.organizationID.map(OrganizationMembership.member) ?? .unknown
    }
}
