import { createHash } from "node:crypto";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { IncomingMessage, ServerResponse } from "node:http";

export const HTML_CACHE = "public, max-age=60, must-revalidate";
export const IMMUTABLE_CACHE = "public, max-age=31536000, immutable";

/**
 * A response computed once: body, strong ETag, and its Brotli and gzip encodings (made on first use,
 * then kept).
 */
export class PreparedResponse {
  readonly etag: string;
  private encoded: { br?: Buffer; gzip?: Buffer } = {};

  constructor(
    readonly body: Buffer,
    readonly contentType: string,
    readonly cacheControl: string,
    readonly status = 200,
  ) {
    this.etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  }

  static html(html: string, status = 200): PreparedResponse {
    return new PreparedResponse(Buffer.from(html), "text/html; charset=utf-8", status === 200 ? HTML_CACHE : "no-cache", status);
  }

  /** Tiny bodies grow when compressed; only bother above this size. */
  private static readonly MIN_COMPRESS = 512;

  encodedAs(encoding: "br" | "gzip"): Buffer | undefined {
    if (this.body.length < PreparedResponse.MIN_COMPRESS) return undefined;
    const cached = this.encoded[encoding];
    if (cached) return cached;
    const made =
      encoding === "br"
        ? brotliCompressSync(this.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: this.body.length } })
        : gzipSync(this.body, { level: 9 });
    this.encoded[encoding] = made;
    return made;
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
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

/** Sends a prepared response; `status` lets one prepared error page answer several 4xx codes. */
export function sendPrepared(req: IncomingMessage, res: ServerResponse, prepared: PreparedResponse, status = prepared.status): void {
  const encoding = chooseEncoding(req.headers["accept-encoding"]);
  const encoded = encoding === undefined ? undefined : prepared.encodedAs(encoding);
  // Each encoding is its own representation, so it gets its own strong validator.
  const etag = encoded === undefined ? prepared.etag : `"${prepared.etag.slice(1, -1)}-${encoding}"`;
  res.setHeader("Vary", "Accept-Encoding");
  res.setHeader("ETag", etag);
  res.setHeader("Cache-Control", prepared.cacheControl);
  if (status === 200 && isFresh(req.headers["if-none-match"], etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const body = encoded ?? prepared.body;
  res.statusCode = status;
  res.setHeader("Content-Type", prepared.contentType);
  res.setHeader("Content-Length", body.length);
  if (encoded !== undefined && encoding !== undefined) res.setHeader("Content-Encoding", encoding);
  res.end(req.method === "HEAD" ? undefined : body);
}
