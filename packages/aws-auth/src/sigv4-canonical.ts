/**
 * The canonical forms of AWS Signature Version 4
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html),
 * computed from the request exactly as it goes on the wire. Pure string functions shared by the
 * header signer and the query presigner.
 */

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters, upper-case hex. */
export function escapeUri(value: string): string {
  const encoded = encodeURIComponent(value);
  return RESERVED_BY_SIGV4.test(encoded) ? encoded.replace(RESERVED_BY_SIGV4_GLOBAL, hexEscape) : encoded;
}

// encodeURIComponent leaves these alone; SigV4 encodes them.
const RESERVED_BY_SIGV4 = /[!'()*]/;
const RESERVED_BY_SIGV4_GLOBAL = /[!'()*]/g;

function hexEscape(character: string): string {
  return `%${character.charCodeAt(0).toString(16).toUpperCase()}`;
}

/** The parts of a URL that SigV4 reads, as the transport sends them. */
export interface WireUrl {
  /** The `host` header value node sends: lower-case host, default port dropped. */
  host: string;
  /** The path as sent (percent-encoded). */
  path: string;
  /** The query string as sent, without `?`. */
  query: string;
}

// Characters that WHATWG URL serialisation (what node:http sends) leaves untouched in a path and a
// query; anything else (spaces, non-ASCII, quotes, backslashes, dot segments) goes through `URL`.
const PLAIN_PATH = /^[A-Za-z0-9\-._~!$&()*+,;=:@%/]*$/;
const PLAIN_QUERY = /^[A-Za-z0-9\-._~!$&()*+,;=:@%/?]*$/;
const DOT_SEGMENT = /\/(?:\.|%2e){1,2}(?:\/|$)/i;
const PLAIN_HOST = /^[a-z0-9.\-]+(?::\d+)?$|^\[[0-9a-f:.]+\](?::\d+)?$/;

/**
 * Split an absolute URL into what goes on the wire. The common case (a URL the plugins built
 * with encodeURIComponent) is read directly; anything WHATWG would rewrite is normalised through
 * `URL`, exactly as the node:http transport does before sending, so the signature covers the
 * bytes actually sent.
 */
export function readWireUrl(url: string): WireUrl {
  const schemeEnd = url.indexOf("://");
  if (schemeEnd > 0) {
    const authorityStart = schemeEnd + 3;
    let pathStart = authorityStart;
    while (pathStart < url.length) {
      const character = url.charCodeAt(pathStart);
      if (character === 47 /* / */ || character === 63 /* ? */ || character === 35 /* # */) break;
      pathStart += 1;
    }
    const scheme = url.slice(0, schemeEnd).toLowerCase();
    let host = url.slice(authorityStart, pathStart).toLowerCase();
    const hashAt = url.indexOf("#", pathStart);
    const end = hashAt === -1 ? url.length : hashAt;
    const queryAt = url.indexOf("?", pathStart);
    const pathEnd = queryAt === -1 || queryAt > end ? end : queryAt;
    const path = pathStart === pathEnd ? "/" : url.slice(pathStart, pathEnd);
    const query = pathEnd < end ? url.slice(pathEnd + 1, end) : "";
    if (scheme === "https" && host.endsWith(":443")) host = host.slice(0, -4);
    else if (scheme === "http" && host.endsWith(":80")) host = host.slice(0, -3);
    if ((scheme === "https" || scheme === "http") && PLAIN_HOST.test(host) && PLAIN_PATH.test(path) && !DOT_SEGMENT.test(path) && PLAIN_QUERY.test(query)) {
      return { host, path, query };
    }
  }
  const parsed = new URL(url);
  return { host: parsed.host, path: parsed.pathname || "/", query: parsed.search.slice(1) };
}

/**
 * The canonical URI of a service other than S3: the path as sent, with empty and dot segments
 * removed, then URI-encoded once more (so `/model/arn%3Aaws%3A…` signs as
 * `/model/arn%253Aaws%253A…`). `/` separators stay.
 */
export function canonicalPath(path: string): string {
  let normalized = path;
  if (path.includes("//") || path.includes("/.") || !path.startsWith("/")) {
    const segments: string[] = [];
    for (const segment of path.split("/")) {
      if (segment.length === 0 || segment === ".") continue;
      if (segment === "..") segments.pop();
      else segments.push(segment);
    }
    const trailing = segments.length > 0 && path.endsWith("/") ? "/" : "";
    normalized = `${path.startsWith("/") ? "/" : ""}${segments.join("/")}${trailing}`;
  }
  const encoded = escapeUri(normalized);
  return encoded.includes("%2F") ? encoded.replace(/%2F/g, "/") : encoded;
}

/**
 * The canonical query string: every parameter decoded as the service decodes it, re-encoded
 * strictly, sorted by name then value; a parameter without `=` has the empty value. Any
 * `X-Amz-Signature` is left out (it cannot sign itself).
 */
export function canonicalQuery(query: string): string {
  if (query.length === 0) return "";
  const pairs: Array<{ name: string; pair: string }> = [];
  for (const part of query.split("&")) {
    if (part.length === 0) continue;
    const equals = part.indexOf("=");
    const rawName = equals === -1 ? part : part.slice(0, equals);
    const rawValue = equals === -1 ? "" : part.slice(equals + 1);
    const name = escapeUri(decodeComponent(rawName));
    if (name.toLowerCase() === "x-amz-signature") continue;
    pairs.push({ name, pair: `${name}=${escapeUri(decodeComponent(rawValue))}` });
  }
  if (pairs.length === 1) return pairs[0]?.pair ?? "";
  pairs.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : left.pair < right.pair ? -1 : left.pair > right.pair ? 1 : 0));
  let result = "";
  for (const { pair } of pairs) result = result.length === 0 ? pair : `${result}&${pair}`;
  return result;
}

function decodeComponent(component: string): string {
  if (!component.includes("%")) return component;
  try {
    return decodeURIComponent(component);
  } catch {
    // Not valid percent-encoding: the service sees the raw characters.
    return component;
  }
}

/**
 * Headers that are never signed: hop-by-hop headers proxies may rewrite, and headers the signer
 * sets itself. The same set as the AWS SDKs, so signatures agree with theirs.
 */
export const UNSIGNED_HEADERS: ReadonlySet<string> = new Set([
  "authorization",
  "cache-control",
  "connection",
  "date",
  "expect",
  "from",
  "keep-alive",
  "max-forwards",
  "pragma",
  "referer",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "user-agent",
  "x-amz-date",
  "x-amzn-trace-id",
]);

const NEEDS_TRIM = /[\t\r\n]| {2}|^ | $/;

/** A header value as SigV4 canonicalises it: line breaks to spaces, runs of blanks collapsed, trimmed. */
export function canonicalHeaderValue(value: string): string {
  if (!NEEDS_TRIM.test(value)) return value;
  return value.replace(/[\r\n]/g, " ").replace(/[ \t]+/g, " ").replace(/^ | $/g, "");
}

/** `YYYYMMDDTHHMMSSZ` for a time in ms since the epoch. */
export function amzDate(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}
