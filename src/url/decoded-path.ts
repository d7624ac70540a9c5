/**
 * A path or path segment with its percent-escapes decoded, or undefined when they are malformed (`%E0`, a
 * lone `%`): the one check of percent-encoding, for the router's 400, canonical redirects and content links.
 */
export function decodedPath(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}
