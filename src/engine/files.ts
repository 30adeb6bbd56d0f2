/**
 * Which reader each file goes to, by extension: JS/TS as one program (javascript.ts), Python file by
 * file (python.ts), Terraform a directory at a time (terraform.ts), and policy inputs (policies.ts). Discovery walks directories for these.
 */
import path from 'node:path';
import { POLICY_FILE_EXTENSIONS } from '../policy/read-policy-file.js';

export const CODE_EXTENSIONS: readonly string[] = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

export function isCodeFile(filePath: string): boolean {
  return CODE_EXTENSIONS.includes(path.extname(filePath).toLowerCase()) && !/\.d\.[cm]?ts$/i.test(filePath);
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
