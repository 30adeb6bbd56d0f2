/**
 * Whether the code that runs as a role signs URLs, read from the files a template points at (a SAM
 * function's `CodeUri` folder, inline `ZipFile` code, a Serverless service's folder). A role that
 * only runs code counts as a URL signer (src/policy/signers.ts) unless its code was all read and
 * makes no presign call: a thumbnail resizer with `s3:*` is over-privileged, but no URL it signs
 * exists for the signer rules to speak of.
 *
 * The files are only read and searched as text for the names of the presign entry points of every
 * SDK presign-audit knows, never run. The search is bounded: a folder with more files or bytes than
 * the limits, or one that cannot be read, leaves the answer unknown.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CodeLocation, RoleInfo } from '../policy/inventory.js';

/**
 * The presign entry points by the names a call writes. The ones presign-audit reads
 * (src/presign/apis.ts): AWS SDK v3 and v2, MinIO (JS and Python), Google Cloud Storage, aws4 and
 * aws4fetch (`signQuery`), boto3. And the other languages Lambda functions are written in, whose
 * code presign-audit does not analyse but can tell signs: the AWS SDKs for Java (v2 `S3Presigner`,
 * v1 `generatePresignedUrl`), .NET (`GetPreSignedURL`), Go (v2 `NewPresignClient`, v1
 * `req.Presign`), Rust (`presigned(PresigningConfig)`), Ruby (`Aws::S3::Presigner`,
 * `presigned_url`) and PHP (`createPresignedRequest`). Words alone ("presigned" in a comment, or
 * the presigned URL S3 Object Lambda hands a function) are no evidence: only these names are.
 */
const PRESIGN_NAMES =
  /\b(getSignedUrl|getSignedUrlPromise|createPresignedPost|S3RequestPresigner|presignedUrl|presignedGetObject|presignedPutObject|presignedPostPolicy|presigned_get_object|presigned_put_object|presigned_post_policy|get_presigned_url|generate_presigned_url|generate_presigned_post|generate_signed_url|signQuery|S3Presigner|generatePresignedUrl|GetPreSignedURL(Async)?|NewPresignClient|Presign(Get|Put|Delete|Head|Upload)\w*|PresigningConfig|createPresignedRequest)\b|\.(Presign|presigned|presigned_url|presigned_post)\(|Aws::S3::Presigner/;
const CODE_FILE = /\.(js|mjs|cjs|jsx|ts|mts|cts|tsx|py|java|kt|cs|go|rs|rb|php)$/;
/** Folders that hold dependencies or build output, not the function's own code. */
const SKIPPED = new Set(['node_modules', '.git', '.aws-sam', '.serverless', '__pycache__', '.venv', 'venv', 'target', 'obj', 'vendor']);
const MAX_FILES = 2000;
const MAX_BYTES = 20 * 1024 * 1024;

/** The first file (or `inline code of F`) that signs; null when none does; undefined when not all could be read. */
type Finding = string | null | undefined;

/** Fills `role.code.signs` for the roles of one input file, from its folder. */
export function readCodeEvidence(roles: readonly RoleInfo[], inputFile: string): void {
  // Most inputs (a policy file) declare no role that runs code.
  if (!roles.some((role) => role.code)) return;
  const base = path.dirname(path.resolve(inputFile));
  const cache = new Map<string, Finding>();
  for (const role of roles) {
    const code = role.code;
    if (!code) continue;
    let unknown = false;
    for (const location of code.locations) {
      const found = searchLocation(location, base, cache);
      if (found === undefined) unknown = true;
      else if (found !== null) {
        code.signs = true;
        code.evidence = found;
        break;
      }
    }
    if (code.signs === undefined && !unknown) code.signs = false;
  }
}

function searchLocation(location: CodeLocation, base: string, cache: Map<string, Finding>): Finding {
  if ('inline' in location) return PRESIGN_NAMES.test(location.inline) ? `the inline code of ${location.function}` : null;
  const folder = path.resolve(base, location.directory);
  if (!cache.has(folder)) cache.set(folder, searchFolder(folder, base));
  return cache.get(folder);
}

function searchFolder(folder: string, base: string): Finding {
  let files = 0;
  let bytes = 0;
  const pending = [folder];
  try {
    // A CodeUri may name one file (a handler or an archive): a zip is not read, so it is unknown.
    if (statSync(folder).isFile()) return CODE_FILE.test(folder) ? searchFile(folder, base) : undefined;
    while (pending.length > 0) {
      const directory = pending.pop()!;
      for (const entry of readdirSync(directory, { withFileTypes: true })) {
        const full = path.join(directory, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED.has(entry.name)) pending.push(full);
          continue;
        }
        if (!entry.isFile() || !CODE_FILE.test(entry.name)) continue;
        files += 1;
        bytes += statSync(full).size;
        if (files > MAX_FILES || bytes > MAX_BYTES) return undefined;
        const found = searchFile(full, base);
        if (found !== null) return found;
      }
    }
  } catch {
    return undefined;
  }
  return files > 0 ? null : undefined;
}

function searchFile(file: string, base: string): string | null {
  return PRESIGN_NAMES.test(readFileSync(file, 'utf8')) ? path.relative(base, file) || path.basename(file) : null;
}
