// Generated from the rule files of rules/ by `npm run update:registry`: do not edit (see rules/index.ts).
import type { RuleInfo } from './shape.js';

export const CATALOGUE: readonly RuleInfo[] = [
  {
    "name": "enforce-upload-constraints",
    "subject": "site",
    "reads": [
      "operation",
      "parameters",
      "signableHeaders",
      "post"
    ],
    "kinds": [],
    "judgesAwsPolicies": false,
    "meta": {
      "type": "problem",
      "severity": "warn",
      "securitySeverity": 5,
      "docs": {
        "description": "Require pre-signed uploads to sign the restrictions they set: content type and key prefix",
        "recommended": "strict",
        "url": "https://github.com/eslint-plugin-presign/eslint-plugin-presign/blob/main/docs/rules/enforce-upload-constraints.md"
      },
      "hasSuggestions": true,
      "messages": {
        "unsignedParameter": "`{{parameter}}` is not signed, so the uploader may change it; name it in `signableHeaders`. {{api}} signs the {{header}} header only when `signableHeaders: new Set([...])` names it (X-Amz-SignedHeaders is `host` otherwise).",
        "anyKey": "`starts-with $key` with an empty prefix lets the uploader pick any key; give it a prefix. An upload through {{api}} could then overwrite other objects of the bucket.",
        "noContentType": "The POST policy does not restrict `Content-Type`; add `[\"starts-with\", \"$Content-Type\", \"image/\"]`. Otherwise the uploader of {{api}} can store any type (HTML or SVG served from the bucket); an exact `Content-Type` field works too.",
        "signHeaders": "Sign {{headers}} with `signableHeaders`."
      },
      "schema": [
        {
          "type": "object",
          "properties": {
            "requireContentType": {
              "type": "boolean",
              "description": "Also require a presigned POST policy to restrict Content-Type."
            }
          },
          "additionalProperties": false
        }
      ],
      "defaultOptions": [
        {
          "requireContentType": false
        }
      ]
    }
  },
  {
    "name": "explicit-expiry",
    "subject": "site",
    "reads": [
      "expiry"
    ],
    "kinds": [],
    "judgesAwsPolicies": false,
    "meta": {
      "type": "suggestion",
      "severity": "warn",
      "securitySeverity": 3,
      "docs": {
        "description": "Require an explicit expiry where the SDK default would make a pre-signed URL live a day or more",
        "recommended": "recommended",
        "url": "https://github.com/eslint-plugin-presign/eslint-plugin-presign/blob/main/docs/rules/explicit-expiry.md"
      },
      "messages": {
        "longDefault": "No expiry is given, so the URL lives the SDK default of {{value}}; pass a shorter one. {{api}} takes it as {{parameter}}.",
        "implicitDefault": "The URL relies on the SDK default expiry of {{value}}; pass an explicit one. {{api}} takes it as {{parameter}}.",
        "zeroMeansDefault": "Expiry 0 becomes the SDK default of {{value}}; pass the seconds the URL must live. {{api}} replaces 0 with its default."
      },
      "schema": [
        {
          "type": "object",
          "properties": {
            "always": {
              "type": "boolean",
              "description": "Require an explicit expiry on every presign call, whatever the SDK default."
            }
          },
          "additionalProperties": false
        }
      ],
      "defaultOptions": [
        {
          "always": false
        }
      ]
    }
  },
  {
    "name": "explicit-method",
    "subject": "site",
    "reads": [
      "method"
    ],
    "kinds": [],
    "judgesAwsPolicies": false,
    "meta": {
      "type": "problem",
      "severity": "warn",
      "securitySeverity": 2,
      "docs": {
        "description": "Require every pre-sign call to show which HTTP method the URL is signed for",
        "recommended": "recommended",
        "url": "https://github.com/eslint-plugin-presign/eslint-plugin-presign/blob/main/docs/rules/explicit-method.md"
      },
      "messages": {
        "operation-not-constant": "The operation is not a constant, so the URL's HTTP method is unknown; pass a literal one. For {{api}}, a name such as 'getObject' or 'putObject'.",
        "command-unresolved": "The command is not a known S3 command, so the URL's HTTP method is unknown; construct it here. Pass new GetObjectCommand(...) to {{api}}, or type the parameter (cmd: GetObjectCommand).",
        "request-without-method": "The request has no `method`, so the URL's HTTP method is unknown; set one, such as method: 'GET'. {{api}} signs the request as it is given.",
        "request-unresolved": "The request cannot be read here, so the URL's HTTP method is unknown; build it in this module. Give the request {{api}} signs a literal `method`.",
        "method-not-constant": "The HTTP method is not a constant, so the URL's method is unknown; pass a literal such as 'GET'. {{api}} signs for that method only.",
        "action-not-constant": "The `action` is not a constant, so the URL's HTTP method is unknown; pass 'read' or 'write'. {{api}} also takes 'delete' and 'resumable'.",
        "method-implicit": "The call names no `{{parameter}}`, so the URL's method is implicit; add `{{parameter}}='{{method}}'`. {{api}} signs the method of `{{operation}}` ({{method}}).",
        "method-missing": "No `method` is set, so the URL is signed for GET (POST with a body); set the method it is for. {{api}} signs the request as it is given."
      },
      "schema": [
        {
          "type": "object",
          "properties": {
            "operationIsExplicit": {
              "type": "boolean"
            }
          },
          "additionalProperties": false
        }
      ],
      "defaultOptions": [
        {
          "operationIsExplicit": false
        }
      ]
    }
  },
  {
    "name": "max-expiry",
    "subject": "site",
    "reads": [
      "expiry",
      "sigv4"
    ],
    "kinds": [],
    "judgesAwsPolicies": false,
    "meta": {
      "type": "problem",
      "severity": "error",
      "securitySeverity": 4,
      "docs": {
        "description": "Disallow pre-signed URL expiries above the SigV4 maximum of 7 days (or a configured cap) and invalid expiries",
        "recommended": "recommended",
        "url": "https://github.com/eslint-plugin-presign/eslint-plugin-presign/blob/main/docs/rules/max-expiry.md"
      },
      "hasSuggestions": true,
      "messages": {
        "clampToLimit": "Bound the expiry at {{limit}} seconds.",
        "aboveMaximum": "Expiry {{value}} is above {{limit}}; lower it. With {{api}}, {{consequence}}.",
        "atLeastAboveMaximum": "Expiry {{value}} or more is above {{limit}}; bound it. With {{api}}, {{consequence}}.",
        "invalidExpiry": "Expiry {{value}} is invalid; use a positive whole number of seconds. Here {{why}}; {{api}} still signs a URL that S3 will not honour.",
        "defaultAboveMaximum": "Default expiry {{value}} is above {{limit}}; pass one. {{api}} uses it when none is given."
      },
      "schema": [
        {
          "type": "object",
          "properties": {
            "maxSeconds": {
              "type": "integer",
              "minimum": 1,
              "description": "Longest allowed expiry in seconds (default 604800, the SigV4 maximum)."
            }
          },
          "additionalProperties": false
        }
      ],
      "defaultOptions": [
        {
          "maxSeconds": 604800
        }
      ]
    }
  },
  {
    "name": "min-expiry",
    "subject": "site",
    "reads": [
      "expiry"
    ],
    "kinds": [],
    "judgesAwsPolicies": false,
    "meta": {
      "type": "problem",
      "severity": "error",
      "securitySeverity": 1,
      "docs": {
        "description": "Disallow pre-signed URL expiries too short to be meant, such as seconds added to a millisecond clock",
        "recommended": "recommended",
        "url": "https://github.com/eslint-plugin-presign/eslint-plugin-presign/blob/main/docs/rules/min-expiry.md"
      },
      "messages": {
        "secondsOnMillisecondClock": "The expiry is {{value}} from now: seconds were added to a millisecond clock; multiply them by 1000. Date.now() counts milliseconds, so {{api}} signs a URL that dies in {{value}}; {{meant}} was likely meant.",
        "pastPointInTime": "Expiration {{value}} is the time {{date}}, so the URL is born expired; pass a timedelta. {{api}} takes a number as seconds since the epoch with {{version}}.",
        "tooShort": "Expiry {{value}} is under {{limit}}, too short to be meant; check its unit. {{api}} signs a URL that expires before most clients can use it."
      },
      "schema": [
        {
          "type": "object",
          "properties": {
            "minSeconds": {
              "type": "number",
              "minimum": 0,
              "description": "Shortest expiry allowed, in seconds (default 5)."
            }
          },
          "additionalProperties": false
        }
      ],
      "defaultOptions": [
        {
          "minSeconds": 5
        }
      ]
    }
  },
  {
    "name": "method-mismatch",
    "subject": "site",
    "reads": [
      "method",
      "flows"
    ],
    "kinds": [],
    "judgesAwsPolicies": false,
    "meta": {
      "type": "problem",
      "severity": "error",
      "securitySeverity": 2,
      "docs": {
        "description": "Disallow using a pre-signed URL with another HTTP method than the one it was signed for",
        "recommended": "recommended",
        "url": "https://github.com/eslint-plugin-presign/eslint-plugin-presign/blob/main/docs/rules/method-mismatch.md"
      },
      "messages": {
        "defaultMethod": "`{{client}}` sends {{used}} by default, not {{signed}} as signed; pass `method: '{{signed}}'`. S3 answers 403: the method is part of the signature of a URL from {{api}}.",
        "wrongMethod": "`{{client}}` sends {{used}} to a URL signed for {{signed}}; use {{signed}} or sign for {{used}}. S3 answers 403: the method is part of the signature of a URL from {{api}}."
      },
      "schema": [],
      "defaultOptions": [
        {}
      ]
    }
  },
  {
    "name": "no-default-checksum",
    "subject": "site",
    "reads": [
      "operation",
      "parameters",
      "client"
    ],
    "kinds": [],
    "judgesAwsPolicies": false,
    "meta": {
      "type": "problem",
      "severity": "error",
      "securitySeverity": 2,
      "docs": {
        "description": "Require `requestChecksumCalculation: 'WHEN_REQUIRED'` on S3 clients that pre-sign uploads",
        "recommended": "recommended",
        "url": "https://github.com/eslint-plugin-presign/eslint-plugin-presign/blob/main/docs/rules/no-default-checksum.md"
      },
      "hasSuggestions": true,
      "messages": {
        "defaultChecksum": "The client does not set `requestChecksumCalculation: 'WHEN_REQUIRED'`; set it, or uploads fail. Otherwise the URL {{api}} signs for {{operation}} carries the checksum of an empty body, and S3 rejects every upload with a real body (@aws-sdk/client-s3 3.729.0 and later).",
        "checksumWhenSupported": "`requestChecksumCalculation: {{value}}` breaks pre-signed uploads; use 'WHEN_REQUIRED'. The URL for {{operation}} carries the checksum of an empty body, and S3 rejects every upload with a real body.",
        "setWhenRequired": "Set `requestChecksumCalculation: 'WHEN_REQUIRED'` on the client."
      },
      "schema": [],
      "defaultOptions": [
        {}
      ]
    }
  },
  {
    "name": "no-sigv2",
    "subject": "site",
    "reads": [
      "client",
      "sigv4",
      "expiry"
    ],
    "kinds": [],
    "judgesAwsPolicies": false,
    "meta": {
      "type": "problem",
      "severity": "error",
      "securitySeverity": 5,
      "docs": {
        "description": "Disallow pre-signed URLs signed with the deprecated Signature Version 2",
        "recommended": "recommended",
        "url": "https://github.com/eslint-plugin-presign/eslint-plugin-presign/blob/main/docs/rules/no-sigv2.md"
      },
      "fixable": "code",
      "hasSuggestions": true,
      "messages": {
        "v2DefaultRegion": "Signs with SigV2 in {{region}}: set `signatureVersion: 'v4'` on the client. With no `signatureVersion`, {{api}} presigns with SigV2 there by default (aws/aws-sdk-js#1099).",
        "v2UnknownRegion": "May sign with SigV2: set `signatureVersion: 'v4'` (and the region) on the client. With no `signatureVersion`, {{api}} presigns with SigV2 by default in us-east-1 and eight other regions (aws/aws-sdk-js#1099).",
        "v2Explicit": "The client sets `signatureVersion: {{value}}`, which is SigV2; use `signatureVersion: 'v4'`. {{api}} then signs with SigV4.",
        "boto3DefaultRegion": "Signs with SigV2 in {{region}}: pass `config=Config(signature_version='s3v4')` to the client. With no `signature_version`, botocore presigns with SigV2 there by default ({{api}} docstring).",
        "boto3UnknownRegion": "May sign with SigV2: pass `config=Config(signature_version='s3v4')` and `region_name` to the client. With no `signature_version`, botocore presigns with SigV2 by default in us-east-1 and the other regions that accept it ({{api}} docstring).",
        "boto3Explicit": "The client's `Config` sets `signature_version={{value}}`, SigV2; use `signature_version='s3v4'`. {{api}} then signs with SigV4.",
        "settingsDefaultRegion": "Every `storage.url()` signs with SigV2 in {{region}}: set `AWS_S3_SIGNATURE_VERSION = 's3v4'`. With no signature version, botocore presigns with SigV2 there by default.",
        "settingsUnknownRegion": "Every `storage.url()` may sign with SigV2: set `AWS_S3_SIGNATURE_VERSION = 's3v4'` and the region. With no signature version, botocore presigns with SigV2 by default in us-east-1 and the other regions that accept it.",
        "settingsExplicit": "`AWS_S3_SIGNATURE_VERSION = {{value}}` is SigV2 for every `storage.url()`; use 's3v4'. django-storages passes it to botocore as is.",
        "gcsV2": "This signs a V2 URL, which has no maximum lifetime; pass `version: 'v4'` (Python: `version='v4'`). {{api}} signs V2 unless told otherwise; V4 URLs live at most 7 days.",
        "useSigV4": "Sign with SigV4 ({{setting}})."
      },
      "schema": [],
      "defaultOptions": [
        {}
      ]
    }
  },
  {
    "name": "no-url-logging",
    "subject": "site",
    "reads": [
      "flows"
    ],
    "kinds": [],
    "judgesAwsPolicies": false,
    "meta": {
      "type": "problem",
      "severity": "error",
      "securitySeverity": 7.5,
      "docs": {
        "description": "Disallow writing pre-signed URLs to logs and error messages",
        "recommended": "recommended",
        "url": "https://github.com/eslint-plugin-presign/eslint-plugin-presign/blob/main/docs/rules/no-url-logging.md"
      },
      "messages": {
        "logged": "The pre-signed URL is logged by `{{sink}}`; log the bucket and key instead. A URL from {{api}} is a bearer credential until it expires; the URL without its query string is safe to log too.",
        "inError": "The pre-signed URL goes into a `{{sink}}`; name the bucket and key instead. Error messages reach logs, trackers and HTTP responses, and a URL from {{api}} works for whoever reads them until it expires."
      },
      "schema": [
        {
          "type": "object",
          "properties": {
            "sinks": {
              "type": "array",
              "items": {
                "type": "string",
                "minLength": 1
              },
              "uniqueItems": true,
              "description": "More calls that write to logs, by dotted name (`Sentry.captureMessage`, `debug`, `audit.record`); `this.` is left out."
            }
          },
          "additionalProperties": false
        }
      ],
      "defaultOptions": [
        {
          "sinks": []
        }
      ]
    }
  },
  {
    "name": "public-upload-content-type",
    "subject": "site",
    "reads": [
      "operation",
      "parameters",
      "signableHeaders",
      "post"
    ],
    "kinds": [],
    "judgesAwsPolicies": false,
    "meta": {
      "type": "problem",
      "severity": "error",
      "securitySeverity": 7,
      "docs": {
        "description": "Disallow pre-signed uploads that make the object public while the uploader chooses its Content-Type",
        "recommended": "recommended",
        "url": "https://github.com/eslint-plugin-presign/eslint-plugin-presign/blob/main/docs/rules/public-upload-content-type.md"
      },
      "messages": {
        "publicPutAnyType": "This public upload does not sign its Content-Type; sign it, or make the object private. {{api}} signs `ACL: 'public-read'` but not the type: whoever holds it can upload a text/html or SVG page that the bucket then serves to anyone, under its own domain (phishing, or script on that origin). Pass `ContentType` and `signableHeaders: new Set(['content-type'])`.",
        "publicPostAnyType": "This public POST upload leaves Content-Type open; restrict it, or make the object private. The policy of {{api}} sets a public `acl`: whoever holds it can upload a text/html or SVG page that the bucket then serves to anyone, under its own domain (phishing, or script on that origin). Add an exact `Content-Type` condition, or a `starts-with` of a safe prefix."
      },
      "schema": [],
      "defaultOptions": [
        {}
      ]
    }
  },
  {
    "name": "require-content-length-range",
    "subject": "site",
    "reads": [
      "post"
    ],
    "kinds": [],
    "judgesAwsPolicies": false,
    "meta": {
      "type": "problem",
      "severity": "error",
      "securitySeverity": 4,
      "docs": {
        "description": "Require presigned POST policies to limit the size of the upload with `content-length-range`",
        "recommended": "recommended",
        "url": "https://github.com/eslint-plugin-presign/eslint-plugin-presign/blob/main/docs/rules/require-content-length-range.md"
      },
      "messages": {
        "noContentLengthRange": "The POST policy sets no size limit; add `[\"content-length-range\", min, max]`. Without it the uploader of {{api}} can send an object of any size, up to S3's 5 GB, at the bucket owner's cost."
      },
      "schema": [],
      "defaultOptions": [
        {}
      ]
    }
  },
  {
    "name": "temporary-credentials-expiry",
    "subject": "site",
    "reads": [
      "expiry",
      "credentials"
    ],
    "kinds": [],
    "judgesAwsPolicies": false,
    "meta": {
      "type": "problem",
      "severity": "error",
      "securitySeverity": 2,
      "docs": {
        "description": "Disallow pre-signed URLs whose expiry outlives the temporary credentials that sign them",
        "recommended": "recommended",
        "url": "https://github.com/eslint-plugin-presign/eslint-plugin-presign/blob/main/docs/rules/temporary-credentials-expiry.md"
      },
      "hasSuggestions": true,
      "messages": {
        "shortenToLifetime": "Bound the expiry at {{lifetime}} seconds, the credentials' lifetime.",
        "outlivesCredentials": "Expiry {{expiry}} outlasts the credentials ({{lifetime}}); use at most that. {{api}} signs with credentials from {{source}}, and the URL stops working when they expire.",
        "defaultOutlivesCredentials": "Default expiry {{expiry}} outlasts the credentials ({{lifetime}}); pass at most that. {{api}} signs with credentials from {{source}}, and the URL stops working when they expire."
      },
      "schema": [
        {
          "type": "object",
          "properties": {
            "lifetimes": {
              "type": "object",
              "description": "Seconds each credential source is assumed to last; null leaves that source unchecked.",
              "properties": {
                "instanceMetadata": {
                  "oneOf": [
                    {
                      "type": "integer",
                      "minimum": 1
                    },
                    {
                      "type": "null"
                    }
                  ]
                },
                "containerMetadata": {
                  "oneOf": [
                    {
                      "type": "integer",
                      "minimum": 1
                    },
                    {
                      "type": "null"
                    }
                  ]
                },
                "assumeRole": {
                  "oneOf": [
                    {
                      "type": "integer",
                      "minimum": 1
                    },
                    {
                      "type": "null"
                    }
                  ]
                },
                "webIdentity": {
                  "oneOf": [
                    {
                      "type": "integer",
                      "minimum": 1
                    },
                    {
                      "type": "null"
                    }
                  ]
                },
                "sso": {
                  "oneOf": [
                    {
                      "type": "integer",
                      "minimum": 1
                    },
                    {
                      "type": "null"
                    }
                  ]
                },
                "cognito": {
                  "oneOf": [
                    {
                      "type": "integer",
                      "minimum": 1
                    },
                    {
                      "type": "null"
                    }
                  ]
                },
                "ini": {
                  "oneOf": [
                    {
                      "type": "integer",
                      "minimum": 1
                    },
                    {
                      "type": "null"
                    }
                  ]
                },
                "env": {
                  "oneOf": [
                    {
                      "type": "integer",
                      "minimum": 1
                    },
                    {
                      "type": "null"
                    }
                  ]
                },
                "lambdaRole": {
                  "oneOf": [
                    {
                      "type": "integer",
                      "minimum": 1
                    },
                    {
                      "type": "null"
                    }
                  ]
                },
                "sessionToken": {
                  "oneOf": [
                    {
                      "type": "integer",
                      "minimum": 1
                    },
                    {
                      "type": "null"
                    }
                  ]
                }
              },
              "additionalProperties": false
            }
          },
          "additionalProperties": false
        }
      ],
      "defaultOptions": [
        {
          "lifetimes": {}
        }
      ]
    }
  },
  {
    "name": "kms-signer-access",
    "subject": "inventory",
    "reads": [],
    "kinds": [],
    "judgesAwsPolicies": false,
    "meta": {
      "type": "problem",
      "severity": "error",
      "securitySeverity": 2,
      "docs": {
        "description": "Require URL signers to be allowed the KMS key that encrypts their bucket (kms:Decrypt to download, kms:GenerateDataKey to upload)",
        "recommended": "recommended",
        "url": "https://github.com/eslint-plugin-presign/eslint-plugin-presign/blob/main/docs/rules/kms-signer-access.md"
      },
      "messages": {
        "signerCannotUseKey": "The signer lacks {{action}} on the bucket's KMS key, so URLs to {{operation}} get 403; allow it. URLs signed by {{signer}} for bucket {{bucket}} use KMS key {{key}}, and {{reason}}: allow it in the signer's identity policy when the key policy delegates to the account, or in the key policy."
      },
      "schema": [],
      "defaultOptions": [
        {}
      ]
    }
  },
  {
    "name": "no-allow-negation",
    "subject": "document",
    "reads": [],
    "kinds": [
      "identity",
      "boundary",
      "trust",
      "bucket",
      "access-point",
      "kms-key",
      "vpc-endpoint",
      "scp",
      "rcp",
      "resource"
    ],
    "judgesAwsPolicies": false,
    "meta": {
      "type": "problem",
      "severity": "warn",
      "securitySeverity": 5,
      "docs": {
        "description": "Disallow Allow statements with NotPrincipal, NotAction or NotResource",
        "recommended": "recommended",
        "url": "https://github.com/eslint-plugin-presign/eslint-plugin-presign/blob/main/docs/rules/no-allow-negation.md"
      },
      "messages": {
        "allowWithNegation": "\"Allow\" with \"{{element}}\" allows all but what it lists; list what is allowed in \"{{positive}}\". It also allows every {{what}} AWS adds later; or use \"Deny\" with \"{{element}}\"."
      },
      "schema": [],
      "defaultOptions": [
        {}
      ]
    }
  },
  {
    "name": "private-source-ip",
    "subject": "document",
    "reads": [],
    "kinds": [
      "identity",
      "boundary",
      "trust",
      "bucket",
      "access-point",
      "kms-key",
      "vpc-endpoint",
      "scp",
      "rcp",
      "resource"
    ],
    "judgesAwsPolicies": false,
    "meta": {
      "type": "problem",
      "severity": "error",
      "securitySeverity": 5.5,
      "docs": {
        "description": "Disallow private address ranges in aws:SourceIp conditions, which never match",
        "recommended": "recommended",
        "url": "https://github.com/eslint-plugin-presign/eslint-plugin-presign/blob/main/docs/rules/private-source-ip.md"
      },
      "messages": {
        "privateInIpAddress": "This never matches: aws:SourceIp never holds private {{value}}; use aws:VpcSourceIp instead. Requests through a VPC endpoint carry aws:VpcSourceIp, aws:SourceVpce and aws:SourceVpc, never {{block}} addresses in aws:SourceIp; pair aws:VpcSourceIp with aws:SourceVpce (or aws:SourceVpc).",
        "privateInNotIpAddress": "NotIpAddress {{value}} always matches (aws:SourceIp is never private); use aws:VpcSourceIp. The statement applies to every request: aws:SourceIp never holds {{block}} addresses; pair aws:VpcSourceIp with aws:SourceVpce (or aws:SourceVpc)."
      },
      "schema": [],
      "defaultOptions": [
        {}
      ]
    }
  },
  {
    "name": "public-principal",
    "subject": "document",
    "reads": [],
    "kinds": [
      "bucket",
      "access-point",
      "kms-key",
      "resource"
    ],
    "judgesAwsPolicies": false,
    "meta": {
      "type": "problem",
      "severity": "error",
      "securitySeverity": 9,
      "docs": {
        "description": "Disallow Allow statements to every principal that S3 would call public",
        "recommended": "recommended",
        "url": "https://github.com/eslint-plugin-presign/eslint-plugin-presign/blob/main/docs/rules/public-principal.md"
      },
      "messages": {
        "publicPrincipal": "Principal {{principal}} makes the statement public; name principals or add a fixed condition. Here {{reasons}}. Conditions that keep it private hold fixed values (no wildcard, no policy variable) of keys such as {{keys}}."
      },
      "schema": [],
      "defaultOptions": [
        {}
      ]
    }
  },
  {
    "name": "public-trust",
    "subject": "document",
    "reads": [],
    "kinds": [
      "trust"
    ],
    "judgesAwsPolicies": false,
    "meta": {
      "type": "problem",
      "severity": "error",
      "securitySeverity": 9,
      "docs": {
        "description": "Disallow role trust policies that let any AWS account assume the role",
        "recommended": "recommended",
        "url": "https://github.com/eslint-plugin-presign/eslint-plugin-presign/blob/main/docs/rules/public-trust.md"
      },
      "messages": {
        "publicTrust": "Principal {{principal}} lets any AWS account assume this role; name who may assume it. Here {{reasons}}. Or confine the statement with a fixed aws:PrincipalOrgID, aws:PrincipalAccount or aws:PrincipalArn."
      },
      "schema": [],
      "defaultOptions": [
        {}
      ]
    }
  },
  {
    "name": "require-encryption-condition",
    "subject": "document",
    "reads": [],
    "kinds": [
      "bucket"
    ],
    "judgesAwsPolicies": false,
    "meta": {
      "type": "problem",
      "severity": "warn",
      "securitySeverity": 3,
      "docs": {
        "description": "Require bucket policies that allow uploads to deny uploads without server-side encryption",
        "recommended": "recommended",
        "url": "https://github.com/eslint-plugin-presign/eslint-plugin-presign/blob/main/docs/rules/require-encryption-condition.md"
      },
      "messages": {
        "missingDeny": "No Deny enforces encryption on the uploads this statement allows; add the Deny below. Nothing rejects {{gap}}. Add {{deny}}; a negated operator also matches uploads that send no header.{{spared}}",
        "allowIsNotEnforcement": "An Allow condition on s3:x-amz-server-side-encryption enforces nothing; use a Deny instead. Other statements and the uploader's own IAM policy can still allow unencrypted uploads. Deny: {{deny}}.{{spared}}"
      },
      "schema": [
        {
          "type": "object",
          "properties": {
            "algorithm": {
              "enum": [
                "any",
                "AES256",
                "aws:kms"
              ],
              "description": "Which server-side encryption the Deny must require."
            }
          },
          "additionalProperties": false
        }
      ],
      "defaultOptions": [
        {
          "algorithm": "any"
        }
      ]
    }
  },
  {
    "name": "signature-age-limit",
    "subject": "inventory",
    "reads": [],
    "kinds": [],
    "judgesAwsPolicies": false,
    "meta": {
      "type": "suggestion",
      "severity": "warn",
      "securitySeverity": 3,
      "docs": {
        "description": "Suggest a bucket policy that denies old and SigV2 signatures on buckets reached through pre-signed URLs",
        "recommended": "recommended",
        "url": "https://github.com/eslint-plugin-presign/eslint-plugin-presign/blob/main/docs/rules/signature-age-limit.md"
      },
      "messages": {
        "noSignatureAgeLimit": "This bucket does not deny old signatures; add a Deny on s3:signatureAge and one on SigV2. Bucket {{bucket}} is {{use}} through URLs signed by {{signers}}. Add {{statement}} and {{sigv4}}.{{spared}}",
        "noSignatureAgeLimitIfSigning": "This bucket does not deny old signatures; add a Deny on s3:signatureAge and one on SigV2. Bucket {{bucket}} is {{use}} by {{signers}}, which may sign URLs for it; if it does, add {{statement}} and {{sigv4}}.{{spared}}",
        "sigV2Bypass": "This s3:signatureAge limit lets old SigV2 URLs through; also deny other signature versions. SigV2 requests have a signature age of 0, on bucket {{bucket}} too. Add {{sigv4}}.{{spared}}"
      },
      "schema": [
        {
          "type": "object",
          "properties": {
            "maxAgeMilliseconds": {
              "type": "integer",
              "minimum": 1,
              "description": "Age limit in the suggested statement, in milliseconds."
            }
          },
          "additionalProperties": false
        }
      ],
      "defaultOptions": [
        {
          "maxAgeMilliseconds": 600000
        }
      ]
    }
  },
  {
    "name": "signer-broad-resource",
    "subject": "signers",
    "reads": [],
    "kinds": [],
    "judgesAwsPolicies": false,
    "meta": {
      "type": "problem",
      "severity": "error",
      "securitySeverity": 6.5,
      "docs": {
        "description": "Disallow S3 object actions on every bucket in a URL signer's identity policy",
        "recommended": "recommended",
        "url": "https://github.com/eslint-plugin-presign/eslint-plugin-presign/blob/main/docs/rules/signer-broad-resource.md"
      },
      "messages": {
        "broadResource": "Resource {{resource}} lets the URL signer reach every bucket; name the bucket and prefix. Signer {{signer}} can sign URLs for {{actions}} on any of them{{whose}}; name one, such as \"arn:aws:s3:::uploads-bucket/incoming/*\".",
        "negatedResource": "\"NotResource\" lets the URL signer reach every bucket but those listed; name them in \"Resource\". Signer {{signer}} can sign URLs for {{actions}} on any other bucket{{whose}}."
      },
      "schema": [],
      "defaultOptions": [
        {}
      ]
    }
  },
  {
    "name": "signer-wildcard-action",
    "subject": "document",
    "reads": [],
    "kinds": [
      "identity"
    ],
    "judgesAwsPolicies": true,
    "meta": {
      "type": "problem",
      "severity": "error",
      "securitySeverity": 7,
      "docs": {
        "description": "Disallow wildcard actions and NotAction in a URL signer's identity policy that grant S3 actions beyond what pre-signed URLs need",
        "recommended": "recommended",
        "url": "https://github.com/eslint-plugin-presign/eslint-plugin-presign/blob/main/docs/rules/signer-wildcard-action.md"
      },
      "messages": {
        "wildcardGrantsExtraActions": "{{pattern}} grants the URL signer {{count}} needless S3 actions; list the exact actions. Among them {{examples}}; URLs need actions such as s3:GetObject and s3:PutObject.{{whose}}"
      },
      "schema": [
        {
          "type": "object",
          "properties": {
            "allowedActions": {
              "type": "array",
              "items": {
                "type": "string"
              },
              "description": "Actions a URL signer may hold."
            },
            "accessLevels": {
              "type": "array",
              "items": {
                "enum": [
                  "Permissions management",
                  "Write",
                  "Tagging",
                  "Read",
                  "List"
                ]
              },
              "description": "IAM access levels of extra actions that are reported."
            }
          },
          "additionalProperties": false
        }
      ],
      "defaultOptions": [
        {
          "allowedActions": [
            "s3:GetObject",
            "s3:GetObjectVersion",
            "s3:PutObject",
            "s3:AbortMultipartUpload",
            "s3:ListMultipartUploadParts"
          ],
          "accessLevels": [
            "Permissions management",
            "Write",
            "Tagging"
          ]
        }
      ]
    }
  },
  {
    "name": "unknown-action",
    "subject": "document",
    "reads": [],
    "kinds": [
      "identity",
      "boundary",
      "trust",
      "bucket",
      "access-point",
      "kms-key",
      "vpc-endpoint",
      "scp",
      "rcp",
      "resource"
    ],
    "judgesAwsPolicies": false,
    "meta": {
      "type": "problem",
      "severity": "error",
      "securitySeverity": 4,
      "docs": {
        "description": "Disallow actions that do not exist in the IAM service reference",
        "recommended": "recommended",
        "url": "https://github.com/eslint-plugin-presign/eslint-plugin-presign/blob/main/docs/rules/unknown-action.md"
      },
      "messages": {
        "unknownAction": "\"{{action}}\" does not exist; fix the name. It is no action of {{service}}, so it grants or denies nothing.{{suggestion}}",
        "unknownService": "\"{{action}}\" has an unknown service prefix; fix it. No service has the prefix \"{{service}}\".{{suggestion}}",
        "patternMatchesNothing": "\"{{action}}\" matches no action; fix the pattern. It names none of {{service}}'s actions, so it grants or denies nothing.",
        "malformedAction": "\"{{action}}\" is not of the form service:Action; write it like s3:GetObject."
      },
      "schema": [],
      "defaultOptions": [
        {}
      ]
    }
  },
  {
    "name": "unknown-condition-key",
    "subject": "document",
    "reads": [],
    "kinds": [
      "identity",
      "boundary",
      "trust",
      "bucket",
      "access-point",
      "kms-key",
      "vpc-endpoint",
      "scp",
      "rcp",
      "resource"
    ],
    "judgesAwsPolicies": false,
    "meta": {
      "type": "problem",
      "severity": "error",
      "securitySeverity": 4,
      "docs": {
        "description": "Disallow condition keys that do not exist or that none of the statement's actions supports",
        "recommended": "recommended",
        "url": "https://github.com/eslint-plugin-presign/eslint-plugin-presign/blob/main/docs/rules/unknown-condition-key.md"
      },
      "messages": {
        "unknownKey": "Unknown key \"{{key}}\": the condition {{outcome}}; fix it. It is no condition key{{where}}.{{suggestion}}",
        "unknownContentTypeKey": "\"{{key}}\" is no S3 condition key; sign the content type into the PUT or POST instead. A bucket or IAM policy cannot restrict it: sign content-type into a pre-signed PUT, or use a pre-signed POST with [\"starts-with\", \"$Content-Type\", \"image/\"].",
        "keyNotSupportedByActions": "This condition {{outcome}}: the actions never carry this key; use one they support. Requests for {{actions}} never carry \"{{key}}\"; keys for {{them}} include {{supported}}."
      },
      "schema": [],
      "defaultOptions": [
        {}
      ]
    }
  },
  {
    "name": "valid-policy",
    "subject": "document",
    "reads": [],
    "kinds": [
      "identity",
      "boundary",
      "trust",
      "bucket",
      "access-point",
      "kms-key",
      "vpc-endpoint",
      "scp",
      "rcp",
      "resource"
    ],
    "judgesAwsPolicies": false,
    "meta": {
      "type": "problem",
      "severity": "error",
      "securitySeverity": 3,
      "docs": {
        "description": "Enforce policy grammar and condition types: Version, Resource, Principal, unique Sid, known operators that fit their keys",
        "recommended": "recommended",
        "url": "https://github.com/eslint-plugin-presign/eslint-plugin-presign/blob/main/docs/rules/valid-policy.md"
      },
      "messages": {
        "unknownVersion": "Version \"{{version}}\" is not a policy language version; use \"2012-10-17\".",
        "variablesNeedVersion": "Policy variables such as {{variable}} need \"Version\": \"2012-10-17\"; set it. Without it, IAM reads them literally, and the statement matches nothing (or the wrong thing).",
        "missingResource": "Statement {{index}} has no \"Resource\" (nor \"NotResource\"); name the resources it is about. {{service}} rejects this {{kind}} without one; for example {{example}}.",
        "missingPrincipal": "Statement {{index}} has no \"Principal\"; name whom it applies to. {{service}} requires one in every statement of a {{kind}}.",
        "principalNotAllowed": "\"{{element}}\" is not allowed in this {{kind}}; remove it. The policy applies to {{appliesTo}}.",
        "resourceNotAllowed": "\"{{element}}\" is not allowed in a trust policy; remove it. The resource is the role itself, and IAM rejects the policy.",
        "duplicateSid": "Sid \"{{sid}}\" is used by an earlier statement too; rename one. {{requirement}}",
        "unknownOperator": "\"{{operator}}\" is not a condition operator, so AWS rejects the policy; fix it. See \"IAM JSON policy elements: Condition operators\".",
        "operatorTypeMismatch": "{{operator}} cannot compare {{key}}; use a {{suggestion}} operator. The key is of type {{type}}, and {{operator}} compares {{family}} values, so the condition never matches as meant.",
        "nullIfExists": "\"{{operator}}\": Null with IfExists makes no sense, and AWS rejects it; use \"Null\"."
      },
      "schema": [],
      "defaultOptions": [
        {}
      ]
    }
  },
  {
    "name": "signer-missing-permission",
    "subject": "site-policies",
    "reads": [
      "operation",
      "parameters"
    ],
    "kinds": [],
    "judgesAwsPolicies": false,
    "meta": {
      "type": "problem",
      "severity": "error",
      "securitySeverity": 2,
      "docs": {
        "description": "Disallow pre-signing an operation that the signing role may not perform on the bucket",
        "recommended": "recommended",
        "url": "https://github.com/eslint-plugin-presign/eslint-plugin-presign/blob/main/docs/rules/signer-missing-permission.md"
      },
      "messages": {
        "missingPermission": "Signer lacks {{action}}, so URLs get 403; grant it or sign with another role. {{api}} pre-signs {{operation}} on bucket {{bucket}}, but role {{role}} is not allowed {{action}} there ({{decision}}): grant it on {{resource}}."
      },
      "schema": [],
      "defaultOptions": [
        {}
      ]
    }
  },
  {
    "name": "signer-beyond-need",
    "subject": "signer-need",
    "reads": [
      "operation",
      "parameters",
      "post"
    ],
    "kinds": [],
    "judgesAwsPolicies": false,
    "meta": {
      "type": "suggestion",
      "severity": "warn",
      "securitySeverity": 5,
      "docs": {
        "description": "Disallow S3 and KMS grants to a URL signer role beyond what the code it runs signs and sends",
        "recommended": "recommended",
        "url": "https://github.com/eslint-plugin-presign/eslint-plugin-presign/blob/main/docs/rules/signer-beyond-need.md"
      },
      "messages": {
        "beyondActions": "The signer role is allowed actions its code never uses; remove them from this statement. Role {{role}} is allowed {{remove}} here, which none of the code tied to it needs ({{calls}}): a compromised function or a leaked session can use it. Remove {{remove}} (presign-audit --least-privilege prints the policy the code needs).",
        "replacePattern": "This wildcard grants the signer role more than its code needs; list the needed actions. Role {{role}} is allowed {{pattern}}, {{count}} actions more than the code tied to it needs ({{calls}}): it needs only {{kept}}. Replace {{pattern}} by those actions.",
        "beyondResources": "The signer role is allowed more resources than its code uses; narrow the Resource. Role {{role}} is allowed {{actions}} on {{resource}}, wider than the code tied to it needs ({{needed}}); presign-audit --least-privilege prints what it uses."
      },
      "schema": [],
      "defaultOptions": [
        {}
      ]
    }
  },
  {
    "name": "upload-missing-sse",
    "subject": "site-policies",
    "reads": [
      "operation",
      "parameters",
      "post"
    ],
    "kinds": [],
    "judgesAwsPolicies": false,
    "meta": {
      "type": "problem",
      "severity": "error",
      "securitySeverity": 2,
      "docs": {
        "description": "Disallow pre-signed uploads without the server-side encryption that the bucket policy requires",
        "recommended": "recommended",
        "url": "https://github.com/eslint-plugin-presign/eslint-plugin-presign/blob/main/docs/rules/upload-missing-sse.md"
      },
      "messages": {
        "missingSse": "The upload has no server-side encryption, but the bucket requires it; set ServerSideEncryption. S3 answers 403 to every upload through this URL of {{api}} to {{bucket}} ({{statement}}); the uploader then sends the x-amz-server-side-encryption header the policy requires.",
        "wrongSse": "Encryption {{sent}} is denied by the bucket policy; use the one it requires. S3 answers 403 to every upload through this URL of {{api}} to {{bucket}} ({{statement}})."
      },
      "schema": [],
      "defaultOptions": [
        {}
      ]
    }
  }
];
