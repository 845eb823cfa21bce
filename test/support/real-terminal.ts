// Imported first by tests that need Ink to render as in a real terminal: with CI set in the
// environment Ink writes only the last frame, and it reads CI once, when it is first loaded.
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
