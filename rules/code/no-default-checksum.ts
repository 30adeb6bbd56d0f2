/**
 * presign/no-default-checksum: a v3 presigned upload signed by a client that adds its default
 * request checksum, which is the checksum of an empty body: every real upload then fails.
 */
import { CHECKSUM_SETTING, CHECKSUM_VALUE_PARAMETERS, CHECKSUM_WHEN_REQUIRED } from '../../src/presign/checksums.js';
import { UPLOAD_OPERATIONS } from '../../src/presign/commands.js';
import { singleValue } from '../../src/presign/possible.js';
import { defineRule } from '../../src/rule/shape.js';

export type MessageId = 'defaultChecksum' | 'checksumWhenSupported' | 'setWhenRequired';


export default defineRule<'site', Record<string, never>, MessageId>({
  name: 'no-default-checksum',
  subject: 'site',
  reads: ['operation', 'parameters', 'client'],
  meta: {
    type: 'problem',
    severity: 'error',
    securitySeverity: 2.0,
    docs: {
      description: "Require `requestChecksumCalculation: 'WHEN_REQUIRED'` on S3 clients that pre-sign uploads",
      recommended: 'recommended',
    },
    hasSuggestions: true,
    messages: {
      defaultChecksum: 'The client does not set `requestChecksumCalculation: \'WHEN_REQUIRED\'`; set it, or uploads fail. Otherwise the URL {{api}} signs for {{operation}} carries the checksum of an empty body, and S3 rejects every upload with a real body (@aws-sdk/client-s3 3.729.0 and later).',
      checksumWhenSupported: '`requestChecksumCalculation: {{value}}` breaks pre-signed uploads; use \'WHEN_REQUIRED\'. The URL for {{operation}} carries the checksum of an empty body, and S3 rejects every upload with a real body.',
      setWhenRequired: "Set `requestChecksumCalculation: 'WHEN_REQUIRED'` on the client.",
    },
    schema: [],
    defaultOptions: [{}],
  },
  check({ site }, context) {
    const operation = site.operation;
    if (site.api.id !== 'v3.getSignedUrl' || !operation || !UPLOAD_OPERATIONS.has(operation) || !site.client) return;
    // A project locked to client-s3 releases before default checksums: nothing to remove (yet).
    if (site.client.defaultChecksums === false) return;
    const parameters = site.parameters;
    // A checksum value in the command is signed instead of the default; one hidden in a spread may be.
    if (parameters && (!parameters.complete || CHECKSUM_VALUE_PARAMETERS.some((p) => parameters.entries.has(p)))) return;
    const data = { api: site.api.label, operation };
    const setting = site.client.settings.get(CHECKSUM_SETTING);
    const suggest = [
      {
        messageId: 'setWhenRequired' as const,
        edit: { kind: 'set-client-setting' as const, client: site.client.node, name: CHECKSUM_SETTING, value: `'${CHECKSUM_WHEN_REQUIRED}'`, written: null },
      },
    ];
    if (setting) {
      const value = singleValue(setting.value);
      if (!value || value.value === CHECKSUM_WHEN_REQUIRED) return;
      context.report({ node: setting.node, messageId: 'checksumWhenSupported', data: { ...data, value: JSON.stringify(value.value) }, suggest });
      return;
    }
    if (!site.client.settingsComplete) return;
    context.report({ node: site.node, messageId: 'defaultChecksum', data, suggest });
  },
});
