/**
 * Which reader each file goes to, by extension: JS/TS as one program (javascript.ts), Python file by
 * file (python.ts), Terraform a directory at a time (terraform.ts), and policy inputs (policies.ts). Discovery walks directories for these.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { GENERATED_MIN_LENGTH, generatedCodeReason } from '../javascript/generated.js';
import { POLICY_FILE_EXTENSIONS } from '../policy/read-policy-file.js';

export const CODE_EXTENSIONS: readonly string[] = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

export function isCodeFile(filePath: string): boolean {
  return CODE_EXTENSIONS.includes(path.extname(filePath).toLowerCase()) && !/\.d\.[cm]?ts$/i.test(filePath);
}

/**
 * Why a code file on disk is a generated bundle (src/javascript/generated.ts), or null. Only files
 * long enough to be one are read; a file that cannot be read is left to the reader that reports it.
 */
export function generatedFileReason(filePath: string): string | null {
  try {
    if (statSync(filePath).size < GENERATED_MIN_LENGTH) return generatedCodeReason(filePath, '');
    return generatedCodeReason(filePath, readFileSync(filePath, 'utf8'));
  } catch {
    return null;
  }
}

export const PYTHON_EXTENSIONS: readonly string[] = ['.py'];

export function isPythonFile(filePath: string): boolean {
  return PYTHON_EXTENSIONS.includes(path.extname(filePath).toLowerCase());
}

/** Terraform configuration in HCL: read a directory (a module) at a time (terraform.ts). */
export const TERRAFORM_EXTENSIONS: readonly string[] = ['.tf'];

/** `.tf`, and Terraform's JSON syntax `.tf.json` (found by discovery as `.json`). */
export function isTerraformFile(filePath: string): boolean {
  return TERRAFORM_EXTENSIONS.includes(path.extname(filePath).toLowerCase()) || filePath.toLowerCase().endsWith('.tf.json');
}

/** Every extension presign-audit audits in a directory, without the dot. */
export function auditedExtensions(): string[] {
  return [...POLICY_FILE_EXTENSIONS, ...CODE_EXTENSIONS, ...PYTHON_EXTENSIONS, ...TERRAFORM_EXTENSIONS].map((e) => e.slice(1));
}
