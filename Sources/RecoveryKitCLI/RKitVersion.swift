/// The version every rkit tool reports with --version.
public enum RKitVersion {
    public static let text = "rkit 0.1.0"
}
