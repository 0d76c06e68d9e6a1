// The rkit-sign executable; the tool itself is the RKitSignTool library
// (Sources/rkit-sign), which the release's multi-call binary shares.
import RKitSignTool

runRKitSign()
