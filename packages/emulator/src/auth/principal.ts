import type { IamAction } from "../emulator-types.js";

/** An authenticated caller: the IAM identity a request acts as. */
export interface Principal {
  /** `arn:aws:iam::<account>:user/<name>` or `arn:aws:sts::<account>:assumed-role/<role>/<session>`. */
  readonly arn: string;
  /** Actions this identity is denied. */
  readonly deniedActions: ReadonlySet<IamAction>;
}

/** AWS's wording for an identity-policy denial (facts §1.8, §3.6). */
export function describeAccessDenied(principal: Principal, action: IamAction, resource: string): string {
  return `User: ${principal.arn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;
}
