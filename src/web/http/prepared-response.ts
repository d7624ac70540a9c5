import { createHash } from "node:crypto";
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from "node:zlib";
import type { IncomingMessage, ServerResponse } from "node:http";

export const HTML_CACHE = "public, max-age=60, must-revalidate";
export const IMMUTABLE_CACHE = "public, max-age=31536000, immutable";

/**
 * Room for the smallest encodings, which Brotli quality 11 makes slowly while holding megabytes of encoder
 * state: one at a time for a whole site, so a crawl through thousands of pages cannot queue thousands of
 * encoders. Each site (each app) has its own; two apps in one process never share one.
 */
export class SmallestEncodings {
  running = 0;
  constructor(readonly atOnce = 1) {}
}

/**
 * How hard to compress. "fast" for responses computed per query, where compressing must cost less than the
 * search did. For responses kept and sent many times (pages), the site's SmallestEncodings: the first request
 * gets a cheap encoding at once; once the page has been sent often enough to be worth keeping small, the
 * smallest encoding is made on the thread pool and replaces it.
 */
export type CompressionEffort = "fast" | SmallestEncodings;

/**
 * The first encoding of a body is the cheapest: on a large FAQ most pages are asked for once (90 % of the
 * 10,000-entry mix is cold), and what a reader waits for is round trips, not bytes. Brotli 1 costs a third of
 * Brotli 5 (0.04 against 0.13 ms for an 8 KB answer page, 0.11 against 0.9 ms for a 100 KB listing page on
 * the bench machine) for about a quarter more bytes, which still fit the first round trip of a connection
 * (2.6 KB against 2.0 KB; 8.8 against 6.4 KB). A page read again gets the smallest encoding (UPGRADE_AFTER).
 * gzip, for the rare client without Brotli, likewise at its fastest level.
 */
const FAST_QUALITY = 1;
const GZIP = { level: 1 };

/**
 * Brotli options for one body. The window and the size hint fit the body: by default each encoder sets up a
 * 4 MB window and tables to match, which for an 8 KB page is memory the allocator then keeps per thread.
 */
function brotliOptions(quality: number, size: number) {
  const window = Math.min(
    constants.BROTLI_MAX_WINDOW_BITS,
    Math.max(constants.BROTLI_MIN_WINDOW_BITS, Math.ceil(Math.log2(size + 1))),
  );
  return {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: quality,
      [constants.BROTLI_PARAM_LGWIN]: window,
      [constants.BROTLI_PARAM_SIZE_HINT]: size,
    },
  };
}
/**
 * The bytes in a buffer of their own. zlib returns a slice of its 16 KB output chunk, and `Buffer.from`
 * cuts short strings out of a shared 8 KB pool: kept in a cache, a 1.3 KB encoding would hold 16 KB, more
 * than ten times what the cache counts it as.
 */
export function ownBytes(bytes: Buffer): Buffer {
  if (bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length) return bytes;
  const own = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(own);
  return own;
}

/**
 * A response computed once: body, strong ETag, and its Brotli and gzip encodings (made on first use,
 * then kept).
 */
export class PreparedResponse {
  readonly etag: string;
  readonly body: Buffer;
  private encoded: { br?: Buffer; gzip?: Buffer } = {};

  constructor(
    body: Buffer,
    readonly contentType: string,
    readonly cacheControl: string,
    readonly status = 200,
    readonly effort: CompressionEffort = "fast",
  ) {
    this.body = ownBytes(body);
    this.etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  }

  static html(html: string, status = 200, effort: CompressionEffort = "fast"): PreparedResponse {
    return new PreparedResponse(
      Buffer.from(html),
      "text/html; charset=utf-8",
      status === 200 ? HTML_CACHE : "no-cache",
      status,
      effort,
    );
  }

  /** Tiny bodies grow when compressed; only bother above this size. */
  private static readonly MIN_COMPRESS = 512;

