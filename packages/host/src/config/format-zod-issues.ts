import type { z } from "zod";

type Issue = z.core.$ZodIssue;
type PathSegment = PropertyKey;

/** Longest list of issues spelled out in one message; the rest are counted. */
const MAX_LISTED_ISSUES = 6;

/**
 * Format a field path the way users read it: `models.providers.amazon-bedrock.region`,
 * with array positions as `plugins[1]`.
 */
export function formatFieldPath(path: readonly PathSegment[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text === "" ? String(segment) : `.${String(segment)}`;
  }
  return text;
}

/**
 * A field path as it appears in messages: in backticks, which reads as code and keeps
 * shape-based redaction from taking `…apiKey: expected string` for a secret and its value.
 */
export function quoteFieldPath(path: readonly PathSegment[]): string {
  return path.length === 0 ? "(top level)" : `\`${formatFieldPath(path)}\``;
}

/**
 * One line per problem, each naming the field path and what was expected. Values are never
 * echoed (a misplaced secret must not reach an error message); zod's own messages name only
 * types and allowed options.
 */
export function formatZodIssues(issues: readonly Issue[], prefix: readonly PathSegment[] = []): string[] {
  const lines: string[] = [];
  for (const issue of issues) collectIssueLines(issue, [...prefix, ...issue.path], lines);
  return lines;
}

/** Join issue lines into one message part, bounded so a badly broken file still gives a readable line. */
export function summarizeIssueLines(lines: readonly string[]): string {
  const listed = lines.slice(0, MAX_LISTED_ISSUES).join("; ");
  const more = lines.length - MAX_LISTED_ISSUES;
  return more > 0 ? `${listed}; and ${more} more` : listed;
}

function collectIssueLines(issue: Issue, path: readonly PathSegment[], lines: string[]): void {
  if (issue.code === "unrecognized_keys") {
    for (const key of issue.keys) lines.push(`${quoteFieldPath([...path, key])}: unknown field`);
    return;
  }
  if (issue.code === "invalid_union") {
    collectUnionLines(issue, path, lines);
    return;
  }
  lines.push(`${quoteFieldPath(path)}: ${describeExpectation(issue)}`);
}

/**
 * A union fails on every branch. When some branch got past the type check (its issues are on
 * nested fields), those nested issues are what the user needs; otherwise list the types accepted.
 */
function collectUnionLines(issue: Extract<Issue, { code: "invalid_union" }>, path: readonly PathSegment[], lines: string[]): void {
  const branches = issue.errors ?? [];
  const nested = branches.find((branch) => branch.length > 0 && branch.every((inner) => inner.path.length > 0));
  if (nested !== undefined) {
    for (const inner of nested) collectIssueLines(inner, [...path, ...inner.path], lines);
    return;
  }
  const expected = new Set<string>();
  for (const branch of branches) {
    for (const inner of branch) {
      if (inner.code === "invalid_type") expected.add(String(inner.expected));
      else if (inner.code === "invalid_value") for (const value of inner.values) expected.add(JSON.stringify(value));
    }
  }
  const text = expected.size > 0 ? `expected ${[...expected].join(" or ")}` : stripGenericPrefix(issue.message);
  lines.push(`${quoteFieldPath(path)}: ${text}`);
}

function describeExpectation(issue: Issue): string {
  // Issues carry no input unless asked to (and must not: it may be a secret); the message says "received undefined".
  if (issue.code === "invalid_type" && issue.message.endsWith("received undefined")) return `missing (expected ${String(issue.expected)})`;
  return stripGenericPrefix(issue.message);
}

/** zod prefixes most messages with "Invalid input: "; the path already says which input. */
function stripGenericPrefix(message: string): string {
  return message.replace(/^Invalid (input|option): /, "");
}
