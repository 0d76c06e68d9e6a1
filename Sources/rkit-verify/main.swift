// Placeholder so the package builds on the print branch; replaced by the real rkit-verify at merge.
