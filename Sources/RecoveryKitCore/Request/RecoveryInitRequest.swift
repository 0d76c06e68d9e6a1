/// The bodies of the two online steps before the challenge exists
/// (docs/SCHEME.md §7.1, §7.2), so the person can copy them to the online
/// machine instead of typing JSON.
public enum RecoveryInitRequest {
    /// `POST /auth/recover/user/code`: asks Dfns to e-mail a verification code.
    public static func codeRequestBody(username: String, orgId: String) -> String {
        JSONText.stringify(["username": .string(username), "orgId": .string(orgId)])
    }

    /// `POST /auth/recover/user/init`: its response is the recovery challenge.
    public static func body(username: String, verificationCode: String, orgId: String, credentialId: String) -> String {
        JSONText.stringify(["username": .string(username), "verificationCode": .string(verificationCode),
                            "orgId": .string(orgId), "credentialId": .string(credentialId)])
    }
}
