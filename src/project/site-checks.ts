/**
 * The checks whose verdict depends on a presign site's expiry: presign-audit runs them again on
 * the site as seen from each call of a wrapper (`presign(key, ttl)`), with the value given there.
 * These are the functions the ESLint rules call; nothing here decides anything itself.
 */
import { checkMaxExpiry, type MaxExpiryOptions } from '../../rules/code/max-expiry.js';
import { checkTemporaryCredentialsExpiry, type TemporaryCredentialsOptions } from '../../rules/code/temporary-credentials-expiry.js';
import type { Node } from '../code/ast.js';
import type { Finding, PresignSite } from '../presign/site.js';

export type SiteCheck = (site: PresignSite<Node>, options: object) => Finding<Node>[];

export const SITE_CHECKS: Readonly<Record<string, SiteCheck>> = {
  'max-expiry': (site, options) => checkMaxExpiry(site, options as MaxExpiryOptions),
  'temporary-credentials-expiry': (site, options) => checkTemporaryCredentialsExpiry(site, options as TemporaryCredentialsOptions),
};