  encodedAs(encoding: "br" | "gzip"): Buffer | undefined {
    if (!this.compressible) return undefined;
    const cached = this.encoded[encoding];
    if (cached) {
      if (
        encoding === "br" &&
        this.effort !== "fast" &&
        !this.best &&
        ++this.brotliSends >= PreparedResponse.UPGRADE_AFTER
      )
        this.makeSmallest();
      return cached;
    }
    if (encoding === "gzip") return (this.encoded.gzip = ownBytes(gzipSync(this.body, GZIP)));
    return (this.encoded.br = ownBytes(brotliCompressSync(this.body, brotliOptions(FAST_QUALITY, this.body.length))));
  }

  /**
   * Bodies at least this large are compressed on the thread pool when first asked for, where compressing would
   * hold every other request for a millisecond or more. Below it the event loop compresses at once: handing a
   * 100 KB listing page (0.1 ms at Brotli 1) to the thread pool costs the loop about as much in stream set-up
   * and callbacks, and the thread pool's time besides.
   */
  static readonly OFF_THREAD_FROM = 256 * 1024;
  private pending: { br?: Promise<Buffer>; gzip?: Promise<Buffer> } = {};

  /**
   * What a cache holding this response should count it as: its body, and at most as much again for its
   * Brotli and gzip encodings, which are smaller than the body.
   */
  get heldBytes(): number {
    return this.body.length * 2;
  }

  /** Whether an encoding would be sent at all (tiny bodies go as they are). */
  get compressible(): boolean {
    return this.body.length >= PreparedResponse.MIN_COMPRESS;
  }

  /**
   * The encoding for sending: at once when it is made already or the body is small, else a promise of it,
   * made on the thread pool and shared by every request that asks meanwhile.
   */
  encoding(encoding: "br" | "gzip"): Buffer | Promise<Buffer> | undefined {
    if (this.encoded[encoding] || this.body.length < PreparedResponse.OFF_THREAD_FROM) return this.encodedAs(encoding);
    const pending = this.pending[encoding];
    if (pending) return pending;
    const made = new Promise<Buffer>((resolve, reject) => {
      const done = (error: Error | null, result: Buffer) => {
        delete this.pending[encoding];
        if (!error) return resolve((this.encoded[encoding] ??= ownBytes(result)));
        // Compressing bytes in memory does not fail; if it ever did, the event loop tries once more.
        try {
          resolve(this.encodedAs(encoding) ?? this.body);
        } catch (again) {
          reject(again);
        }
      };
      if (encoding === "gzip") gzip(this.body, GZIP, done);
      else brotliCompress(this.body, brotliOptions(FAST_QUALITY, this.body.length), done);
    });
    this.pending[encoding] = made;
    return made;
  }

  /**
   * Requests the quick Brotli encoding answers, after the one that made it, before the smallest one is
   * made. Quality 11 costs 20 to 100 times quality 5 (5 ms for a 4 KB generated question page, 50 ms for a
   * 50 KB listing), more again than quality 1, and saves about a third of quality 1's bytes: worth it for a
   * page read again and again, not for one of 10,000 that a crawler asks for twice, whose encoder would take
   * a core from the readers meanwhile.
   */
  static readonly UPGRADE_AFTER = 8;
  private brotliSends = 0;

  /** Resolves once the smallest Brotli encoding is in place (tests wait for it). */
  smallest: Promise<void> = Promise.resolve();
  /** Started (or done) making the smallest encoding. */
  private best = false;

  private makeSmallest(): void {
    const slots = this.effort;
    // A page passed over now, while another's is being made, is upgraded on a later request.
    if (slots === "fast" || slots.running >= slots.atOnce) return;
    this.best = true;
    slots.running++;
    this.smallest = new Promise((resolve) => {
      const options = brotliOptions(constants.BROTLI_MAX_QUALITY, this.body.length);
      brotliCompress(this.body, options, (error, best) => {
        slots.running--;
        if (!error && best.length < (this.encoded.br?.length ?? Infinity)) this.encoded.br = ownBytes(best);
        resolve();
      });
    });
  }
}

/** Picks the encoding the client accepts that we prefer: Brotli, then gzip, then none. */
export function chooseEncoding(acceptEncoding: string | undefined): "br" | "gzip" | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const weight = (name: string) => accepted.get(name) ?? accepted.get("*") ?? 0;
  if (weight("br") > 0) return "br";
  if (weight("gzip") > 0) return "gzip";
  return undefined;
}

