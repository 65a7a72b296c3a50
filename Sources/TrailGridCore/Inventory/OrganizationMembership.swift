/// Whether an account belongs to the organization of an organization trail:
/// yes, no, or not known — never "no" for want of an answer (DESIGN §2,
/// *Never infer absence from silence*).
public enum Membership: Sendable, Equatable {
    case member
    case notMember
    /// Without a readable `accounts.json`, nothing says whether an account
    /// that did not list the trail belongs to the organization.
    case unknown
}

extension Inventory {
    /// Whether `account` belongs to the organization of `trail`.
    ///
    /// An account that left is out; one the organization created (an
    /// Organizations event) or whose own `describe-trails` listed the trail
    /// is in. Beyond that only `accounts.json` decides: without it the
    /// answer is unknown, so the trail neither covers nor misses the account.
    public func membership(of account: String, inOrganizationOf trail: TrailInfo) -> Membership {
        if account == trail.ownerAccount { return .member }
        let info = accounts[account]
        if info?.state == "REMOVED" { return .notMember }
        if info?.inOrganization == true { return .member }
        if accountsListed { return .notMember }
        return trailListedBy[trail.arn]?.contains(account) == true ? .member : .unknown
    }

    /// Organization trails that would record calls in `cell` if its account
    /// belonged to their organization, when that is not known.
    public func undecidedOrganizationTrails(_ cell: CellKey) -> [TrailInfo] {
        organizationTrails.sorted().compactMap { arn -> TrailInfo? in
            guard let trail = trails[arn], trail.ownerAccount != cell.account,
                  trail.homeRegion == cell.region || trail.isMultiRegion else { return nil }
            return membership(of: cell.account, inOrganizationOf: trail) == .unknown ? trail : nil
        }
    }
}
