import ArgumentParser

/// How trailgrid reaches AWS, for `collect` and for `watch --refresh`,
/// which re-collects with the same client: one set of flags, one check of
/// `--regions`, so the two cannot drift apart.
struct AWSAccessOptions: ParsableArguments {
    @Option(name: .long, help: "Profile of the shared AWS config and credentials files.")
    var profile: String?

    @Option(name: .long, help: "all (every enabled region of each account) or a comma-separated list.")
    var regions: String = "all"

    @Option(name: .long, help: "Role to assume in each organization account (e.g. OrganizationAccountAccessRole).")
    var roleName: String?

    @Option(name: .long, help: "Endpoint URL for every call (an emulator such as moto_server).")
    var endpointURL: String?

    /// `--regions` checked against the known names before any call (nil
    /// for all); an unknown one is a usage error, exit 2.
    func checkedRegions() throws -> [String]? {
        do {
            return try CollectRegions.parse(regions)
        } catch {
            StandardStreams.error("trailgrid: --regions: \(error)")
            throw ExitCode(2)
        }
    }

    func settings(regions: [String]?, jobs: Int) -> NativeCollectSettings {
        NativeCollectSettings(profile: profile, roleName: roleName, regions: regions, endpointURL: endpointURL, jobs: jobs)
    }
}