/**
 * True when the client already holds this exact representation (If-None-Match, weak comparison as RFC
 * 9110 asks). Only the variant that would be sent counts: a Brotli ETag must not validate a plain reply.
 */
export function isFresh(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const wanted = etag.replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === wanted);
}

/**
 * Header names and values, flat and in order (name, value, name, value…): what one `res.writeHead` takes.
 * An answer made here is sent with a single `writeHead` of the pairs it is given and its own, which costs a
 * fraction of a `setHeader` per header. Headers set earlier with `setHeader` (by Express) are kept; a pair
 * of the same name replaces them. Each name appears once: after a `setHeader`, Node keeps only the last
 * value of a repeated name.
 */
export type HeadPairs = readonly string[];
const NO_HEAD: HeadPairs = [];

// Headers sent in one writeHead cannot be read back with getHeader: the access log asks here instead. Kept
// on the response under a symbol of ours rather than in a WeakMap: a WeakMap entry per request costs an
// ephemeron that every scavenge must process, measurable on a response answered from memory.
const BODY_BYTES = Symbol("body bytes sent");
type Counted = ServerResponse & { [BODY_BYTES]?: number };

/** The length of the body sent on `res` by `send` or `sendPrepared`, if either answered it. */
export function bodyBytesSent(res: ServerResponse): number | undefined {
  return (res as Counted)[BODY_BYTES];
}

/** Records the body's length for the access log, for a response written piece by piece. */
export function countBodyBytes(res: ServerResponse, bytes: number): void {
  (res as Counted)[BODY_BYTES] = bytes;
}

/** Sends a body made for this request alone (an error, a refusal): no ETag, nothing kept. */
export function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  head: HeadPairs = NO_HEAD,
): void {
  const length = Buffer.byteLength(body);
  countBodyBytes(res, length);
  res.writeHead(status, [...head, "Content-Type", type, "Content-Length", String(length)]);
  res.end(req.method === "HEAD" ? undefined : body);
}

export interface SendOptions {
  /** Lets one prepared error page answer several 4xx codes. */
  status?: number;
  /** Headers sent before the response's own (security headers, the request id). */
  head?: HeadPairs;
}

/** Sends a prepared response. */
export function sendPrepared(
  req: IncomingMessage,
  res: ServerResponse,
  prepared: PreparedResponse,
  { status = prepared.status, head = NO_HEAD }: SendOptions = {},
): void {
  const wanted = prepared.compressible ? chooseEncoding(req.headers["accept-encoding"]) : undefined;
  // Each encoding is its own representation, with its own validator. A weak one: the bytes of an encoding
  // change when the smallest replaces the first, while what they decode to does not.
  const etag = wanted === undefined ? prepared.etag : `W/"${prepared.etag.slice(1, -1)}-${wanted}"`;
  const validators = [...head, "Vary", "Accept-Encoding", "ETag", etag, "Cache-Control", prepared.cacheControl];
  if (status === 200 && isFresh(req.headers["if-none-match"], etag)) {
    countBodyBytes(res, 0);
    res.writeHead(304, validators);
    res.end();
    return;
  }
  const encoded = wanted === undefined ? undefined : prepared.encoding(wanted);
  if (!(encoded instanceof Promise)) return writeBody(req, res, prepared, status, validators, wanted, encoded);
  encoded.then((body) => writeBody(req, res, prepared, status, validators, wanted, body)).catch(() => res.destroy());
}

function writeBody(
  req: IncomingMessage,
  res: ServerResponse,
  prepared: PreparedResponse,
  status: number,
  pairs: string[],
  encoding: "br" | "gzip" | undefined,
  encoded: Buffer | undefined,
): void {
  // While the encoding was made, the client may have gone, or something else answered (an error page).
  if (res.headersSent || res.destroyed) return;
  if (encoded !== undefined && encoding !== undefined) pairs.push("Content-Encoding", encoding);
  send(req, res, status, prepared.contentType, encoded ?? prepared.body, pairs);
}
