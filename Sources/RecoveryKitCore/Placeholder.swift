// Placeholder so the package builds on the print branch; the core branch provides the real sources.
