/**
 * What `activate` returns to other extensions and to our own tests in the extension host. Kept
 * small on purpose: anything here is a promise to callers. No vscode import, so tests can import
 * the type alone.
 */
export interface BeachcomberApi {
  /** Resolves once every scheduled read of an open manifest has been published. */
  idle(): Promise<void>;
}
