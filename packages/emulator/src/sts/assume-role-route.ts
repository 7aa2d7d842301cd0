import { randomCharacters } from "../auth/credential-store.js";
import { escapeXml, stsError, stsSurfaceErrors } from "../errors/sts-xml-error-bodies.js";
import type { EmulatedRole } from "../emulator-types.js";
import { type Exchange, headerValue, sendPrepared } from "../server/http-exchange.js";
import { authorize, type RouteContext, type RouteDefinition } from "../server/service-definition.js";

const ROLE_ARN_PATTERN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/;
const SESSION_NAME_PATTERN = /^[\w+=,.@-]{2,64}$/;
const DEFAULT_MAX_SESSION_SECONDS = 3600;
const ROLE_CHAINING_LIMIT_SECONDS = 3600;

/** Query parameters and, for form posts, body parameters (the body wins), as STS reads them. */
function requestParameters(exchange: Exchange): URLSearchParams {
  const parameters = new URLSearchParams(exchange.url.searchParams);
  const contentType = headerValue(exchange.request.headers, "content-type") ?? "";
  if (exchange.method === "POST" && contentType.startsWith("application/x-www-form-urlencoded")) {
    for (const [name, value] of new URLSearchParams(exchange.body.toString("utf8"))) parameters.set(name, value);
  }
  return parameters;
}

function validationError(exchange: Exchange, message: string): void {
  sendPrepared(exchange, stsError(400, "ValidationError", message, exchange.requestId));
}

function constraint(value: string | null, field: string, rule: string): string {
  return `1 validation error detected: Value ${value === null ? "null" : `'${value}'`} at '${field}' failed to satisfy constraint: ${rule}`;
}

function findRole(roles: readonly EmulatedRole[] | undefined, roleArn: string): EmulatedRole | undefined {
  if (roles === undefined) return { roleArn };
  return roles.find((role) => role.roleArn === roleArn);
}

interface IssuedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiresAt: number;
  readonly principal: { readonly arn: string };
}

/** The `AssumeRoleResponse` document the AWS SDK's query-protocol parser reads. */
function assumeRoleXml(sessionName: string, session: IssuedCredentials, requestId: string): string {
  const expiration = new Date(session.expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z");
  const assumedArn = session.principal.arn;
  return (
    `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n` +
    `  <AssumeRoleResult>\n` +
    `    <AssumedRoleUser>\n      <AssumedRoleId>AROA${randomCharacters(17)}:${escapeXml(sessionName)}</AssumedRoleId>\n      <Arn>${escapeXml(assumedArn)}</Arn>\n    </AssumedRoleUser>\n` +
    `    <Credentials>\n      <AccessKeyId>${session.accessKeyId}</AccessKeyId>\n      <SecretAccessKey>${session.secretAccessKey}</SecretAccessKey>\n` +
    `      <SessionToken>${session.sessionToken}</SessionToken>\n      <Expiration>${expiration}</Expiration>\n    </Credentials>\n` +
    `  </AssumeRoleResult>\n` +
    `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n` +
    `</AssumeRoleResponse>\n`
  );
}

function handleAssumeRole(exchange: Exchange, context: RouteContext): void {
  const parameters = requestParameters(exchange);
  const action = parameters.get("Action");
  const version = parameters.get("Version");
  if (action !== "AssumeRole" || (version !== null && version !== "2011-06-15")) {
    sendPrepared(exchange, stsError(400, "InvalidAction", `Could not find operation ${action ?? ""} for version ${version ?? "NO_VERSION_SPECIFIED"}`, exchange.requestId));
    return;
  }
  const roleArn = parameters.get("RoleArn");
  const sessionName = parameters.get("RoleSessionName");
  if (roleArn === null) return validationError(exchange, constraint(null, "roleArn", "Member must not be null"));
  if (sessionName === null) return validationError(exchange, constraint(null, "roleSessionName", "Member must not be null"));
  if (!SESSION_NAME_PATTERN.test(sessionName)) {
    return validationError(exchange, constraint(sessionName, "roleSessionName", "Member must satisfy regular expression pattern: [\\w+=,.@-]*"));
  }
  const durationText = parameters.get("DurationSeconds");
  const duration = durationText === null ? DEFAULT_MAX_SESSION_SECONDS : Number(durationText);
  if (!Number.isInteger(duration) || duration < 900) {
    return validationError(exchange, constraint(durationText, "durationSeconds", "Member must have value greater than or equal to 900"));
  }
  if (duration > 43_200) return validationError(exchange, constraint(durationText, "durationSeconds", "Member must have value less than or equal to 43200"));

  const principal = exchange.principal;
  if (!principal || !authorize(exchange, context, "sts:AssumeRole", roleArn)) return;
  const match = ROLE_ARN_PATTERN.exec(roleArn);
  const role = match ? findRole(context.state.roles, roleArn) : undefined;
  const externalId = parameters.get("ExternalId");
  if (!match || !role || (role.externalId !== undefined && role.externalId !== externalId)) {
    sendPrepared(exchange, stsError(403, "AccessDenied", `User: ${principal.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, exchange.requestId));
    return;
  }
  if (exchange.authKind === "sigv4-session" && duration > ROLE_CHAINING_LIMIT_SECONDS) {
    return validationError(exchange, "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
  }
  if (duration > (role.maxSessionDurationSeconds ?? DEFAULT_MAX_SESSION_SECONDS)) {
    return validationError(exchange, "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  }
  const [, accountId, roleName] = match as unknown as [string, string, string];
  const { state } = context;
  const session = state.credentials.issueSession(
    `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`,
    role.deniedActions ?? [],
    state.clock.now() + duration * 1000,
  );
  sendPrepared(exchange, {
    status: 200,
    contentType: "text/xml",
    body: assumeRoleXml(sessionName, session, exchange.requestId),
  });
}

/**
 * STS `AssumeRole` (query protocol): `POST /` with a form body or `GET /?Action=…`, SigV4 for signing
 * name `sts`. Issues ASIA… credentials with a session token that every other route then accepts
 * until `Expiration` (issue 10 item 6).
 */
export const assumeRoleRoutes: RouteDefinition[] = ["POST", "GET"].map((method) => ({
  name: "sts.assume-role",
  method,
  pattern: /^\/$/,
  errors: stsSurfaceErrors,
  handle: handleAssumeRole,
}));
