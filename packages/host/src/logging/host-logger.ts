import type { LogFields, Logger } from "@bedrock-kit/plugin-host";
import type { SecretMask } from "../secrets/secret-mask.js";
import { createRedactingLogger } from "./redaction.js";

/**
 * The logger everything in the host writes through: secret-shaped strings are redacted and every
 * secret value the host has seen is masked, in the message and in every field, before `base`
 * sees the line.
 */
export function createHostLogger(base: Logger, mask: SecretMask): Logger {
  const masked: Logger = {
    debug: (message, fields) => base.debug(mask.maskText(message), maskFields(fields, mask)),
    info: (message, fields) => base.info(mask.maskText(message), maskFields(fields, mask)),
    warn: (message, fields) => base.warn(mask.maskText(message), maskFields(fields, mask)),
    error: (message, fields) => base.error(mask.maskText(message), maskFields(fields, mask)),
  };
  return createRedactingLogger(masked);
}

/** A logger that adds `fields` to every line (e.g. the provider id). */
export function withLogFields(logger: Logger, fields: LogFields): Logger {
  return {
    debug: (message, extra) => logger.debug(message, { ...fields, ...extra }),
    info: (message, extra) => logger.info(message, { ...fields, ...extra }),
    warn: (message, extra) => logger.warn(message, { ...fields, ...extra }),
    error: (message, extra) => logger.error(message, { ...fields, ...extra }),
  };
}

function maskFields(fields: LogFields | undefined, mask: SecretMask): LogFields | undefined {
  return fields === undefined ? undefined : mask.maskValue(fields);
}
