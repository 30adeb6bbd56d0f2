/** What `Action` / `NotAction` patterns grant, expanded against the IAM data. */
import { iamService, type IamAction } from './iam-data.js';
import type { ValueList } from './model.js';
import { wildcardMatch } from './wildcard.js';

/** Whether an action pattern (`s3:Put*`, `*`, `S3:getobject`) matches a full action name. Case-insensitive. */
export function actionPatternMatches(pattern: string, action: string): boolean {
  if (pattern === '*') return true;
  return wildcardMatch(pattern, action, { caseInsensitive: true });
}

/** The actions of one service that a pattern list grants (`NotAction`: those it does not name). */
export function grantedServiceActions(list: ValueList, servicePrefix: string): IamAction[] {
  const service = iamService(servicePrefix);
  if (!service) return [];
  const granted: IamAction[] = [];
  for (const action of service.actions.values()) {
    const full = `${service.prefix}:${action.name}`;
    const named = list.values.some((v) => actionPatternMatches(v.value, full));
    if (named !== list.negated) granted.push(action);
  }
  return granted;
}

/** Whether the list grants one action (`s3:PutObject`). */
export function listGrantsAction(list: ValueList, action: string): boolean {
  return list.values.some((v) => actionPatternMatches(v.value, action)) !== list.negated;
}
